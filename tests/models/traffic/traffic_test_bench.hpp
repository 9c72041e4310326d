#pragma once

#include <optional>

#include "models/demand/variance_cells.hpp"
#include "models/measures/measures.hpp"
#include "models/stations/csp.hpp"
#include "models/stations/multi_server.hpp"
#include "models/traffic/control_loop.hpp"
#include "models/traffic/traffic_management.hpp"

namespace dccsim::models::testing {

// Traffic Management in front of a fast DSP whose completions go straight to the response path.
struct TrafficBench {
  ModelConfig config;
  sim::Calendar calendar{sim::CivilDate{2018, 8, 1}};
  sim::Time horizon;
  MonthSpan span;
  sim::Simulation simulation;
  RequestPool pool;
  Measures measures;
  VarianceCells cells;
  MultiServer dsp;
  CspStage csps;
  TrafficManagement traffic;
  std::optional<ControlLoop> control;

  explicit TrafficBench(ModelConfig c)
      : config(std::move(c)),
        horizon(sim::Time::zero() + config.horizon),
        span(calendar, horizon),
        measures(config.reporting, span, simulation, pool, horizon, 8),
        dsp(StationStats("dsp", 100, 1000, sim::Time::zero(), config.reporting.series_interval, 8), 100, false,
            simulation, pool),
        csps(config, simulation, pool, measures, horizon, 8),
        traffic(config, span, simulation, pool, dsp, measures, cells, 8) {
    dsp.bind(simulation.add_handler<&TrafficBench::on_dsp_done>(*this));
  }
  void on_dsp_done(std::uint64_t r) {
    dsp.done(static_cast<std::uint32_t>(r));
    ++traffic.interval_completions;
    measures.deliver(static_cast<std::uint32_t>(r));
  }
  // An on-demand SR of `user` and `sr_type`, sent now.
  void send(std::uint32_t user, std::uint32_t cell = kNil, std::uint16_t sr_type = 0) {
    const std::uint32_t r = pool.allocate();
    ++measures.counts.generated;
    Request& q = pool[r];
    q.user = user;
    q.cell = cell;
    q.sr_type = sr_type;
    q.kind = RequestKind::sr;
    q.measure = MeasureClass::on_demand;
    q.attempt = 1;
    q.service_ticks = sim::milliseconds(1).ticks();
    q.response_ticks = 0;
    q.target_ticks = sim::seconds(30).ticks();
    traffic.submit(r);
  }
};

inline ModelConfig two_users(sim::Duration horizon) {
  ModelConfig c;
  c.horizon = horizon;
  c.users.resize(2);
  c.users[0].id = "A";
  c.users[1].id = "B";
  return c;
}

}  // namespace dccsim::models::testing
