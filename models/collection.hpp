#pragma once

#include <cstddef>
#include <vector>

#include "models/config.hpp"
#include "models/measures/measures.hpp"
#include "models/months.hpp"
#include "models/results.hpp"
#include "models/stations/csp.hpp"
#include "models/stations/multi_server.hpp"
#include "models/traffic/control_loop.hpp"
#include "models/traffic/traffic_management.hpp"

namespace dccsim::models {

/// The rooms results are collected from, at the horizon.
struct CollectionInputs {
  const ModelConfig& config;
  const MonthSpan& span;
  sim::Time horizon;
  sim::Time warmup_end;  ///< statistics cover [warmup_end, horizon)
  std::size_t intervals;
  Measures& measures;
  TrafficManagement& traffic;
  ControlLoop& control;
  MultiServer& dsp;
  MultiServer& smki;
  CspStage& csps;
};

/// Station figures: the DSP, SMKI when it carried traffic, the three CSPs (closes their statistics).
std::vector<StationResult> collect_stations(const CollectionInputs& in);
/// Per-interval series: offered load, System Capacity, throughput, throttling, share within
/// target per class, and each reported station's queue and utilisation.
IntervalSeries collect_series(const CollectionInputs& in);
/// Breaches of every limit, from the series and the monthly measures, ordered by start.
std::vector<Breach> collect_breaches(const CollectionInputs& in, const IntervalSeries& series,
                                     const std::vector<MeasureResult>& performance);

}  // namespace dccsim::models
