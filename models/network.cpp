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
#include "models/demand/variance_cells.hpp"
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

// Where a User's meters are: what regions its requests go to, and how many its schedules read.
struct UserMeters {
  std::array<double, kRegionCount> region_cumulative{};  // cumulative meter shares
  double total = 0;
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
  MonthSpan span;
  Measures measures;

  std::vector<UserMeters> users;
  VarianceCells cells;
  std::vector<Source> sources;
  FutureParking parking;
  std::array<double, kRegionCount> region_meters{};

  MultiServer dsp;
  MultiServer smki;
  CspStage csps;
  TrafficManagement traffic;
  ControlLoop control;

  // Alert storm throttle per region.
  std::vector<TokenBucket> alert_buckets;
  sim::RandomStream alert_exempt_rng;

  // Series.
  std::size_t intervals;

  sim::HandlerId on_source_h, on_dsp_done_h, on_smki_done_h, on_execute_h;

  explicit Impl(const ModelConfig& c);

  // Construction helpers.
  void build_users();
  void build_sources();
  void build_alerts();
  void build_stations();
  std::size_t month_index(Time t) const { return span.index(t); }

  // Flow.
  bool next_arrival(Source& s, Time& t);
  void on_source(std::uint64_t source);
  void create_sr(Source& s, bool scheduled);
  void create_csr(Source& s);
  void create_alert(Source& s);
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
      alert_exempt_rng(sim::make_stream(c.seed, c.replication, stream_id("alerts/exempt"))),
      intervals(interval_count(c)) {
  on_source_h = simulation.add_handler<&Impl::on_source>(*this);
  on_dsp_done_h = simulation.add_handler<&Impl::on_dsp_done>(*this);
  on_smki_done_h = simulation.add_handler<&Impl::on_smki_done>(*this);
  dsp.bind(on_dsp_done_h);
  smki.bind(on_smki_done_h);
  on_execute_h = simulation.add_handler<&Impl::on_execute>(*this);
  parking.bind(on_execute_h);

  build_stations();
  build_users();
  build_sources();
  build_alerts();

  // Allocations for the first interval come from forecasts alone (no demand measured yet).
  control.start();
}

void DccModel::Impl::build_stations() {
  if (config.alert_throttle.enabled) {
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      alert_buckets.emplace_back(config.alert_throttle.rate_per_s, config.alert_throttle.depth_tokens,
                                 config.alert_throttle.depth_tokens, Time::zero());
    }
  }
}

void DccModel::Impl::build_users() {
  users.resize(config.users.size());
  for (std::size_t i = 0; i < users.size(); ++i) {
    const User& cfg = config.users[i];
    UserMeters& u = users[i];
    u.total = cfg.meters[0] + cfg.meters[1] + cfg.meters[2];
    double acc = 0;
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      acc += cfg.meters[r];
      u.region_cumulative[r] = u.total > 0 ? acc / u.total : static_cast<double>(r + 1) / 3.0;
    }
    for (std::size_t r = 0; r < kRegionCount; ++r) region_meters[r] += cfg.meters[r];
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
      const std::uint32_t cell = cells.find(ui, line.month, line.key, true);
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
      std::uint32_t cell = cells.find(ui, m, key, false);
      if (cell == kNil) {
        const std::uint32_t family_cell =
            cells.find(ui, m, ServiceKey{ServiceKey::Kind::family, type.family}, false);
        cell = family_cell != kNil ? family_cell : cells.find(ui, m, key, true);
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
          static_cast<std::uint64_t>(std::llround(users[ui].total * sch.meters_share));
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
  const UserMeters& u = users[s.user];
  ++measures.counts.generated;
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
    traffic.submit(r);
  }
}

void DccModel::Impl::create_csr(Source& s) {
  const Time now = simulation.now();
  const std::uint32_t r = pool.allocate();
  Request& q = pool[r];
  ++measures.counts.generated;
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
  cells.count(q.cell);
  station_arrive(smki, r);
}

void DccModel::Impl::create_alert(Source& s) {
  const Time now = simulation.now();
  const std::uint32_t r = pool.allocate();
  Request& q = pool[r];
  const AlertConfig& a = config.alerts[s.region];
  ++measures.counts.generated;
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
      measures.finish(r, Outcome::rejected_throttled);
      return;
    }
  }
  station_arrive(dsp, r);
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
