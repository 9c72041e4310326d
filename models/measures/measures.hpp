#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/months.hpp"
#include "models/request.hpp"
#include "models/results.hpp"
#include "sim/histogram.hpp"
#include "sim/simulation.hpp"
#include "sim/statistics.hpp"

namespace dccsim::models {

/// The end of the request path: the response path back to the User, the Code Performance Measures
/// per class and month, and the accounting that puts every request in exactly one terminal state.
class Measures {
 public:
  Measures(const ReportingConfig& reporting, const MonthSpan& span, sim::Simulation& simulation,
           RequestPool& pool, sim::Time horizon, std::size_t intervals);

  /// Request `r` leaves the DSP towards its User: its response arrives after `response_ticks`; one
  /// arriving after the horizon stays in flight. Counted in its measure, then finished.
  void deliver(std::uint32_t r);
  /// Request `r` ends in `outcome` and its slot is released. A failure (timeout, outage) is a
  /// response not within target in its measure, sent at `failed_at` (or now, if earlier).
  void finish(std::uint32_t r, Outcome outcome, sim::Time failed_at = sim::Time::max());

  /// Warm-up deletion: counts and measures restart now; requests alive are carried in.
  void reset();
  /// The final accounting at the horizon; asserts conservation.
  RequestCounts final_counts();
  /// Code Performance Measures per month: the three core classes always, others with traffic.
  std::vector<MeasureResult> performance() const;
  /// Starts the control loop's next interval of on-demand counts.
  void reset_interval() { interval_on_demand = interval_on_demand_within = 0; }

  RequestCounts counts;                  ///< creators count `generated`; finish the rest
  std::uint64_t interval_on_demand = 0;  ///< on-demand responses since the last control tick
  std::uint64_t interval_on_demand_within = 0;
  sim::TimeSeries throughput_series;                             ///< responses delivered, per interval
  std::array<sim::TimeSeries, kMeasureClassCount> class_series;  ///< within target (1) or not (0)

 private:
  const ReportingConfig* reporting_;
  const MonthSpan* span_;
  sim::Simulation* simulation_;
  RequestPool* pool_;
  sim::Time horizon_;
  std::uint64_t delivered_after_horizon_ = 0;
  // [class][month index]
  std::array<std::vector<std::uint64_t>, kMeasureClassCount> responses_;
  std::array<std::vector<std::uint64_t>, kMeasureClassCount> within_;
  std::array<std::vector<sim::LogHistogram>, kMeasureClassCount> response_hist_;
};

}  // namespace dccsim::models
