#pragma once

#include <cstdint>

#include "models/config.hpp"
#include "models/demand/sources.hpp"
#include "models/demand/variance_cells.hpp"
#include "models/measures/measures.hpp"
#include "models/request.hpp"
#include "models/stations/multi_server.hpp"
#include "models/traffic/alert_throttle.hpp"
#include "models/traffic/traffic_management.hpp"
#include "sim/calendar.hpp"
#include "sim/simulation.hpp"

namespace dccsim::models {

/// The first room of the request path: each source's arrivals become requests whose attributes
/// (service time, region, WAN and device latency, failure, future-dating, target) are drawn from
/// the source's own stream, a fixed number of draws whatever the branch (common random numbers).
/// Users' SRs go to Traffic Management, DCC schedules straight to the DSP, CSRs to SMKI, alerts
/// through the alert throttle to the DSP.
class Demand {
 public:
  Demand(const ModelConfig& config, const sim::Calendar& calendar, sim::Simulation& simulation,
         RequestPool& pool, Sources& sources, Measures& measures, VarianceCells& cells,
         TrafficManagement& traffic, MultiServer& dsp, MultiServer& smki, AlertStormThrottle& alerts);
  Demand(const Demand&) = delete;
  Demand& operator=(const Demand&) = delete;

  /// Schedules every source's first event now, in source order.
  void start();

 private:
  void on_source(std::uint64_t index);
  void create_sr(Source& s, bool scheduled);
  void create_csr(Source& s);
  void create_alert(Source& s);
  void to_station(MultiServer& station, std::uint32_t r) {
    if (!station.arrive(r)) measures_->finish(r, Outcome::rejected_queue_full);
  }

  const ModelConfig* config_;
  const sim::Calendar* calendar_;
  sim::Simulation* simulation_;
  RequestPool* pool_;
  Sources* sources_;
  Measures* measures_;
  VarianceCells* cells_;
  TrafficManagement* traffic_;
  MultiServer* dsp_;
  MultiServer* smki_;
  AlertStormThrottle* alerts_;
  sim::Time horizon_;
  sim::HandlerId source_{};
};

}  // namespace dccsim::models
