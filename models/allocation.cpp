#include "models/allocation.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "sim/assert.hpp"

namespace dccsim::models {
namespace {

void allocate_equal(double capacity_per_s, std::span<double> out) {
  const double share = capacity_per_s / static_cast<double>(out.size());
  std::fill(out.begin(), out.end(), share);
}

void allocate_forecast_share(double capacity_per_s, std::span<const double> weight, std::span<double> out) {
  DCCSIM_ASSERT(weight.size() == out.size(), "one forecast weight per User");
  double total = 0.0;
  for (const double w : weight) {
    DCCSIM_ASSERT(w >= 0.0 && std::isfinite(w), "forecast weights are finite and >= 0");
    total += w;
  }
  // Users with no forecast at all would otherwise get nothing; an equal split is the neutral choice.
  if (total <= 0.0) {
    allocate_equal(capacity_per_s, out);
    return;
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = capacity_per_s * (weight[i] / total);
}

// Max-min fairness by water-filling. When demand fits, every User gets its demand and the spare is
// split equally, so the whole capacity stays allocated (a User's burst can use it). When demand
// exceeds capacity, Users below the current fair share (remaining capacity / unsettled Users) get
// their demand and drop out, their unused share is lent to the rest, and the fair share is
// recomputed until nobody is below it; the rest get that share. Each round settles at least one
// User or ends, so it takes at most n rounds; out[i] < 0 marks "not settled yet", which avoids
// any scratch memory.
void allocate_max_min_fair(double capacity_per_s, std::span<const double> demand, std::span<double> out) {
  DCCSIM_ASSERT(demand.size() == out.size(), "one demand per User");
  double total = 0.0;
  for (const double d : demand) {
    DCCSIM_ASSERT(d >= 0.0 && std::isfinite(d), "demands are finite and >= 0");
    total += d;
  }
  if (total <= capacity_per_s) {
    const double spare = (capacity_per_s - total) / static_cast<double>(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = demand[i] + spare;
    return;
  }
  std::fill(out.begin(), out.end(), -1.0);
  double remaining = capacity_per_s;
  std::size_t unsettled = out.size();
  while (unsettled > 0) {
    const double fair = remaining / static_cast<double>(unsettled);
    bool settled_any = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] < 0.0 && demand[i] <= fair) {
        out[i] = demand[i];
        remaining -= demand[i];
        --unsettled;
        settled_any = true;
      }
    }
    if (!settled_any) {
      for (double& o : out) {
        if (o < 0.0) o = fair;
      }
      return;
    }
  }
}

}  // namespace

void allocate(AllocationPolicy policy, double capacity_per_s, std::span<const double> forecast_weight,
              std::span<const double> demand_per_s, std::span<double> out_rate_per_s) {
  DCCSIM_ASSERT(capacity_per_s >= 0.0, "capacity is >= 0");
  if (out_rate_per_s.empty()) return;
  switch (policy) {
    case AllocationPolicy::forecast_share:
      allocate_forecast_share(capacity_per_s, forecast_weight, out_rate_per_s);
      return;
    case AllocationPolicy::equal:
      allocate_equal(capacity_per_s, out_rate_per_s);
      return;
    case AllocationPolicy::max_min_fair:
      allocate_max_min_fair(capacity_per_s, demand_per_s, out_rate_per_s);
      return;
  }
  DCCSIM_ASSERT(false, "unknown allocation policy");
}

double next_dynamic_capacity(const DynamicCapacity& params, double previous_per_s, const LoadSample& sample) {
  DCCSIM_ASSERT(params.min_per_s <= params.max_per_s, "dynamic capacity bounds are ordered");
  // Estimate: at the measured operating point the bottleneck served `throughput` while busy a share
  // `utilisation` of the time, so throughput / utilisation is what it would pass fully busy, and
  // scaling by target_utilisation gives the admitted rate that would load it to its target. With
  // no load on the bottleneck there is nothing to learn from and the previous value stands.
  const double estimate =
      sample.bottleneck_utilisation > 0.0
          ? sample.throughput_per_s * params.target_utilisation / sample.bottleneck_utilisation
          : previous_per_s;

  // Smoothing: one interval is a noisy measurement, so the new value moves only part of the way
  // (exponential smoothing with weight `smoothing` on the new estimate).
  double next = (1.0 - params.smoothing) * previous_per_s + params.smoothing * estimate;

  // Cut: an interval that missed its service level (with traffic to judge by) means the capacity
  // was too high whatever the utilisation said, so it drops at least by decrease_factor. A NaN
  // share (no responses measured) compares false and never cuts.
  const bool had_traffic = sample.offered_per_s > 0.0 || sample.throughput_per_s > 0.0;
  if (had_traffic && sample.share_within_target < sample.target_service_level) {
    next = std::min(next, previous_per_s * params.decrease_factor);
  }

  // Clamp: configured bounds keep a bad interval from driving capacity to zero or to infinity.
  return std::clamp(next, params.min_per_s, params.max_per_s);
}

bool throttling_active(Activation activation, double offered_per_s, double capacity_per_s,
                       double operating_threshold) {
  switch (activation) {
    case Activation::always:
      return true;
    case Activation::never:
      return false;
    case Activation::threshold:
      return offered_per_s >= operating_threshold * capacity_per_s;
  }
  DCCSIM_ASSERT(false, "unknown activation");
  return false;
}

}  // namespace dccsim::models
