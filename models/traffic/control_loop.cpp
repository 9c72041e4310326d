#include "models/traffic/control_loop.hpp"

#include <algorithm>

#include "models/allocation.hpp"

namespace dccsim::models {

ControlLoop::ControlLoop(const ModelConfig& config, const MonthSpan& span, sim::Simulation& simulation,
                         TrafficManagement& traffic, MultiServer& dsp, CspStage& csps, Measures& measures,
                         std::size_t intervals)
    : capacity_series(sim::Time::zero(), config.reporting.series_interval, intervals),
      throttling_series(sim::Time::zero(), config.reporting.series_interval, intervals),
      config_(&config),
      span_(&span),
      simulation_(&simulation),
      traffic_(&traffic),
      dsp_(&dsp),
      csps_(&csps),
      measures_(&measures),
      horizon_(sim::Time::zero() + config.horizon),
      capacity_per_s_(config.traffic_management.system_capacity_per_s),
      forecast_weight_(config.users.size(), 0),
      demand_(config.users.size(), 0),
      allocation_(config.users.size(), 0),
      control_(simulation.add_handler<&ControlLoop::on_control>(*this)) {}

void ControlLoop::start() {
  capacity_series.level(sim::Time::zero(), capacity_per_s_);
  last_control_ = sim::Time::zero();
  if (config_->traffic_management.activation != Activation::never) {
    on_control(0);
  } else {
    simulation_->schedule_at(sim::Time::zero() + config_->traffic_management.interval, control_);
  }
}

double ControlLoop::bottleneck_utilisation(sim::Time now, double dt_s) {
  double bottleneck = std::max(0.0, dsp_->stats.interval_utilisation(now, dsp_->servers(), dt_s));
  for (CspRegion& csp : csps_->regions()) {
    bottleneck = std::max(bottleneck, csp.stats.interval_utilisation(now, csp.config.concurrency, dt_s));
  }
  return bottleneck;
}

void ControlLoop::on_control(std::uint64_t) {
  const sim::Time now = simulation_->now();
  const TrafficManagementConfig& tm = config_->traffic_management;
  const double dt = (now - last_control_).seconds();
  if (dt > 0) {
    const double offered = static_cast<double>(traffic_->interval_attempts) / dt;
    const double bottleneck = bottleneck_utilisation(now, dt);
    if (tm.capacity_mode == CapacityMode::dynamic) {
      LoadSample sample;
      sample.offered_per_s = offered;
      sample.throughput_per_s = static_cast<double>(traffic_->interval_completions) / dt;
      sample.bottleneck_utilisation = bottleneck;
      sample.share_within_target = measures_->interval_on_demand > 0
                                       ? static_cast<double>(measures_->interval_on_demand_within) /
                                             static_cast<double>(measures_->interval_on_demand)
                                       : 1.0;
      sample.target_service_level = config_->reporting.target_service_level;
      capacity_per_s_ = next_dynamic_capacity(tm.dynamic, capacity_per_s_, sample);
      capacity_series.level(now, capacity_per_s_);
    }
    traffic_->set_throttling(
        throttling_active(tm.activation, offered, capacity_per_s_, tm.operating_threshold));
  } else {
    traffic_->set_throttling(tm.activation == Activation::always);
  }
  throttling_series.level(now, traffic_->throttling() ? 1.0 : 0.0);
  if (tm.activation != Activation::never) reallocate(now, dt);
  traffic_->interval_attempts = 0;
  traffic_->interval_completions = 0;
  measures_->reset_interval();
  last_control_ = now;
  const sim::Time next = now + tm.interval;
  if (next < horizon_) simulation_->schedule_at(next, control_);
}

void ControlLoop::reallocate(sim::Time now, double dt) {
  const TrafficManagementConfig& tm = config_->traffic_management;
  std::vector<UserTraffic>& users = traffic_->users();
  const std::size_t mi = span_->index(now);
  for (std::size_t i = 0; i < users.size(); ++i) {
    forecast_weight_[i] = users[i].forecast_weight_by_month[mi];
    demand_[i] = dt > 0 ? static_cast<double>(users[i].interval_attempts) / dt : 0.0;
    // A User idle in the last interval keeps a small reserve under max-min fairness, so its
    // bucket still refills and it can start sending before the next reallocation.
    if (tm.allocation == AllocationPolicy::max_min_fair && !users.empty()) {
      demand_[i] = std::max(demand_[i], 0.01 * capacity_per_s_ / static_cast<double>(users.size()));
    }
  }
  allocate(tm.allocation, capacity_per_s_, forecast_weight_, demand_, allocation_);
  const bool throttling = traffic_->throttling();
  for (std::uint32_t i = 0; i < users.size(); ++i) {
    UserTraffic& u = users[i];
    const double rate = u.fixed_bucket ? u.bucket.rate_per_s() : allocation_[i];
    if (!u.fixed_bucket) {
      const double depth =
          std::max(rate * tm.bucket_depth_s, static_cast<double>(traffic_->max_token_cost()));
      if (dt > 0) {
        u.bucket.set_rate(now, rate, depth);
      } else {
        u.bucket = TokenBucket(rate, depth, depth * tm.initial_fill, now);
      }
    }
    u.allocation_series.level(now, rate);
    if (throttling) {
      u.allocation_active_s += tm.interval.seconds();
      u.allocation_active_area += rate * tm.interval.seconds();
      u.result.allocation_min_per_s = u.allocation_active_s > tm.interval.seconds()
                                          ? std::min(u.result.allocation_min_per_s, rate)
                                          : rate;
      u.result.allocation_max_per_s = std::max(u.result.allocation_max_per_s, rate);
    }
    if (!throttling) {
      traffic_->release_all(i);
    } else {
      traffic_->reschedule_release(i);
    }
    u.interval_attempts = 0;
  }
}

}  // namespace dccsim::models
