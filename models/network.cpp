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

struct Csp {
  StationStats stats;
  CspConfig config;
  std::uint32_t limit;
  std::uint32_t in_flight = 0;
  Fifo queue;
  double maintenance_factor = 1.0;
  bool out = false;
  Time last_outage_start = Time::from_ticks(std::numeric_limits<std::int64_t>::min());
  sim::RandomStream outage_rng;
  sim::HandlerId done{};
  sim::TimeSeries capacity_factor{Time::zero(), sim::seconds(1), 1};  // replaced at build
};

// One counted line of the variance report.
struct Cell {
  std::uint32_t user;
  sim::YearMonth month;
  ServiceKey key;
  std::uint64_t forecast = 0;
  std::uint64_t actual = 0;
  bool has_forecast = false;
};

struct UserState {
  const User* config = nullptr;
  std::array<double, kRegionCount> region_cumulative{};  // cumulative meter shares
  double meters_total = 0;
  TokenBucket bucket{0.0, 1.0, 0.0, Time::zero()};
  bool fixed_bucket = false;
  Fifo delayed;
  sim::EventId release{};
  std::uint64_t interval_attempts = 0;
  sim::RandomStream retry_rng = sim::make_stream(0, 0, 0);  // replaced per User
  std::vector<double> forecast_weight_by_month;             // SR forecast per month index, for allocation
  UserThrottle result;
  double allocation_active_s = 0;
  double allocation_active_area = 0;
  sim::TimeSeries allocation_series{Time::zero(), sim::seconds(1), 1};  // replaced per User
};

// A stream of arrivals of one kind, holding one pending event at a time.
struct Source {
  enum class Type : std::uint8_t { sr, csr, scheduled, alert } type;
  std::uint32_t user = kNil;
  std::uint32_t cell = kNil;
  std::uint16_t sr_type = 0;
  std::uint8_t region = 0;
  bool future_only = false;  // an SR burst sent future-dated; for alerts: a storm (one window, no renewal)
  ArrivalPlan plan;
  sim::RandomStream arrivals;
  sim::RandomStream attributes;
  // CSR batches: `plan` yields batch instants and `inner` the CSRs of the current batch.
  std::optional<ArrivalPlan> inner;
  std::uint64_t csr_left = 0;
  // DCC schedules and alerts: the plan covers one run or day; `cursor` indexes the next one.
  std::size_t cursor = 0;
  std::size_t schedule = 0;
  std::uint64_t per_run = 0;
  bool primed = false;  // the pending event is an arrival (false: the start-up event)
};

// Series intervals over the horizon, the last one possibly partial.
std::size_t interval_count(const ModelConfig& c) {
  return static_cast<std::size_t>((c.horizon + c.reporting.series_interval - sim::microseconds(1)) /
                                  c.reporting.series_interval);
}

ArrivalPlan must_plan(sim::ParamResult<ArrivalPlan> p) {
  DCCSIM_ASSERT(p.ok(), "arrival plan parameters checked before the run");
  return std::move(p).value();
}

}  // namespace

struct DccModel::Impl {
  ModelConfig config;
  sim::Calendar calendar;
  Time horizon;
  sim::Simulation simulation;
  RequestPool pool;
  RequestCounts counts;
  std::uint64_t delivered_after_horizon = 0;

  MonthSpan span;

  std::vector<UserState> users;
  std::vector<Cell> cells;
  std::vector<Source> sources;
  FutureParking parking;
  std::vector<bool> exempt;  // by SR type
  std::array<double, kRegionCount> region_meters{};
  std::uint32_t max_token_cost = 1;

  MultiServer dsp;
  MultiServer smki;
  std::vector<Csp> csps;

  // Alert storm throttle per region.
  std::vector<TokenBucket> alert_buckets;
  sim::RandomStream alert_exempt_rng;

  // Traffic Management state.
  double capacity_per_s;
  bool throttling = false;
  std::uint64_t interval_attempts = 0;
  std::uint64_t interval_completions = 0;
  std::uint64_t interval_on_demand = 0;
  std::uint64_t interval_on_demand_within = 0;
  Time last_control;
  std::vector<double> forecast_weight;
  std::vector<double> demand;
  std::vector<double> allocation;

  // Measures: [class][month index].
  std::array<std::vector<std::uint64_t>, kMeasureClassCount> responses;
  std::array<std::vector<std::uint64_t>, kMeasureClassCount> within;
  std::array<std::vector<sim::LogHistogram>, kMeasureClassCount> response_hist;

  // Series.
  std::size_t intervals;
  sim::TimeSeries offered_series;
  sim::TimeSeries capacity_series;
  sim::TimeSeries throughput_series;
  sim::TimeSeries throttling_series;
  std::array<sim::TimeSeries, kMeasureClassCount> class_series;

  sim::HandlerId on_source_h, on_dsp_done_h, on_smki_done_h, on_csp_done_h, on_execute_h, on_retry_h,
      on_release_h, on_control_h, on_maintenance_h, on_outage_h;

  explicit Impl(const ModelConfig& c);

  // Construction helpers.
  void build_months();
  void build_users();
  void build_sources();
  void build_alerts();
  void build_stations();
  std::uint32_t cell_for(std::uint32_t user, sim::YearMonth month, const ServiceKey& key, bool create);
  std::size_t month_index(Time t) const { return span.index(t); }

  // Flow.
  bool next_arrival(Source& s, Time& t);
  void on_source(std::uint64_t source);
  void create_sr(Source& s, bool scheduled);
  void create_csr(Source& s);
  void create_alert(Source& s);
  void traffic_management(std::uint32_t r);
  void admit(std::uint32_t r);
  void on_retry(std::uint64_t r);
  void on_release(std::uint64_t user);
  void schedule_release(UserState& u, std::uint32_t user_index);
  void reject_throttled(std::uint32_t r);
  void station_arrive(MultiServer& st, std::uint32_t r);
  void on_dsp_done(std::uint64_t r);
  void on_smki_done(std::uint64_t r);
  void after_dsp(std::uint32_t r);
  void on_execute(std::uint64_t r);
  void csp_arrive(std::uint32_t r);
  void csp_start(Csp& csp, std::uint32_t r);
  void csp_dispatch(Csp& csp);
  void on_csp_done(std::uint64_t r);
  void deliver(std::uint32_t r);
  void finish(std::uint32_t r, Outcome outcome, Time failed_at = Time::max());
  void on_control(std::uint64_t);
  void on_maintenance(std::uint64_t packed);
  void on_outage(std::uint64_t region);
  void apply_csp_limit(Csp& csp);
  void set_capacity(double c);
  void reset_statistics();
  Time warmup_end = Time::zero();

