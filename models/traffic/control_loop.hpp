#pragma once

#include <cstddef>
#include <vector>

#include "models/config.hpp"
#include "models/measures/measures.hpp"
#include "models/months.hpp"
#include "models/stations/csp.hpp"
#include "models/stations/multi_server.hpp"
#include "models/traffic/traffic_management.hpp"
#include "sim/simulation.hpp"
#include "sim/statistics.hpp"

namespace dccsim::models {

/// Traffic Management's control loop, every `interval`: from the last interval's measurements it
/// recalculates System Capacity (when dynamic), decides whether throttling is active, allocates
/// the capacity among Users and resizes their buckets (Users with an explicit bucket keep it).
class ControlLoop {
 public:
  ControlLoop(const ModelConfig& config, const MonthSpan& span, sim::Simulation& simulation,
              TrafficManagement& traffic, MultiServer& dsp, CspStage& csps, Measures& measures,
              std::size_t intervals);
  ControlLoop(const ControlLoop&) = delete;
  ControlLoop& operator=(const ControlLoop&) = delete;

  /// The first tick: now (allocations from forecasts alone) or, with activation "never", one
  /// interval from now.
  void start();

  double capacity_per_s() const { return capacity_per_s_; }
  sim::TimeSeries capacity_series;    ///< System Capacity, tokens per second
  sim::TimeSeries throttling_series;  ///< 1 while throttling is active

 private:
  void on_control(std::uint64_t);
  double bottleneck_utilisation(sim::Time now, double dt_s);
  void reallocate(sim::Time now, double dt_s);

  const ModelConfig* config_;
  const MonthSpan* span_;
  sim::Simulation* simulation_;
  TrafficManagement* traffic_;
  MultiServer* dsp_;
  CspStage* csps_;
  Measures* measures_;
  sim::Time horizon_;
  double capacity_per_s_;
  sim::Time last_control_ = sim::Time::zero();
  std::vector<double> forecast_weight_;
  std::vector<double> demand_;
  std::vector<double> allocation_;
  sim::HandlerId control_{};
};

}  // namespace dccsim::models
