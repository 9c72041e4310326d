#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "models/results.hpp"
#include "sim/histogram.hpp"
#include "sim/statistics.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// Integral of a piecewise-constant level, for per-interval averages in the control loop.
struct LevelArea {
  sim::Time last;
  double level = 0;
  double area = 0;  ///< level × seconds
  void update(sim::Time now, double new_level) {
    area += level * (now - last).seconds();
    last = now;
    level = new_level;
  }
};

/// Queueing statistics shared by every kind of station (DSP, SMKI, CSPs).
struct StationStats {
  std::string name;
  double servers = 0;  ///< nominal servers or concurrency
  std::uint64_t queue_limit = 0;
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejected = 0;
  std::uint64_t abandoned = 0;
  sim::TimeWeighted busy;
  sim::TimeWeighted waiting;
  sim::LogHistogram wait_s;
  sim::LogHistogram response_s;
  sim::TimeSeries busy_series;
  sim::TimeSeries queue_series;
  LevelArea busy_area;
  double busy_area_snapshot = 0;  ///< busy_area.area at the last control tick

  StationStats(std::string n, double servers_nominal, std::uint64_t limit, sim::Time start,
               sim::Duration interval, std::size_t intervals);

  /// Busy servers changed to `level` at `now`.
  void set_busy(sim::Time now, double level) {
    busy.update(now, level);
    busy_series.level(now, level);
    busy_area.update(now, level);
  }
  /// Requests waiting changed to `level` at `now`.
  void set_waiting(sim::Time now, double level) {
    waiting.update(now, level);
    queue_series.level(now, level);
  }
  /// Mean utilisation since the last call (the control loop's interval of `dt_s` seconds ending now).
  double interval_utilisation(sim::Time now, double servers_nominal, double dt_s);
  /// Forgets counts, waits and time averages gathered so far (warm-up deletion); series are kept.
  void restart(sim::Time now);
  /// Brings the time averages and series up to the horizon before they are read.
  void close(sim::Time horizon);
  /// The station's figures over [start, horizon); call close(horizon) first.
  StationResult result(sim::Time start, sim::Time horizon) const;
};

}  // namespace dccsim::models