  ModelResults collect();
};

DccModel::Impl::Impl(const ModelConfig& c)
    : config(c),
      calendar(c.epoch),
      horizon(Time::zero() + c.horizon),
      span(calendar, horizon),
      parking(simulation, pool, horizon),
      dsp(StationStats("dsp", c.dsp.servers, c.dsp.queue_limit, Time::zero(), c.reporting.series_interval,
                       interval_count(c)),
          c.dsp.servers, c.dsp.discipline == Discipline::priority, simulation, pool),
      smki(StationStats("smki", c.smki.servers, c.smki.queue_limit, Time::zero(), c.reporting.series_interval,
                        interval_count(c)),
           c.smki.servers, false, simulation, pool),
      alert_exempt_rng(sim::make_stream(c.seed, c.replication, stream_id("alerts/exempt"))),
      capacity_per_s(c.traffic_management.system_capacity_per_s),
      intervals(interval_count(c)),
      offered_series(Time::zero(), c.reporting.series_interval, intervals),
      capacity_series(Time::zero(), c.reporting.series_interval, intervals),
      throughput_series(Time::zero(), c.reporting.series_interval, intervals),
      throttling_series(Time::zero(), c.reporting.series_interval, intervals),
      class_series{sim::TimeSeries(Time::zero(), c.reporting.series_interval, intervals),
                   sim::TimeSeries(Time::zero(), c.reporting.series_interval, intervals),
                   sim::TimeSeries(Time::zero(), c.reporting.series_interval, intervals),
                   sim::TimeSeries(Time::zero(), c.reporting.series_interval, intervals),
                   sim::TimeSeries(Time::zero(), c.reporting.series_interval, intervals)} {
  on_source_h = simulation.add_handler<&Impl::on_source>(*this);
  on_dsp_done_h = simulation.add_handler<&Impl::on_dsp_done>(*this);
  on_smki_done_h = simulation.add_handler<&Impl::on_smki_done>(*this);
  dsp.bind(on_dsp_done_h);
  smki.bind(on_smki_done_h);
  on_csp_done_h = simulation.add_handler<&Impl::on_csp_done>(*this);
  on_execute_h = simulation.add_handler<&Impl::on_execute>(*this);
  on_retry_h = simulation.add_handler<&Impl::on_retry>(*this);
  on_release_h = simulation.add_handler<&Impl::on_release>(*this);
  on_control_h = simulation.add_handler<&Impl::on_control>(*this);
  on_maintenance_h = simulation.add_handler<&Impl::on_maintenance>(*this);
  on_outage_h = simulation.add_handler<&Impl::on_outage>(*this);
  parking.bind(on_execute_h);

  for (const SrType& t : config.catalogue.types) max_token_cost = std::max(max_token_cost, t.token_cost);
  exempt.assign(config.catalogue.types.size(), false);
  for (std::size_t t : config.traffic_management.exempt_sr_types) exempt.at(t) = true;

  build_months();
  build_stations();
  build_users();
  build_sources();
  build_alerts();

  capacity_series.level(Time::zero(), capacity_per_s);
  last_control = Time::zero();
  if (config.traffic_management.activation != Activation::never) {
    // Allocations for the first interval come from forecasts alone (no demand measured yet).
    on_control(0);
  } else {
    simulation.schedule_at(Time::zero() + config.traffic_management.interval, on_control_h);
  }
}

void DccModel::Impl::build_months() {
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    responses[k].assign(span.size(), 0);
    within[k].assign(span.size(), 0);
    response_hist[k].assign(span.size(), sim::LogHistogram());
  }
}

void DccModel::Impl::build_stations() {
  const Duration interval = config.reporting.series_interval;
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const CspConfig& cc = config.csps[r];
    Csp csp{StationStats(std::string("csp_") + region_name(static_cast<Region>(r)), cc.concurrency,
                         cc.queue_limit, Time::zero(), interval, intervals),
            cc,
            cc.concurrency,
            0,
            {},
            1.0,
            false,
            Time::from_ticks(std::numeric_limits<std::int64_t>::min()),
            sim::make_stream(config.seed, config.replication,
                             stream_id(std::string("outages/") + region_name(static_cast<Region>(r)))),
            {}};
    csps.push_back(std::move(csp));
    csps.back().capacity_factor = sim::TimeSeries(Time::zero(), interval, intervals);
    csps.back().capacity_factor.level(Time::zero(), 1.0);
  }
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const CspConfig& cc = config.csps[r];
    for (std::size_t w = 0; w < cc.maintenance.size(); ++w) {
      // Packed argument: region, window, and whether it opens (1) or closes (0).
      const auto arg = static_cast<std::uint64_t>((r << 32) | (w << 1));
      if (cc.maintenance[w].start < horizon) {
        simulation.schedule_at(std::max(cc.maintenance[w].start, Time::zero()), on_maintenance_h, arg | 1);
      }
      if (cc.maintenance[w].end < horizon) {
        simulation.schedule_at(std::max(cc.maintenance[w].end, Time::zero()), on_maintenance_h, arg);
      }
    }
    if (cc.mtbf > Duration::zero()) {
      const double gap = -cc.mtbf.seconds() * std::log(csps[r].outage_rng.uniform01_open());
      simulation.schedule_at(Time::zero() + Duration::from_ticks(to_ticks(gap)), on_outage_h, r << 1 | 1);
    }
  }
  if (config.alert_throttle.enabled) {
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      alert_buckets.emplace_back(config.alert_throttle.rate_per_s, config.alert_throttle.depth_tokens,
                                 config.alert_throttle.depth_tokens, Time::zero());
    }
  }
}

std::uint32_t DccModel::Impl::cell_for(std::uint32_t user, sim::YearMonth month, const ServiceKey& key,
                                       bool create) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].user == user && cells[i].month == month && cells[i].key == key)
      return static_cast<std::uint32_t>(i);
  }
  if (!create) return kNil;
  cells.push_back(Cell{user, month, key, 0, 0, false});
  return static_cast<std::uint32_t>(cells.size() - 1);
}

