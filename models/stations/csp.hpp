#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "models/config.hpp"
#include "models/measures/measures.hpp"
#include "models/request.hpp"
#include "models/stations/station_stats.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace dccsim::models {

/// One CSP region: a concurrency-limited station (at most limit commands in flight, FIFO waiting
/// beyond that) whose limit planned maintenance and random outages reduce.
struct CspRegion {
  StationStats stats;
  CspConfig config;
  std::uint32_t limit;          ///< concurrency × the current capacity factor
  std::uint32_t in_flight = 0;  ///< commands holding a slot
  RequestFifo queue;
  double maintenance_factor = 1.0;
  bool out = false;  ///< in a random outage
  sim::Time last_outage_start = sim::Time::from_ticks(std::numeric_limits<std::int64_t>::min());
  sim::RandomStream outage_rng;
  sim::TimeSeries capacity_factor;  ///< 1 normally, the window's factor in maintenance, 0 when out
};

/// The three CSP regions. A command holds a slot for its `csp_ticks` (WAN + device round trip) or
/// the timeout, whichever is shorter; a device that does not answer in time fails at the timeout,
/// a command that waited past the timeout fails when it would start (abandoned), and commands in
/// service when an outage (or a window at zero capacity) begins fail when their slot is released.
/// Answered commands go on to the response path (Measures::deliver).
class CspStage {
 public:
  /// Builds the regions and schedules their maintenance windows and first outages.
  CspStage(const ModelConfig& config, sim::Simulation& simulation, RequestPool& pool, Measures& measures,
           sim::Time horizon, std::size_t intervals);
  CspStage(const CspStage&) = delete;
  CspStage& operator=(const CspStage&) = delete;

  /// Command `r` reaches the CSP of its region now.
  void arrive(std::uint32_t r);

  std::array<CspRegion, kRegionCount>& regions() { return regions_; }
  const std::array<CspRegion, kRegionCount>& regions() const { return regions_; }

 private:
  void start(CspRegion& csp, std::uint32_t r);
  void dispatch(CspRegion& csp);
  void apply_limit(CspRegion& csp);
  void on_done(std::uint64_t r);
  void on_maintenance(std::uint64_t packed);
  void on_outage(std::uint64_t arg);

  sim::Simulation* simulation_;
  RequestPool* pool_;
  Measures* measures_;
  std::array<CspRegion, kRegionCount> regions_;
  sim::HandlerId done_{};
  sim::HandlerId maintenance_{};
  sim::HandlerId outage_{};
};

}  // namespace dccsim::models
