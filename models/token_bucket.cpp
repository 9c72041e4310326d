#include "models/token_bucket.hpp"

#include <cmath>

namespace dccsim::models {

TokenBucket::TokenBucket(double rate_per_s, double depth_tokens, double initial_tokens, sim::Time start)
    : depth_(tokens_to_units(depth_tokens)), rate_(to_micro_per_s(rate_per_s)), last_update_(start) {
  const detail::TokenUnits initial = tokens_to_units(initial_tokens);
  level_ = initial < depth_ ? initial : depth_;
}

void TokenBucket::set_rate(sim::Time now, double rate_per_s, double depth_tokens) {
  settle(now);
  rate_ = to_micro_per_s(rate_per_s);
  depth_ = tokens_to_units(depth_tokens);
  if (level_ > depth_) level_ = depth_;
}

double TokenBucket::tokens(sim::Time now) const { return units_to_tokens(settled_level(now)); }

detail::TokenUnits TokenBucket::tokens_to_units(double tokens) {
  DCCSIM_ASSERT(tokens >= 0.0 && tokens <= kMaxDepthTokens, "token count out of range (or NaN)");
  return static_cast<detail::TokenUnits>(std::round(tokens * kUnitsPerTokenF));
}

std::uint64_t TokenBucket::to_micro_per_s(double rate_per_s) {
  DCCSIM_ASSERT(rate_per_s >= 0.0 && rate_per_s <= kMaxRatePerS, "token rate out of range (or NaN)");
  return static_cast<std::uint64_t>(std::llround(rate_per_s * kMicro));
}

double TokenBucket::units_to_tokens(detail::TokenUnits units) {
  // Whole tokens and the fraction convert separately, so whole levels come out exact even where
  // pico-tokens exceed the 2^53 a double holds exactly.
  const detail::TokenUnits whole = units / kUnitsPerToken;
  const auto fraction = static_cast<std::uint64_t>(units % kUnitsPerToken);
  return static_cast<double>(whole) + static_cast<double>(fraction) / kUnitsPerTokenF;
}

}  // namespace dccsim::models