void DccModel::Impl::build_users() {
  const auto n = config.users.size();
  users.resize(n);
  forecast_weight.assign(n, 0);
  demand.assign(n, 0);
  allocation.assign(n, 0);
  const TrafficManagementConfig& tm = config.traffic_management;
  for (std::uint32_t i = 0; i < n; ++i) {
    const User& cfg = config.users[i];
    UserState& u = users[i];
    u.config = &cfg;
    u.meters_total = cfg.meters[0] + cfg.meters[1] + cfg.meters[2];
    double acc = 0;
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      acc += cfg.meters[r];
      u.region_cumulative[r] = u.meters_total > 0 ? acc / u.meters_total : static_cast<double>(r + 1) / 3.0;
    }
    for (std::size_t r = 0; r < kRegionCount; ++r) region_meters[r] += cfg.meters[r];
    u.retry_rng = sim::make_stream(config.seed, config.replication, stream_id("retries/" + cfg.id));
    u.result.user = cfg.id;
    u.allocation_series = sim::TimeSeries(Time::zero(), config.reporting.series_interval, intervals);
    u.forecast_weight_by_month.assign(span.size(), 0);
    for (const MonthlyCount& f : cfg.forecasts) {
      if (f.service.kind == ServiceKey::Kind::csr) continue;
      for (std::size_t m = 0; m < span.size(); ++m) {
        if (span.months()[m] == f.month) u.forecast_weight_by_month[m] += static_cast<double>(f.count);
      }
    }
    for (const BucketOverride& b : tm.buckets) {
      if (b.user == cfg.id) {
        u.bucket = TokenBucket(b.rate_per_s, b.depth_tokens, b.depth_tokens * tm.initial_fill, Time::zero());
        u.fixed_bucket = true;
      }
    }
  }
}

void DccModel::Impl::build_sources() {
  const Catalogue& cat = config.catalogue;
  for (std::uint32_t ui = 0; ui < users.size(); ++ui) {
    const User& user = config.users[ui];
    // One line per forecast or recorded (month, service): the forecast (0 if none), the actual.
    struct Line {
      sim::YearMonth month;
      ServiceKey key;
      std::uint64_t forecast = 0;
      bool has_forecast = false;
      std::uint64_t recorded = 0;
    };
    std::vector<Line> lines;
    const auto find_line = [&lines](sim::YearMonth m, const ServiceKey& k) -> Line* {
      for (Line& l : lines) {
        if (l.month == m && l.key == k) return &l;
      }
      return nullptr;
    };
    for (const MonthlyCount& f : user.forecasts) {
      Line* l = find_line(f.month, f.service);
      if (l == nullptr) {
        lines.push_back(Line{f.month, f.service, 0, false, 0});
        l = &lines.back();
      }
      l->forecast += f.count;
      l->has_forecast = true;
    }
    for (const MonthlyCount& a : user.recorded_actuals) {
      Line* l = find_line(a.month, a.service);
      if (l == nullptr) {
        lines.push_back(Line{a.month, a.service, 0, false, 0});
        l = &lines.back();
      }
      l->recorded += a.count;
    }
    for (const Line& line : lines) {
      Time start, end;
      const double fraction = span.window_fraction(line.month, start, end);
      if (fraction <= 0) continue;
      const std::string label =
          user.id + "/" + sim::month_text(line.month) + "/" + service_label(line.key, cat);
      const std::uint32_t cell = cell_for(ui, line.month, line.key, true);
      cells[cell].forecast =
          static_cast<std::uint64_t>(std::llround(static_cast<double>(line.forecast) * fraction));
      cells[cell].has_forecast = line.has_forecast;
      sim::RandomStream count_rng =
          sim::make_stream(config.seed, config.replication, stream_id("count/" + label));
      const bool recorded = user.behaviour.kind == Behaviour::Kind::recorded;
      if (recorded && !line.has_forecast && line.recorded == 0) continue;
      if (!recorded && !line.has_forecast) continue;
      const auto recorded_in_window =
          static_cast<std::uint64_t>(std::llround(static_cast<double>(line.recorded) * fraction));
      const std::uint64_t n = draw_monthly_count(
          user.behaviour, static_cast<double>(line.forecast) * fraction, recorded_in_window, count_rng);
      if (n == 0) continue;
      if (line.key.kind == ServiceKey::Kind::csr) {
        const std::uint64_t batch = std::max<std::uint64_t>(1, user.csr.batch_size);
        Source s{Source::Type::csr,
                 ui,
                 cell,
                 0,
                 0,
                 false,
                 must_plan(ArrivalPlan::over_hours(calendar, start, end, user.profile, user.csr.hours,
                                                   (n + batch - 1) / batch)),
                 sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + label)),
                 sim::make_stream(config.seed, config.replication, stream_id("attributes/" + label)),
                 std::nullopt,
                 n,
                 0,
                 0,
                 0};
        sources.push_back(std::move(s));
        continue;
      }
      // Split the line among SR types: a family line by the catalogue's family shares.
      std::vector<std::size_t> members;
      std::vector<double> shares;
      if (line.key.kind == ServiceKey::Kind::sr_type) {
        members.push_back(static_cast<std::size_t>(line.key.index));
        shares.push_back(1.0);
      } else {
        members = cat.family_members(line.key.index);
        for (std::size_t m : members) shares.push_back(cat.types[m].family_share);
      }
      double share_left = 0;
      for (double sh : shares) share_left += sh;
      std::uint64_t left = n;
      for (std::size_t k = 0; k < members.size(); ++k) {
        std::uint64_t part = left;
        if (k + 1 < members.size()) {
          const double p = share_left > 0 ? std::clamp(shares[k] / share_left, 0.0, 1.0) : 0.0;
          part = sim::Binomial::with_trials(left, p).value().sample(count_rng);
        }
        share_left -= shares[k];
        left -= part;
        if (part == 0) continue;
        const std::string type_label = label + "/" + cat.types[members[k]].id;
        Source s{Source::Type::sr,
                 ui,
                 cell,
                 static_cast<std::uint16_t>(members[k]),
                 0,
                 false,
                 must_plan(ArrivalPlan::over_profile(calendar, start, end, user.profile, part)),
                 sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + type_label)),
                 sim::make_stream(config.seed, config.replication, stream_id("attributes/" + type_label)),
                 std::nullopt,
                 0,
                 0,
                 0,
                 0};
        sources.push_back(std::move(s));
      }
    }
    for (std::size_t b = 0; b < user.bursts.size(); ++b) {
      const Burst& burst = user.bursts[b];
      if (burst.count == 0 || burst.at >= horizon) continue;
      const sim::YearMonth m = calendar.month_of(burst.at);
      const SrType& type = cat.types[burst.sr_type];
      ServiceKey key{ServiceKey::Kind::sr_type, static_cast<int>(burst.sr_type)};
      std::uint32_t cell = cell_for(ui, m, key, false);
      if (cell == kNil) {
        const std::uint32_t family_cell =
            cell_for(ui, m, ServiceKey{ServiceKey::Kind::family, type.family}, false);
        cell = family_cell != kNil ? family_cell : cell_for(ui, m, key, true);
      }
      const std::string label = user.id + "/burst/" + std::to_string(b);
      Source s{Source::Type::sr,
               ui,
               cell,
               static_cast<std::uint16_t>(burst.sr_type),
               0,
               burst.future_dated,
               must_plan(ArrivalPlan::uniform(std::max(burst.at, Time::zero()), burst.spread, burst.count)),
               sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + label)),
               sim::make_stream(config.seed, config.replication, stream_id("attributes/" + label)),
               std::nullopt,
               0,
               0,
               0,
               0};
      sources.push_back(std::move(s));
    }
    for (std::size_t k = 0; k < user.schedules.size(); ++k) {
      const DccSchedule& sch = user.schedules[k];
      const auto per_run =
          static_cast<std::uint64_t>(std::llround(users[ui].meters_total * sch.meters_share));
      if (per_run == 0 || sch.times_of_day.empty()) continue;
      const std::string label = user.id + "/schedule/" + std::to_string(k);
      Source s{Source::Type::scheduled,
               ui,
               kNil,
               static_cast<std::uint16_t>(sch.sr_type),
               0,
               false,
               must_plan(ArrivalPlan::uniform(Time::zero(), Duration::zero(), 0)),
               sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + label)),
               sim::make_stream(config.seed, config.replication, stream_id("attributes/" + label)),
               std::nullopt,
               0,
               0,
               k,
               per_run};
      sources.push_back(std::move(s));
    }
  }
  // Each source's first event; later ones are scheduled as each fires.
  for (std::size_t i = 0; i < sources.size(); ++i) simulation.schedule_at(Time::zero(), on_source_h, i);
}

