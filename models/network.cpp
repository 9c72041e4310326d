#include "models/network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

#include "models/allocation.hpp"
#include "models/arrivals.hpp"
#include "models/collection.hpp"
#include "models/config_check.hpp"
#include "models/demand/demand.hpp"
#include "models/demand/sources.hpp"
#include "models/demand/variance_cells.hpp"
#include "models/measures/breaches.hpp"
#include "models/measures/measures.hpp"
#include "models/months.hpp"
#include "models/request.hpp"
#include "models/stations/csp.hpp"
#include "models/stations/multi_server.hpp"
#include "models/stations/parking.hpp"
#include "models/stations/station_stats.hpp"
#include "models/token_bucket.hpp"
#include "models/traffic/alert_throttle.hpp"
#include "models/traffic/control_loop.hpp"
#include "models/traffic/traffic_management.hpp"
#include "sim/assert.hpp"
#include "sim/calendar.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/statistics.hpp"

namespace dccsim::models {
namespace {

using sim::Duration;
using sim::Time;

using sim::stream_id;

using Kind = RequestKind;
using Fifo = RequestFifo;

// Series intervals over the horizon, the last one possibly partial.
std::size_t interval_count(const ModelConfig& c) {
  return static_cast<std::size_t>((c.horizon + c.reporting.series_interval - sim::microseconds(1)) /
                                  c.reporting.series_interval);
}

}  // namespace

struct DccModel::Impl {
  ModelConfig config;
  sim::Calendar calendar;
  Time horizon;
  sim::Simulation simulation;
  RequestPool pool;
  MonthSpan span;
  Measures measures;

  VarianceCells cells;
  Sources sources;
  FutureParking parking;

  MultiServer dsp;
  MultiServer smki;
  CspStage csps;
  TrafficManagement traffic;
  ControlLoop control;
  AlertStormThrottle alerts;
  Demand demand;

  // Series.
  std::size_t intervals;

  sim::HandlerId on_dsp_done_h, on_smki_done_h, on_execute_h;

  explicit Impl(const ModelConfig& c);

  // Construction helpers.
  std::size_t month_index(Time t) const { return span.index(t); }

  // Flow.
  void station_arrive(MultiServer& st, std::uint32_t r);
  void on_dsp_done(std::uint64_t r);
  void on_smki_done(std::uint64_t r);
  void after_dsp(std::uint32_t r);
  void on_execute(std::uint64_t r);
  void reset_statistics();
  Time warmup_end = Time::zero();

  ModelResults collect();
};

DccModel::Impl::Impl(const ModelConfig& c)
    : config(c),
      calendar(c.epoch),
      horizon(Time::zero() + c.horizon),
      span(calendar, horizon),
      measures(config.reporting, span, simulation, pool, horizon, interval_count(c)),
      sources(config, calendar, span, horizon, cells),
      parking(simulation, pool, horizon),
      dsp(StationStats("dsp", c.dsp.servers, c.dsp.queue_limit, Time::zero(), c.reporting.series_interval,
                       interval_count(c)),
          c.dsp.servers, c.dsp.discipline == Discipline::priority, simulation, pool),
      smki(StationStats("smki", c.smki.servers, c.smki.queue_limit, Time::zero(), c.reporting.series_interval,
                        interval_count(c)),
           c.smki.servers, false, simulation, pool),
      csps(config, simulation, pool, measures, horizon, interval_count(c)),
      traffic(config, span, simulation, pool, dsp, measures, cells, interval_count(c)),
      control(config, span, simulation, traffic, dsp, csps, measures, interval_count(c)),
      alerts(config),
      demand(config, calendar, simulation, pool, sources, measures, cells, traffic, dsp, smki, alerts),
      intervals(interval_count(c)) {
  on_dsp_done_h = simulation.add_handler<&Impl::on_dsp_done>(*this);
  on_smki_done_h = simulation.add_handler<&Impl::on_smki_done>(*this);
  dsp.bind(on_dsp_done_h);
  smki.bind(on_smki_done_h);
  on_execute_h = simulation.add_handler<&Impl::on_execute>(*this);
  parking.bind(on_execute_h);

  demand.start();

  // Allocations for the first interval come from forecasts alone (no demand measured yet).
  control.start();
}

void DccModel::Impl::station_arrive(MultiServer& st, std::uint32_t r) {
  if (!st.arrive(r)) measures.finish(r, Outcome::rejected_queue_full);
}

void DccModel::Impl::on_dsp_done(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  dsp.done(r);
  const Request& q = pool[r];
  if (q.kind == Kind::sr) ++traffic.interval_completions;
  if (q.kind == Kind::alert || !config.catalogue.types[q.sr_type].reaches_device) {
    measures.deliver(r);
    return;
  }
  if (q.future) {
    // Response time of a future-dated SR runs from its execution instant.
    pool[r].start_ref = q.execute_at;
    if (q.execute_at > simulation.now()) {
      parking.wait(r);
      return;
    }
  }
  csps.arrive(r);
}

void DccModel::Impl::on_smki_done(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  smki.done(r);
  measures.deliver(r);
}

void DccModel::Impl::on_execute(std::uint64_t index) { csps.arrive(static_cast<std::uint32_t>(index)); }

void DccModel::Impl::reset_statistics() {
  const Time now = simulation.now();
  warmup_end = now;
  measures.reset();
  dsp.stats.restart(now);
  smki.stats.restart(now);
  for (CspRegion& csp : csps.regions()) csp.stats.restart(now);
  traffic.reset_statistics();
}

ModelResults DccModel::Impl::collect() {
  ModelResults out;
  out.scenario = config.name;
  out.seed = config.seed;
  out.replication = config.replication;
  out.horizon = horizon;
  out.warmup_end = warmup_end;
  out.events = simulation.events_executed();
  out.peak_in_flight = pool.peak();
  out.requests = measures.final_counts();
  out.variance.lines = cells.lines(config);
  finish_report(out.variance, config.reporting);
  const CollectionInputs in{config,  span,    horizon, warmup_end, intervals, measures,
                            traffic, control, dsp,     smki,       csps};
  out.stations = collect_stations(in);
  out.performance = measures.performance();
  out.throttle = traffic.results(horizon, intervals);
  out.series = collect_series(in);
  out.breaches = collect_breaches(in, out.series, out.performance);
  return out;
}

DccModel::DccModel(const ModelConfig& config) {
  DCCSIM_ASSERT(check_config(config).empty(), "configuration must pass check_config");
  impl_ = std::make_unique<Impl>(config);
}

DccModel::~DccModel() = default;

void DccModel::run_until(sim::Time t) { impl_->simulation.run_until(std::min(t, impl_->horizon)); }

void DccModel::reset_statistics() { impl_->reset_statistics(); }

void DccModel::run() { run_until(impl_->horizon); }

sim::Time DccModel::now() const { return impl_->simulation.now(); }

sim::Time DccModel::horizon() const { return impl_->horizon; }

std::uint64_t DccModel::events() const { return impl_->simulation.events_executed(); }

std::uint64_t DccModel::in_flight() const { return impl_->pool.live(); }

ModelResults DccModel::results() { return impl_->collect(); }

ModelResults simulate(const ModelConfig& config) {
  DccModel model(config);
  model.run();
  return model.results();
}

}  // namespace dccsim::models
