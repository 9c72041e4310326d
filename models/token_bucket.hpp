#pragma once

#include <cstdint>

#include "sim/assert.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

namespace detail {
// 128 bits hold any level, depth and refill product (rate × elapsed ticks) without overflow, so no
// horizon or rate needs a special case. __extension__ keeps -Wpedantic quiet about __int128.
__extension__ typedef unsigned __int128 TokenUnits;
}  // namespace detail

/// A token bucket with continuous refill, exact in integer arithmetic over any horizon.
///
/// The level is counted in pico-tokens (1e-12 token) and the rate in micro-tokens per second, so one
/// tick (1 µs) of refill adds exactly `rate` pico-tokens: refilling over n ticks in one step or in n
/// one-tick steps gives the same level to the last unit, and nothing drifts over a month. Resolution:
/// rates are rounded to the nearest 1e-6 token/s (0.3/s is exact, 1/3 s^-1 becomes 0.333333/s),
/// depths and initial levels to the nearest 1e-12 token. The bucket is lazy: it stores the level and
/// the time it was last brought up to date, and settles on each call. Calls must come in
/// non-decreasing time order (a programmer invariant).
class TokenBucket {
 public:
  /// Largest accepted rate, tokens per second (keeps micro-tokens per second in 64 bits).
  static constexpr double kMaxRatePerS = 1e12;
  /// Largest accepted depth, tokens.
  static constexpr double kMaxDepthTokens = 1e18;

  /// An empty placeholder bucket (rate 0, depth 0) at time zero, to be assigned before use.
  TokenBucket() = default;
  /// A bucket refilling at `rate_per_s` tokens/s up to `depth_tokens`, holding `initial_tokens`
  /// (clamped to the depth) at `start`; arguments are finite, >= 0 and within the maxima above.
  TokenBucket(double rate_per_s, double depth_tokens, double initial_tokens, sim::Time start);

  /// Consumes `tokens` and returns true if the bucket holds at least that many at `now`; else
  /// consumes nothing and returns false.
  bool try_consume(sim::Time now, std::uint32_t tokens) {
    settle(now);
    const detail::TokenUnits need = to_units(tokens);
    if (level_ < need) return false;
    level_ -= need;
    return true;
  }

  /// Consumes up to `tokens` at `now`, stopping at empty: used while throttling is inactive, so that
  /// a heavy User's bucket drains and throttles it as soon as throttling switches on.
  void consume_available(sim::Time now, std::uint32_t tokens) {
    settle(now);
    const detail::TokenUnits need = to_units(tokens);
    level_ = level_ > need ? level_ - need : 0;
  }

  /// Earliest instant >= `now`, rounded up to a whole tick, at which the bucket will hold `tokens`
  /// at the current rate; sim::Time::max() if that never happens (rate 0, tokens above the depth, or
  /// beyond the end of time).
  sim::Time available_at(sim::Time now, std::uint32_t tokens) const {
    const detail::TokenUnits level = settled_level(now);
    const detail::TokenUnits need = to_units(tokens);
    if (level >= need) return now;
    if (rate_ == 0 || need > depth_) return sim::Time::max();
    const detail::TokenUnits deficit = need - level;
    // Ceiling division; the common case fits 64 bits and avoids the slower 128-bit divide.
    const detail::TokenUnits wait =
        (deficit >> 64) == 0 ? detail::TokenUnits{(static_cast<std::uint64_t>(deficit) - 1) / rate_ + 1}
                             : (deficit - 1) / rate_ + 1;
    const auto room = static_cast<std::uint64_t>(sim::Time::max().ticks() - now.ticks());
    if (wait >= room) return sim::Time::max();
    return now + sim::Duration::from_ticks(static_cast<std::int64_t>(wait));
  }

  /// Settles at `now` with the old rate, then switches to `rate_per_s` and `depth_tokens` (same
  /// limits as the constructor); the level is clamped to the new depth.
  void set_rate(sim::Time now, double rate_per_s, double depth_tokens);

  /// Brings the stored level up to `now`; observable behaviour is unchanged (a bucket is lazy).
  void settle(sim::Time now) {
    level_ = settled_level(now);
    last_update_ = now;
  }

  /// Tokens held at `now` (>= the last update), rounded to the nearest double.
  double tokens(sim::Time now) const;
  /// Refill rate, tokens per second, at its stored resolution of 1e-6.
  double rate_per_s() const { return static_cast<double>(rate_) / kMicro; }
  /// Depth, tokens, at its stored resolution of 1e-12.
  double depth_tokens() const { return units_to_tokens(depth_); }
  /// The time the stored level refers to.
  sim::Time last_update() const { return last_update_; }

  /// Same integer state (level, depth, rate, last update): equal buckets behave identically.
  friend bool operator==(const TokenBucket&, const TokenBucket&) = default;

 private:
  static constexpr double kMicro = 1e6;
  static constexpr double kUnitsPerTokenF = 1e12;
  static constexpr std::uint64_t kUnitsPerToken = 1'000'000'000'000;

  static detail::TokenUnits to_units(std::uint32_t tokens) {
    return detail::TokenUnits{tokens} * kUnitsPerToken;
  }
  static detail::TokenUnits tokens_to_units(double tokens);
  static std::uint64_t to_micro_per_s(double rate_per_s);
  static double units_to_tokens(detail::TokenUnits units);

  // The level at `now` without storing it: refill is rate × elapsed ticks in pico-tokens, capped at
  // the depth. Capping commutes with splitting the interval, which is what makes the bucket exact.
  detail::TokenUnits settled_level(sim::Time now) const {
    DCCSIM_ASSERT(now >= last_update_, "token bucket used out of time order");
    const auto elapsed = static_cast<std::uint64_t>((now - last_update_).ticks());
    const detail::TokenUnits gain = detail::TokenUnits{rate_} * elapsed;
    return gain >= depth_ - level_ ? depth_ : level_ + gain;
  }

  detail::TokenUnits level_ = 0;  // pico-tokens, always <= depth_
  detail::TokenUnits depth_ = 0;  // pico-tokens
  std::uint64_t rate_ = 0;        // micro-tokens per second = pico-tokens per tick
  sim::Time last_update_;
};

}  // namespace dccsim::models
