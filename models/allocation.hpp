#pragma once

#include <span>

#include "models/config.hpp"

// Pure rules of Traffic Management: how System Capacity is shared among Users, how a dynamic System
// Capacity follows measured load, and when throttling is on. No state, no allocation.
namespace dccsim::models {

/// Shares `capacity_per_s` (>= 0) among the n = out_rate_per_s.size() Users into out_rate_per_s,
/// summing to the capacity (to rounding) when n > 0. forecast_share: in proportion to
/// forecast_weight (>= 0; equal if all are 0); equal: capacity / n; max_min_fair: water-filling on
/// demand_per_s (>= 0) with borrowing of unused share. A span the policy does not read may be empty;
/// one it reads has n entries.
void allocate(AllocationPolicy policy, double capacity_per_s, std::span<const double> forecast_weight,
              std::span<const double> demand_per_s, std::span<double> out_rate_per_s);

/// What one measurement interval saw, as input to the dynamic System Capacity rule.
struct LoadSample {
  double offered_per_s = 0.0;           ///< SR tokens offered to Traffic Management, per second
  double throughput_per_s = 0.0;        ///< SRs completed (responses), per second
  double bottleneck_utilisation = 0.0;  ///< busy share of the most loaded station, in [0, 1]
  double share_within_target = 1.0;     ///< responses within target response time; NaN if none
  double target_service_level = 0.99;   ///< the share the interval should have reached
};

/// The System Capacity (per second) for the next interval from the previous one and the last
/// interval's measurements; see allocation.cpp for the rules. Result in [min_per_s, max_per_s].
double next_dynamic_capacity(const DynamicCapacity& params, double previous_per_s, const LoadSample& sample);

/// Whether token buckets throttle now: always → true, never → false, threshold → offered load has
/// reached operating_threshold × capacity (offered_per_s >= operating_threshold × capacity_per_s).
bool throttling_active(Activation activation, double offered_per_s, double capacity_per_s,
                       double operating_threshold);

}  // namespace dccsim::models