void DccModel::Impl::build_alerts() {
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const AlertConfig& a = config.alerts[r];
    if (a.per_meter_per_day <= 0) continue;
    const std::string label = std::string("alerts/") + region_name(static_cast<Region>(r));
    Source s{Source::Type::alert,
             kNil,
             kNil,
             0,
             static_cast<std::uint8_t>(r),
             false,
             must_plan(ArrivalPlan::uniform(Time::zero(), Duration::zero(), 0)),
             sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + label)),
             sim::make_stream(config.seed, config.replication, stream_id("attributes/" + label)),
             std::nullopt,
             0,
             0,
             0,
             0};
    sources.push_back(std::move(s));
    simulation.schedule_at(Time::zero(), on_source_h, sources.size() - 1);
    for (std::size_t k = 0; k < a.storms.size(); ++k) {
      const AlertConfig::Storm& storm = a.storms[k];
      if (storm.multiplier <= 1 || storm.start >= horizon || storm.duration <= Duration::zero()) continue;
      double meters = 0;
      for (const User& u : config.users) meters += u.meters[r];
      const double extra =
          (storm.multiplier - 1) * meters * a.per_meter_per_day * storm.duration.seconds() / 86'400.0;
      sim::RandomStream rng = sim::make_stream(config.seed, config.replication,
                                               stream_id(label + "/storm-count/" + std::to_string(k)));
      const std::uint64_t n = sim::Poisson::with_mean(extra).value().sample(rng);
      const std::string storm_label = label + "/storm/" + std::to_string(k);
      Source st{Source::Type::alert,
                kNil,
                kNil,
                0,
                static_cast<std::uint8_t>(r),
                true,  // marks a storm source: one plan, no daily renewal
                must_plan(ArrivalPlan::uniform(std::max(storm.start, Time::zero()), storm.duration, n)),
                sim::make_stream(config.seed, config.replication, stream_id("arrivals/" + storm_label)),
                sim::make_stream(config.seed, config.replication, stream_id("attributes/" + storm_label)),
                std::nullopt,
                0,
                0,
                0,
                0};
      sources.push_back(std::move(st));
      simulation.schedule_at(Time::zero(), on_source_h, sources.size() - 1);
    }
  }
}

}  // namespace dccsim::models

