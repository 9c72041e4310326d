#pragma once

#include <cstddef>
#include <vector>

#include "models/config.hpp"
#include "models/token_bucket.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// Alert storm protection at DSP ingress: a token bucket per region; alerts of exempt types (a
/// share of them) always pass, others without a token are rejected.
class AlertStormThrottle {
 public:
  explicit AlertStormThrottle(const ModelConfig& config);
  /// Whether an alert of `region` arriving now passes.
  bool pass(sim::Time now, std::size_t region);

 private:
  bool enabled_;
  double exempt_share_;
  std::vector<TokenBucket> buckets_;
  sim::RandomStream exempt_rng_;
};

}  // namespace dccsim::models
