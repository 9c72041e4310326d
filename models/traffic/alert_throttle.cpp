#include "models/traffic/alert_throttle.hpp"

namespace dccsim::models {

AlertStormThrottle::AlertStormThrottle(const ModelConfig& config)
    : enabled_(config.alert_throttle.enabled),
      exempt_share_(config.alert_throttle.exempt_share),
      exempt_rng_(sim::make_stream(config.seed, config.replication, sim::stream_id("alerts/exempt"))) {
  if (!enabled_) return;
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    buckets_.emplace_back(config.alert_throttle.rate_per_s, config.alert_throttle.depth_tokens,
                          config.alert_throttle.depth_tokens, sim::Time::zero());
  }
}

bool AlertStormThrottle::pass(sim::Time now, std::size_t region) {
  if (!enabled_) return true;
  const bool exempt = exempt_rng_.uniform01() < exempt_share_;
  return exempt || buckets_[region].try_consume(now, 1);
}

}  // namespace dccsim::models