namespace dccsim::models {

bool DccModel::Impl::next_arrival(Source& s, Time& t) {
  for (;;) {
    switch (s.type) {
      case Source::Type::sr:
        return s.plan.next(s.arrivals, t);
      case Source::Type::csr: {
        if (s.inner.has_value() && s.inner->next(s.arrivals, t)) return true;
        Time batch_at;
        if (s.csr_left == 0 || !s.plan.next(s.arrivals, batch_at)) return false;
        const User& user = config.users[s.user];
        // The last batch takes what is left, so exactly the drawn count is sent.
        const std::uint64_t size =
            s.plan.remaining() == 0 ? s.csr_left
                                    : std::min(s.csr_left, std::max<std::uint64_t>(1, user.csr.batch_size));
        s.csr_left -= size;
        s.inner = must_plan(ArrivalPlan::uniform(batch_at, user.csr.spread, size));
        continue;
      }
      case Source::Type::scheduled: {
        if (s.plan.next(s.arrivals, t)) return true;
        const DccSchedule& sch = config.users[s.user].schedules[s.schedule];
        const std::size_t per_day = sch.times_of_day.size();
        const Time run_at = Time::zero() + sim::days(static_cast<std::int64_t>(s.cursor / per_day)) +
                            sch.times_of_day[s.cursor % per_day];
        if (run_at >= horizon) return false;
        ++s.cursor;
        s.plan = must_plan(ArrivalPlan::uniform(run_at, sch.jitter, s.per_run));
        continue;
      }
      case Source::Type::alert: {
        if (s.plan.next(s.arrivals, t)) return true;
        if (s.future_only) return false;  // a storm: one window
        const Time day_start = Time::zero() + sim::days(static_cast<std::int64_t>(s.cursor));
        if (day_start >= horizon) return false;
        ++s.cursor;
        const Time day_end = std::min(day_start + sim::days(1), horizon);
        const AlertConfig& a = config.alerts[s.region];
        // Weekly total = meters × alerts per meter per day × 7, shaped by the profile.
        double week_weight = 0;
        for (int d = 0; d < 7; ++d) {
          for (int h = 0; h < 24; ++h) week_weight += profile_weight(a.profile, h, d);
        }
        double window_weight = 0;
        for (Time h = day_start; h < day_end; h += sim::hours(1)) {
          const double part = static_cast<double>(std::min(sim::hours(1), day_end - h).ticks()) /
                              static_cast<double>(sim::hours(1).ticks());
          window_weight += part * profile_weight(a.profile, calendar.hour_of_day(h), calendar.day_of_week(h));
        }
        const double expected = week_weight > 0 ? region_meters[s.region] * a.per_meter_per_day * 7.0 *
                                                      window_weight / week_weight
                                                : 0.0;
        const std::uint64_t n = sim::Poisson::with_mean(expected).value().sample(s.attributes);
        s.plan = n > 0 ? must_plan(ArrivalPlan::over_profile(calendar, day_start, day_end, a.profile, n))
                       : must_plan(ArrivalPlan::uniform(day_start, Duration::zero(), 0));
        continue;
      }
    }
    return false;
  }
}

void DccModel::Impl::on_source(std::uint64_t index) {
  Source& s = sources[index];
  if (s.primed) {
    switch (s.type) {
      case Source::Type::sr:
        create_sr(s, false);
        break;
      case Source::Type::scheduled:
        create_sr(s, true);
        break;
      case Source::Type::csr:
        create_csr(s);
        break;
      case Source::Type::alert:
        create_alert(s);
        break;
    }
  }
  Time t;
  if (next_arrival(s, t) && t < horizon) {
    s.primed = true;
    simulation.schedule_at(std::max(t, simulation.now()), on_source_h, index);
  }
}

void DccModel::Impl::create_sr(Source& s, bool scheduled) {
  const Time now = simulation.now();
  const std::uint32_t r = pool.allocate();
  Request& q = pool[r];
  const SrType& type = config.catalogue.types[s.sr_type];
  const UserState& u = users[s.user];
  ++counts.generated;
  q.created = now;
  q.start_ref = now;
  q.stage_in = now;
  q.user = s.user;
  q.cell = scheduled ? kNil : s.cell;
  q.sr_type = s.sr_type;
  q.kind = scheduled ? Kind::scheduled : Kind::sr;
  q.attempt = 1;
  // A fixed number of draws per request whatever the branch, so streams stay aligned across policies.
  sim::RandomStream& a = s.attributes;
  q.service_ticks = to_ticks(type.dsp_service_s.sample(a));
  const double region_u = a.uniform01();
  q.region = region_u < u.region_cumulative[0] ? 0 : (region_u < u.region_cumulative[1] ? 1 : 2);
  const CspConfig& csp = config.csps[q.region];
  const double wan = csp.wan_latency_s.sample(a);
  const double device = csp.device_latency_s.sample(a);
  const bool fails = a.uniform01() < csp.failure_probability;
  q.csp_ticks = fails ? -1 : to_ticks((wan + device) * type.csp_cost);
  q.response_ticks = to_ticks(config.dsp.response_processing_s.sample(a));
  const double future_u = a.uniform01();
  const double jitter_u = a.uniform01();
  const double delay_s = config.users[s.user].future_dating.delay_s.sample(a);
  const FutureDating& fd = config.users[s.user].future_dating;
  q.future = !scheduled && type.reaches_device &&
             (s.future_only || (type.future_dated && (!type.on_demand || future_u < fd.share)));
  if (q.future) {
    if (fd.kind == FutureDating::Kind::next_midnight) {
      q.execute_at =
          calendar.start_of_day(now) + sim::days(1) +
          Duration::from_ticks(static_cast<std::int64_t>(jitter_u * static_cast<double>(fd.jitter.ticks())));
    } else {
      q.execute_at = now + Duration::from_ticks(to_ticks(delay_s));
    }
  } else {
    q.execute_at = now;
  }
  if (!type.reaches_device) {
    q.measure = MeasureClass::non_device;
    q.target_ticks = type.target_response.ticks();
  } else if (q.future || scheduled) {
    q.measure = MeasureClass::future_dated;
    q.target_ticks =
        type.on_demand ? config.reporting.future_dated_target.ticks() : type.target_response.ticks();
  } else {
    q.measure = MeasureClass::on_demand;
    q.target_ticks = type.target_response.ticks();
  }
  if (scheduled) {
    station_arrive(dsp, r);
  } else {
    traffic_management(r);
  }
}

void DccModel::Impl::create_csr(Source& s) {
  const Time now = simulation.now();
  const std::uint32_t r = pool.allocate();
  Request& q = pool[r];
  ++counts.generated;
  q.created = q.start_ref = q.stage_in = q.execute_at = now;
  q.user = s.user;
  q.cell = s.cell;
  q.sr_type = 0;
  q.region = 0;
  q.kind = Kind::csr;
  q.measure = MeasureClass::csr;
  q.attempt = 1;
  q.future = false;
  q.service_ticks = to_ticks(config.smki.service_s.sample(s.attributes));
  q.csp_ticks = 0;
  q.response_ticks = to_ticks(config.dsp.response_processing_s.sample(s.attributes));
  q.target_ticks = config.smki.target_response.ticks();
  if (q.cell != kNil) ++cells[q.cell].actual;
  station_arrive(smki, r);
}

void DccModel::Impl::create_alert(Source& s) {
  const Time now = simulation.now();
  const std::uint32_t r = pool.allocate();
  Request& q = pool[r];
  const AlertConfig& a = config.alerts[s.region];
  ++counts.generated;
  const std::int64_t wan = to_ticks(a.wan_latency_s.sample(s.attributes));
  // The alert left the device one WAN latency before it reached the DSP.
  q.created = q.start_ref = now - Duration::from_ticks(wan);
  q.stage_in = q.execute_at = now;
  q.user = kNil;
  q.cell = kNil;
  q.sr_type = 0;
  q.region = s.region;
  q.kind = Kind::alert;
  q.measure = MeasureClass::alerts;
  q.attempt = 1;
  q.future = false;
  q.service_ticks = to_ticks(a.dsp_service_s.sample(s.attributes));
  q.csp_ticks = 0;
  q.response_ticks = to_ticks(config.dsp.response_processing_s.sample(s.attributes));
  q.target_ticks = config.reporting.alert_target.ticks();
  if (config.alert_throttle.enabled) {
    const bool exempt_alert = alert_exempt_rng.uniform01() < config.alert_throttle.exempt_share;
    if (!exempt_alert && !alert_buckets[s.region].try_consume(now, 1)) {
      finish(r, Outcome::rejected_throttled);
      return;
    }
  }
  station_arrive(dsp, r);
}

void DccModel::Impl::traffic_management(std::uint32_t r) {
  const Time now = simulation.now();
  Request& q = pool[r];
  UserState& u = users[q.user];
  const TrafficManagementConfig& tm = config.traffic_management;
  // Every attempt is an SR sent: the variance report counts it.
  if (q.cell != kNil) ++cells[q.cell].actual;
  ++u.result.offered;
  ++u.interval_attempts;
  ++interval_attempts;
  offered_series.add(now, 1);
  q.start_ref = now;
  const std::uint32_t cost = config.catalogue.types[q.sr_type].token_cost;
  if (tm.activation == Activation::never || exempt[q.sr_type]) {
    admit(r);
    return;
  }
  if (!throttling) {
    // Inactive throttling still drains buckets, so Users above their allocation meet an empty
    // bucket (and are cut back) the moment throttling switches on.
    u.bucket.consume_available(now, cost);
    admit(r);
    return;
  }
  if (tm.action == ThrottleAction::delay) {
    if (u.delayed.empty() && u.bucket.try_consume(now, cost)) {
      admit(r);
      return;
    }
    if (u.delayed.size >= tm.delay_queue_limit) {
      ++u.result.rejected;
      finish(r, Outcome::rejected_queue_full);
      return;
    }
    ++u.result.delayed;
    const bool was_empty = u.delayed.empty();
    u.delayed.push(pool, r);
    if (was_empty) schedule_release(u, q.user);
    return;
  }
  if (u.bucket.try_consume(now, cost)) {
    admit(r);
  } else {
    reject_throttled(r);
  }
}

void DccModel::Impl::reject_throttled(std::uint32_t r) {
  Request& q = pool[r];
  UserState& u = users[q.user];
  ++u.result.rejected;
  if (q.attempt < u.config->retry.max_attempts) {
    const double backoff = u.config->retry.backoff_s.sample(u.retry_rng);
    simulation.schedule_after(Duration::from_ticks(to_ticks(backoff)), on_retry_h, r);
    return;
  }
  ++u.result.given_up;
  finish(r, Outcome::rejected_throttled);
}

void DccModel::Impl::on_retry(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  Request& q = pool[r];
  ++q.attempt;
  ++users[q.user].result.retried;
  traffic_management(r);
}

void DccModel::Impl::admit(std::uint32_t r) {
  ++users[pool[r].user].result.admitted;
  station_arrive(dsp, r);
}

void DccModel::Impl::schedule_release(UserState& u, std::uint32_t user_index) {
  if (u.delayed.empty()) return;
  const std::uint32_t cost = config.catalogue.types[pool[u.delayed.head].sr_type].token_cost;
  const Time at = u.bucket.available_at(simulation.now(), cost);
  if (at == Time::max() || at >= horizon) return;  // no refill: the next control tick reschedules
  u.release = simulation.schedule_at(std::max(at, simulation.now()), on_release_h, user_index);
}

void DccModel::Impl::on_release(std::uint64_t user_index) {
  UserState& u = users[user_index];
  const Time now = simulation.now();
  while (!u.delayed.empty()) {
    const std::uint32_t cost = config.catalogue.types[pool[u.delayed.head].sr_type].token_cost;
    if (!u.bucket.try_consume(now, cost)) break;
    admit(u.delayed.pop(pool));
  }
  schedule_release(u, static_cast<std::uint32_t>(user_index));
}

void DccModel::Impl::station_arrive(MultiServer& st, std::uint32_t r) {
  if (!st.arrive(r)) finish(r, Outcome::rejected_queue_full);
}

void DccModel::Impl::on_dsp_done(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  dsp.done(r);
  const Request& q = pool[r];
  if (q.kind == Kind::sr) ++interval_completions;
  if (q.kind == Kind::alert || !config.catalogue.types[q.sr_type].reaches_device) {
    deliver(r);
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
  csp_arrive(r);
}

void DccModel::Impl::on_smki_done(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  smki.done(r);
  deliver(r);
}

void DccModel::Impl::on_execute(std::uint64_t index) { csp_arrive(static_cast<std::uint32_t>(index)); }

void DccModel::Impl::csp_arrive(std::uint32_t r) {
  const Time now = simulation.now();
  Request& q = pool[r];
  Csp& csp = csps[q.region];
  ++csp.stats.arrivals;
  q.stage_in = now;
  if (csp.in_flight < csp.limit && csp.queue.empty()) {
    csp_start(csp, r);
    return;
  }
  if (csp.queue.size >= csp.stats.queue_limit) {
    ++csp.stats.rejected;
    finish(r, Outcome::rejected_queue_full);
    return;
  }
  csp.queue.push(pool, r);
  csp.stats.set_waiting(now, static_cast<double>(csp.queue.size));
}

void DccModel::Impl::csp_start(Csp& csp, std::uint32_t r) {
  const Time now = simulation.now();
  Request& q = pool[r];
  csp.stats.wait_s.add((now - q.stage_in).seconds());
  q.service_start = now;
  ++csp.in_flight;
  csp.stats.set_busy(now, csp.in_flight);
  const std::int64_t timeout = csp.config.timeout.ticks();
  const std::int64_t busy_for = (q.csp_ticks < 0 || q.csp_ticks > timeout) ? timeout : q.csp_ticks;
  simulation.schedule_after(Duration::from_ticks(busy_for), on_csp_done_h, r);
}

void DccModel::Impl::csp_dispatch(Csp& csp) {
  const Time now = simulation.now();
  bool changed = false;
  while (csp.in_flight < csp.limit && !csp.queue.empty()) {
    const std::uint32_t r = csp.queue.pop(pool);
    changed = true;
    // A command that waited longer than the timeout has already failed from the User's side.
    if (now - pool[r].stage_in > csp.config.timeout) {
      ++csp.stats.abandoned;
      // Its failure response went out when the timeout expired, not now.
      finish(r, Outcome::failed_timeout, pool[r].stage_in + csp.config.timeout);
      continue;
    }
    csp_start(csp, r);
  }
  if (changed) csp.stats.set_waiting(now, static_cast<double>(csp.queue.size));
}

void DccModel::Impl::on_csp_done(std::uint64_t index) {
  const Time now = simulation.now();
  const auto r = static_cast<std::uint32_t>(index);
  Request& q = pool[r];
  Csp& csp = csps[q.region];
  --csp.in_flight;
  ++csp.stats.completions;
  csp.stats.set_busy(now, csp.in_flight);
  csp.stats.response_s.add((now - q.stage_in).seconds());
  std::optional<Outcome> failure;
  if (q.service_start < csp.last_outage_start) {
    failure = Outcome::failed_outage;
  } else if (q.csp_ticks < 0 || q.csp_ticks > csp.config.timeout.ticks()) {
    failure = Outcome::failed_timeout;
  }
  csp_dispatch(csp);
  if (failure) {
    finish(r, *failure);
  } else {
    deliver(r);
  }
}

void DccModel::Impl::deliver(std::uint32_t r) {
  const Request& q = pool[r];
  const Time done = simulation.now() + Duration::from_ticks(q.response_ticks);
  if (done > horizon) {
    // Still on its way back at the horizon: in flight, not completed.
    ++delivered_after_horizon;
    pool.release(r);
    return;
  }
  const std::int64_t response = (done - q.start_ref).ticks();
  const bool ok = response <= q.target_ticks;
  const auto m = static_cast<std::size_t>(q.measure);
  const std::size_t mi = month_index(q.start_ref);
  ++responses[m][mi];
  if (ok) ++within[m][mi];
  response_hist[m][mi].add(static_cast<double>(std::max<std::int64_t>(response, 0)) /
                           static_cast<double>(sim::kTicksPerSecond));
  class_series[m].add(done, ok ? 1.0 : 0.0);
  throughput_series.add(done, 1.0);
  if (q.measure == MeasureClass::on_demand) {
    ++interval_on_demand;
    if (ok) ++interval_on_demand_within;
  }
  finish(r, ok ? Outcome::completed_within : Outcome::completed_late);
}

void DccModel::Impl::finish(std::uint32_t r, Outcome outcome, Time failed_at) {
  if (outcome == Outcome::failed_timeout || outcome == Outcome::failed_outage) {
    // The User gets a failure response: it counts in its measure as a response not within target.
    const Request& q = pool[r];
    const auto m = static_cast<std::size_t>(q.measure);
    ++responses[m][month_index(q.start_ref)];
    class_series[m].add(std::min(failed_at, simulation.now()), 0.0);
    if (q.measure == MeasureClass::on_demand) ++interval_on_demand;
  }
  switch (outcome) {
    case Outcome::completed_within:
      ++counts.completed_within;
      break;
    case Outcome::completed_late:
      ++counts.completed_late;
      break;
    case Outcome::rejected_throttled:
      ++counts.rejected_throttled;
      break;
    case Outcome::rejected_queue_full:
      ++counts.rejected_queue_full;
      break;
    case Outcome::failed_timeout:
      ++counts.failed_timeout;
      break;
    case Outcome::failed_outage:
      ++counts.failed_outage;
      break;
  }
  pool.release(r);
}

void DccModel::Impl::on_control(std::uint64_t) {
  const Time now = simulation.now();
  const TrafficManagementConfig& tm = config.traffic_management;
  const double dt = (now - last_control).seconds();
  const std::size_t mi = month_index(now);
  if (dt > 0) {
    const double offered = static_cast<double>(interval_attempts) / dt;
    double bottleneck = 0;
    bottleneck = std::max(bottleneck, dsp.stats.interval_utilisation(now, dsp.servers(), dt));
    for (Csp& csp : csps) {
      bottleneck = std::max(bottleneck, csp.stats.interval_utilisation(now, csp.config.concurrency, dt));
    }
    if (tm.capacity_mode == CapacityMode::dynamic) {
      LoadSample sample;
      sample.offered_per_s = offered;
      sample.throughput_per_s = static_cast<double>(interval_completions) / dt;
      sample.bottleneck_utilisation = bottleneck;
      sample.share_within_target = interval_on_demand > 0 ? static_cast<double>(interval_on_demand_within) /
                                                                static_cast<double>(interval_on_demand)
                                                          : 1.0;
      sample.target_service_level = config.reporting.target_service_level;
      set_capacity(next_dynamic_capacity(tm.dynamic, capacity_per_s, sample));
    }
    throttling = throttling_active(tm.activation, offered, capacity_per_s, tm.operating_threshold);
  } else {
    throttling = tm.activation == Activation::always;
  }
  throttling_series.level(now, throttling ? 1.0 : 0.0);

  if (tm.activation != Activation::never) {
    for (std::size_t i = 0; i < users.size(); ++i) {
      forecast_weight[i] = users[i].forecast_weight_by_month[mi];
      demand[i] = dt > 0 ? static_cast<double>(users[i].interval_attempts) / dt : 0.0;
      // A User idle in the last interval keeps a small reserve under max-min fairness, so its
      // bucket still refills and it can start sending before the next reallocation.
      if (tm.allocation == AllocationPolicy::max_min_fair && !users.empty()) {
        demand[i] = std::max(demand[i], 0.01 * capacity_per_s / static_cast<double>(users.size()));
      }
    }
    allocate(tm.allocation, capacity_per_s, forecast_weight, demand, allocation);
    for (std::uint32_t i = 0; i < users.size(); ++i) {
      UserState& u = users[i];
      const double rate = u.fixed_bucket ? u.bucket.rate_per_s() : allocation[i];
      if (!u.fixed_bucket) {
        const double depth = std::max(rate * tm.bucket_depth_s, static_cast<double>(max_token_cost));
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
        while (!u.delayed.empty()) admit(u.delayed.pop(pool));
      } else if (!u.delayed.empty()) {
        simulation.cancel(u.release);
        schedule_release(u, i);
      }
      u.interval_attempts = 0;
    }
  }
  interval_attempts = 0;
  interval_completions = 0;
  interval_on_demand = 0;
  interval_on_demand_within = 0;
  last_control = now;
  const Time next = now + tm.interval;
  if (next < horizon) simulation.schedule_at(next, on_control_h);
}

void DccModel::Impl::set_capacity(double c) {
  capacity_per_s = c;
  capacity_series.level(simulation.now(), c);
}

void DccModel::Impl::apply_csp_limit(Csp& csp) {
  const double factor = csp.out ? 0.0 : csp.maintenance_factor;
  csp.limit = static_cast<std::uint32_t>(std::floor(static_cast<double>(csp.config.concurrency) * factor));
  csp.capacity_factor.level(simulation.now(), factor);
  csp_dispatch(csp);
}

void DccModel::Impl::on_maintenance(std::uint64_t packed) {
  const Time now = simulation.now();
  Csp& csp = csps[packed >> 32];
  double factor = 1.0;
  for (const CapacityWindow& w : csp.config.maintenance) {
    if (w.start <= now && now < w.end) factor = std::min(factor, w.capacity_factor);
  }
  // A window at zero capacity is an outage: commands in flight when it opens are lost.
  if (factor <= 0 && csp.maintenance_factor > 0) csp.last_outage_start = now;
  csp.maintenance_factor = factor;
  apply_csp_limit(csp);
}

void DccModel::Impl::on_outage(std::uint64_t arg) {
  const Time now = simulation.now();
  const std::size_t r = arg >> 1;
  Csp& csp = csps[r];
  if (arg & 1) {
    csp.out = true;
    csp.last_outage_start = now;
    const double repair = -csp.config.mttr.seconds() * std::log(csp.outage_rng.uniform01_open());
    simulation.schedule_after(Duration::from_ticks(std::max<std::int64_t>(1, to_ticks(repair))), on_outage_h,
                              r << 1);
  } else {
    csp.out = false;
    const double gap = -csp.config.mtbf.seconds() * std::log(csp.outage_rng.uniform01_open());
    simulation.schedule_after(Duration::from_ticks(std::max<std::int64_t>(1, to_ticks(gap))), on_outage_h,
                              r << 1 | 1);
  }
  apply_csp_limit(csp);
}

void DccModel::Impl::reset_statistics() {
  const Time now = simulation.now();
  warmup_end = now;
  counts = RequestCounts{};
  counts.carried_in = pool.live();
  dsp.stats.restart(now);
  smki.stats.restart(now);
  for (Csp& csp : csps) csp.stats.restart(now);
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    std::fill(responses[k].begin(), responses[k].end(), 0);
    std::fill(within[k].begin(), within[k].end(), 0);
    for (sim::LogHistogram& h : response_hist[k]) h.reset();
  }
  for (UserState& u : users) {
    const std::string id = u.result.user;
    u.result = UserThrottle{};
    u.result.user = id;
    u.allocation_active_s = 0;
    u.allocation_active_area = 0;
  }
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

  counts.in_flight = pool.live() + delivered_after_horizon;
  out.requests = counts;
  DCCSIM_ASSERT(counts.conserved(), "every request must end in exactly one state");

  // Variance, ordered by User, month, then service as first seen.
  std::vector<std::size_t> order(cells.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    if (cells[a].user != cells[b].user) return cells[a].user < cells[b].user;
    return cells[a].month < cells[b].month;
  });
  for (const std::size_t i : order) {
    const Cell& c = cells[i];
    VarianceLine line;
    line.user = config.users[c.user].id;
    line.month = c.month;
    line.service = service_label(c.key, config.catalogue);
    line.is_csr = c.key.kind == ServiceKey::Kind::csr;
    line.forecast = c.forecast;
    line.actual = c.actual;
    line.has_forecast = c.has_forecast;
    out.variance.lines.push_back(std::move(line));
  }
  finish_report(out.variance, config.reporting);

