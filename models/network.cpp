#include "models/network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

#include "models/allocation.hpp"
#include "models/arrivals.hpp"
#include "models/config_check.hpp"
#include "models/measures/breaches.hpp"
#include "models/measures/measures.hpp"
#include "models/demand/demand.hpp"
#include "models/demand/sources.hpp"
#include "models/demand/variance_cells.hpp"
#include "models/traffic/alert_throttle.hpp"
#include "models/stations/csp.hpp"
#include "models/traffic/control_loop.hpp"
#include "models/traffic/traffic_management.hpp"
#include "models/stations/multi_server.hpp"
#include "models/stations/parking.hpp"
#include "models/months.hpp"
#include "models/request.hpp"
#include "models/stations/station_stats.hpp"
#include "models/token_bucket.hpp"
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

  // Stations.
  dsp.stats.close(horizon);
  smki.stats.close(horizon);
  for (CspRegion& csp : csps.regions()) csp.stats.close(horizon);
  out.stations.push_back(dsp.stats.result(warmup_end, horizon));
  if (smki.stats.arrivals > 0) out.stations.push_back(smki.stats.result(warmup_end, horizon));
  for (const CspRegion& csp : csps.regions()) out.stations.push_back(csp.stats.result(warmup_end, horizon));

  out.performance = measures.performance();

  out.throttle = traffic.results(horizon, intervals);

  // Series.
  control.capacity_series.advance(horizon);
  control.throttling_series.advance(horizon);
  IntervalSeries& series = out.series;
  series.start = Time::zero();
  series.interval = config.reporting.series_interval;
  const auto interval_s = [&](std::size_t i) {
    return (std::min(traffic.offered_series.interval_start(i) + series.interval, horizon) -
            traffic.offered_series.interval_start(i))
        .seconds();
  };
  std::vector<StationStats*> stations{&dsp.stats};
  if (smki.stats.arrivals > 0) stations.push_back(&smki.stats);
  for (CspRegion& csp : csps.regions()) stations.push_back(&csp.stats);
  series.queue_mean.resize(stations.size());
  series.utilisation.resize(stations.size());
  for (std::size_t i = 0; i < intervals; ++i) {
    const double len = interval_s(i);
    series.offered_per_s.push_back(traffic.offered_series.sum(i) / len);
    series.capacity_per_s.push_back(control.capacity_series.time_average(i));
    series.throughput_per_s.push_back(measures.throughput_series.sum(i) / len);
    series.throttling_active.push_back(control.throttling_series.time_average(i));
    for (std::size_t k = 0; k < kMeasureClassCount; ++k)
      series.share_within_target[k].push_back(measures.class_series[k].mean(i));
    for (std::size_t s = 0; s < stations.size(); ++s) {
      const double q = stations[s]->queue_series.time_average(i);
      const double b = stations[s]->busy_series.time_average(i);
      series.queue_mean[s].push_back(std::isnan(q) ? 0.0 : q);
      series.utilisation[s].push_back(stations[s]->servers > 0 && !std::isnan(b) ? b / stations[s]->servers
                                                                                 : 0.0);
    }
  }
  for (const StationStats* st : stations) series.stations.push_back(st->name);

  // Breaches, from the series.
  const ReportingConfig& rep = config.reporting;
  const TrafficManagementConfig& tm = config.traffic_management;
  add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::offered_above_capacity, "system",
               warmup_end, horizon,
               [&](std::size_t i) { return series.offered_per_s[i] - series.capacity_per_s[i]; });
  add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::offered_above_threshold, "system",
               warmup_end, horizon, [&](std::size_t i) {
                 return series.offered_per_s[i] - tm.operating_threshold * series.capacity_per_s[i];
               });
  for (std::size_t s = 0; s < stations.size(); ++s) {
    add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::utilisation, stations[s]->name,
                 warmup_end, horizon,
                 [&](std::size_t i) { return series.utilisation[s][i] - rep.utilisation_limit; });
    const double queue_limit = rep.queue_limit_share * static_cast<double>(stations[s]->queue_limit);
    add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::queue, stations[s]->name, warmup_end,
                 horizon, [&](std::size_t i) { return series.queue_mean[s][i] - queue_limit; });
  }
  for (CspRegion& csp : csps.regions()) {
    csp.capacity_factor.advance(horizon);
    add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::capacity_reduced, csp.stats.name,
                 warmup_end, horizon, [&](std::size_t i) {
                   const double f = csp.capacity_factor.time_average(i);
                   return std::isnan(f) ? 0.0 : 1.0 - f;
                 });
  }
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    add_interval_breaches(out.breaches, traffic.offered_series, intervals, BreachKind::interval_share_below_minimum,
                 measure_class_name(static_cast<MeasureClass>(k)), warmup_end, horizon, [&](std::size_t i) {
                   const double share = series.share_within_target[k][i];
                   if (std::isnan(share) || measures.class_series[k].count(i) < rep.min_interval_responses) return 0.0;
                   return rep.minimum_service_level - share;
                 });
  }
  add_measure_breaches(out.breaches, out.performance, span);
  sort_breaches(out.breaches);
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