  // Stations.
  dsp.stats.close(horizon);
  smki.stats.close(horizon);
  for (Csp& csp : csps) csp.stats.close(horizon);
  out.stations.push_back(dsp.stats.result(warmup_end, horizon));
  if (smki.stats.arrivals > 0) out.stations.push_back(smki.stats.result(warmup_end, horizon));
  for (const Csp& csp : csps) out.stations.push_back(csp.stats.result(warmup_end, horizon));

  // Code Performance Measures: the three classes always, the others when they carried traffic.
  for (std::size_t mi = 0; mi < span.size(); ++mi) {
    for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
      const auto cls = static_cast<MeasureClass>(k);
      const bool core =
          cls == MeasureClass::on_demand || cls == MeasureClass::future_dated || cls == MeasureClass::alerts;
      if (!core && responses[k][mi] == 0) continue;
      MeasureResult m;
      m.measure = cls;
      m.month = span.months()[mi];
      m.responses = responses[k][mi];
      m.within_target = within[k][mi];
      m.target = config.reporting.target_service_level;
      m.minimum = config.reporting.minimum_service_level;
      if (m.responses == 0) {
        m.share_within_target = std::numeric_limits<double>::quiet_NaN();
        m.status = MeasureStatus::no_traffic;
      } else {
        m.share_within_target = static_cast<double>(m.within_target) / static_cast<double>(m.responses);
        m.status = m.share_within_target >= m.target    ? MeasureStatus::met
                   : m.share_within_target >= m.minimum ? MeasureStatus::below_target
                                                        : MeasureStatus::below_minimum;
      }
      m.response_s = response_hist[k][mi];
      out.performance.push_back(std::move(m));
    }
  }

  // Traffic Management per User.
  for (UserState& u : users) {
    u.allocation_series.advance(horizon);
    UserThrottle t = u.result;
    t.allocation_mean_per_s = u.allocation_active_s > 0 ? u.allocation_active_area / u.allocation_active_s
                                                        : std::numeric_limits<double>::quiet_NaN();
    if (u.allocation_active_s <= 0) {
      t.allocation_min_per_s = t.allocation_max_per_s = std::numeric_limits<double>::quiet_NaN();
    }
    for (std::size_t i = 0; i < intervals; ++i)
      t.allocation_per_s.push_back(u.allocation_series.time_average(i));
    out.throttle.push_back(std::move(t));
  }

  // Series.
  capacity_series.advance(horizon);
  throttling_series.advance(horizon);
  IntervalSeries& series = out.series;
  series.start = Time::zero();
  series.interval = config.reporting.series_interval;
  const auto interval_s = [&](std::size_t i) {
    return (std::min(offered_series.interval_start(i) + series.interval, horizon) -
            offered_series.interval_start(i))
        .seconds();
  };
  std::vector<StationStats*> stations{&dsp.stats};
  if (smki.stats.arrivals > 0) stations.push_back(&smki.stats);
  for (Csp& csp : csps) stations.push_back(&csp.stats);
  series.queue_mean.resize(stations.size());
  series.utilisation.resize(stations.size());
  for (std::size_t i = 0; i < intervals; ++i) {
    const double len = interval_s(i);
    series.offered_per_s.push_back(offered_series.sum(i) / len);
    series.capacity_per_s.push_back(capacity_series.time_average(i));
    series.throughput_per_s.push_back(throughput_series.sum(i) / len);
    series.throttling_active.push_back(throttling_series.time_average(i));
    for (std::size_t k = 0; k < kMeasureClassCount; ++k)
      series.share_within_target[k].push_back(class_series[k].mean(i));
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
  add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::offered_above_capacity, "system",
               warmup_end, horizon,
               [&](std::size_t i) { return series.offered_per_s[i] - series.capacity_per_s[i]; });
  add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::offered_above_threshold, "system",
               warmup_end, horizon, [&](std::size_t i) {
                 return series.offered_per_s[i] - tm.operating_threshold * series.capacity_per_s[i];
               });
  for (std::size_t s = 0; s < stations.size(); ++s) {
    add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::utilisation, stations[s]->name,
                 warmup_end, horizon,
                 [&](std::size_t i) { return series.utilisation[s][i] - rep.utilisation_limit; });
    const double queue_limit = rep.queue_limit_share * static_cast<double>(stations[s]->queue_limit);
    add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::queue, stations[s]->name, warmup_end,
                 horizon, [&](std::size_t i) { return series.queue_mean[s][i] - queue_limit; });
  }
  for (Csp& csp : csps) {
    csp.capacity_factor.advance(horizon);
    add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::capacity_reduced, csp.stats.name,
                 warmup_end, horizon, [&](std::size_t i) {
                   const double f = csp.capacity_factor.time_average(i);
                   return std::isnan(f) ? 0.0 : 1.0 - f;
                 });
  }
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    add_interval_breaches(out.breaches, offered_series, intervals, BreachKind::interval_share_below_minimum,
                 measure_class_name(static_cast<MeasureClass>(k)), warmup_end, horizon, [&](std::size_t i) {
                   const double share = series.share_within_target[k][i];
                   if (std::isnan(share) || class_series[k].count(i) < rep.min_interval_responses) return 0.0;
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
