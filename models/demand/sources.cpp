#include "models/demand/sources.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "models/variance.hpp"
#include "sim/assert.hpp"
#include "sim/discrete_distributions.hpp"

namespace dccsim::models {
namespace {

ArrivalPlan must_plan(sim::ParamResult<ArrivalPlan> p) {
  DCCSIM_ASSERT(p.ok(), "arrival plan parameters checked before the run");
  return std::move(p).value();
}

ArrivalPlan empty_plan(sim::Time at) { return must_plan(ArrivalPlan::uniform(at, sim::Duration::zero(), 0)); }

}  // namespace

// One forecast or recorded (month, service) of a User: the forecast (0 if none), the actual.
struct Sources::Line {
  sim::YearMonth month;
  ServiceKey key;
  std::uint64_t forecast = 0;
  bool has_forecast = false;
  std::uint64_t recorded = 0;
};

Sources::Sources(const ModelConfig& config, const sim::Calendar& calendar, const MonthSpan& span,
                 sim::Time horizon, VarianceCells& cells)
    : config_(&config), calendar_(&calendar), span_(&span), horizon_(horizon), cells_(&cells) {
  meters_.resize(config.users.size());
  for (std::size_t i = 0; i < meters_.size(); ++i) {
    const User& cfg = config.users[i];
    UserMeters& u = meters_[i];
    u.total = cfg.meters[0] + cfg.meters[1] + cfg.meters[2];
    double acc = 0;
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      acc += cfg.meters[r];
      u.region_cumulative[r] = u.total > 0 ? acc / u.total : static_cast<double>(r + 1) / 3.0;
    }
    for (std::size_t r = 0; r < kRegionCount; ++r) region_meters_[r] += cfg.meters[r];
  }
  for (std::uint32_t ui = 0; ui < meters_.size(); ++ui) {
    add_forecast_lines(ui);
    add_bursts(ui);
    add_schedules(ui);
  }
  add_alerts();
}

Source& Sources::add(Source::Type type, std::uint32_t user, std::uint32_t cell, std::size_t sr_type,
                     std::size_t region, bool future_only, ArrivalPlan plan, const std::string& label) {
  const ModelConfig& c = *config_;
  sources_.push_back(Source{type, user, cell, static_cast<std::uint16_t>(sr_type),
                            static_cast<std::uint8_t>(region), future_only, std::move(plan),
                            sim::make_stream(c.seed, c.replication, sim::stream_id("arrivals/" + label)),
                            sim::make_stream(c.seed, c.replication, sim::stream_id("attributes/" + label)),
                            std::nullopt, 0, 0, 0, 0});
  return sources_.back();
}

void Sources::add_forecast_lines(std::uint32_t ui) {
  const User& user = config_->users[ui];
  std::vector<Line> lines;
  const auto line_of = [&lines](sim::YearMonth m, const ServiceKey& k) -> Line& {
    for (Line& l : lines) {
      if (l.month == m && l.key == k) return l;
    }
    lines.push_back(Line{m, k, 0, false, 0});
    return lines.back();
  };
  for (const MonthlyCount& f : user.forecasts) {
    Line& l = line_of(f.month, f.service);
    l.forecast += f.count;
    l.has_forecast = true;
  }
  for (const MonthlyCount& a : user.recorded_actuals) line_of(a.month, a.service).recorded += a.count;
  for (const Line& line : lines) add_line(ui, line);
}

void Sources::add_line(std::uint32_t ui, const Line& line) {
  const User& user = config_->users[ui];
  sim::Time start;
  sim::Time end;
  const double fraction = span_->window_fraction(line.month, start, end);
  if (fraction <= 0) return;
  const std::string label =
      user.id + "/" + sim::month_text(line.month) + "/" + service_label(line.key, config_->catalogue);
  const std::uint32_t cell = cells_->find(ui, line.month, line.key, true);
  (*cells_)[cell].forecast =
      static_cast<std::uint64_t>(std::llround(static_cast<double>(line.forecast) * fraction));
  (*cells_)[cell].has_forecast = line.has_forecast;
  sim::RandomStream count_rng =
      sim::make_stream(config_->seed, config_->replication, sim::stream_id("count/" + label));
  const bool recorded = user.behaviour.kind == Behaviour::Kind::recorded;
  if (recorded && !line.has_forecast && line.recorded == 0) return;
  if (!recorded && !line.has_forecast) return;
  const auto recorded_in_window =
      static_cast<std::uint64_t>(std::llround(static_cast<double>(line.recorded) * fraction));
  const std::uint64_t n = draw_monthly_count(user.behaviour, static_cast<double>(line.forecast) * fraction,
                                             recorded_in_window, count_rng);
  if (n == 0) return;
  if (line.key.kind == ServiceKey::Kind::csr) {
    const std::uint64_t batch = std::max<std::uint64_t>(1, user.csr.batch_size);
    add(Source::Type::csr, ui, cell, 0, 0, false,
        must_plan(ArrivalPlan::over_hours(*calendar_, start, end, user.profile, user.csr.hours,
                                          (n + batch - 1) / batch)),
        label)
        .csr_left = n;
    return;
  }
  add_family_split(ui, cell, line, n, start, end, label, count_rng);
}

// Splits a line's count among its SR types: a family line by the catalogue's family shares, as a
// chain of binomials (each type takes its share of what the earlier ones left).
void Sources::add_family_split(std::uint32_t ui, std::uint32_t cell, const Line& line, std::uint64_t n,
                               sim::Time start, sim::Time end, const std::string& label,
                               sim::RandomStream& count_rng) {
  const Catalogue& cat = config_->catalogue;
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
    add(Source::Type::sr, ui, cell, members[k], 0, false,
        must_plan(ArrivalPlan::over_profile(*calendar_, start, end, config_->users[ui].profile, part)),
        label + "/" + cat.types[members[k]].id);
  }
}

void Sources::add_bursts(std::uint32_t ui) {
  const User& user = config_->users[ui];
  for (std::size_t b = 0; b < user.bursts.size(); ++b) {
    const Burst& burst = user.bursts[b];
    if (burst.count == 0 || burst.at >= horizon_) continue;
    const sim::YearMonth m = calendar_->month_of(burst.at);
    const SrType& type = config_->catalogue.types[burst.sr_type];
    const ServiceKey key{ServiceKey::Kind::sr_type, static_cast<int>(burst.sr_type)};
    // A burst counts in its type's line, else its family's, else a line of its own.
    std::uint32_t cell = cells_->find(ui, m, key, false);
    if (cell == kNil) {
      const std::uint32_t family_cell =
          cells_->find(ui, m, ServiceKey{ServiceKey::Kind::family, type.family}, false);
      cell = family_cell != kNil ? family_cell : cells_->find(ui, m, key, true);
    }
    add(Source::Type::sr, ui, cell, burst.sr_type, 0, burst.future_dated,
        must_plan(ArrivalPlan::uniform(std::max(burst.at, sim::Time::zero()), burst.spread, burst.count)),
        user.id + "/burst/" + std::to_string(b));
  }
}

void Sources::add_schedules(std::uint32_t ui) {
  const User& user = config_->users[ui];
  for (std::size_t k = 0; k < user.schedules.size(); ++k) {
    const DccSchedule& sch = user.schedules[k];
    const auto per_run = static_cast<std::uint64_t>(std::llround(meters_[ui].total * sch.meters_share));
    if (per_run == 0 || sch.times_of_day.empty()) continue;
    Source& s = add(Source::Type::scheduled, ui, kNil, sch.sr_type, 0, false, empty_plan(sim::Time::zero()),
                    user.id + "/schedule/" + std::to_string(k));
    s.schedule = k;
    s.per_run = per_run;
  }
}

void Sources::add_alerts() {
  const ModelConfig& c = *config_;
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const AlertConfig& a = c.alerts[r];
    if (a.per_meter_per_day <= 0) continue;
    const std::string label = std::string("alerts/") + region_name(static_cast<Region>(r));
    add(Source::Type::alert, kNil, kNil, 0, r, false, empty_plan(sim::Time::zero()), label);
    for (std::size_t k = 0; k < a.storms.size(); ++k) {
      const AlertConfig::Storm& storm = a.storms[k];
      if (storm.multiplier <= 1 || storm.start >= horizon_ || storm.duration <= sim::Duration::zero())
        continue;
      const double extra = (storm.multiplier - 1) * region_meters_[r] * a.per_meter_per_day *
                           storm.duration.seconds() / 86'400.0;
      sim::RandomStream rng = sim::make_stream(c.seed, c.replication,
                                               sim::stream_id(label + "/storm-count/" + std::to_string(k)));
      const std::uint64_t n = sim::Poisson::with_mean(extra).value().sample(rng);
      // future_only marks a storm source: one plan, no daily renewal.
      add(Source::Type::alert, kNil, kNil, 0, r, true,
          must_plan(ArrivalPlan::uniform(std::max(storm.start, sim::Time::zero()), storm.duration, n)),
          label + "/storm/" + std::to_string(k));
    }
  }
}

bool Sources::next_arrival(Source& s, sim::Time& t) {
  for (;;) {
    switch (s.type) {
      case Source::Type::sr:
        return s.plan.next(s.arrivals, t);
      case Source::Type::csr: {
        if (s.inner.has_value() && s.inner->next(s.arrivals, t)) return true;
        sim::Time batch_at;
        if (s.csr_left == 0 || !s.plan.next(s.arrivals, batch_at)) return false;
        const User& user = config_->users[s.user];
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
        const DccSchedule& sch = config_->users[s.user].schedules[s.schedule];
        const std::size_t per_day = sch.times_of_day.size();
        const sim::Time run_at = sim::Time::zero() +
                                 sim::days(static_cast<std::int64_t>(s.cursor / per_day)) +
                                 sch.times_of_day[s.cursor % per_day];
        if (run_at >= horizon_) return false;
        ++s.cursor;
        s.plan = must_plan(ArrivalPlan::uniform(run_at, sch.jitter, s.per_run));
        continue;
      }
      case Source::Type::alert: {
        if (s.plan.next(s.arrivals, t)) return true;
        if (s.future_only || !next_alert_day(s)) return false;  // a storm: one window
        continue;
      }
    }
    return false;
  }
}

// The next day of a region's alerts: Poisson of the day's share of the weekly total (meters ×
// alerts per meter per day × 7, shaped by the profile), placed over the day by the profile.
bool Sources::next_alert_day(Source& s) {
  const sim::Time day_start = sim::Time::zero() + sim::days(static_cast<std::int64_t>(s.cursor));
  if (day_start >= horizon_) return false;
  ++s.cursor;
  const sim::Time day_end = std::min(day_start + sim::days(1), horizon_);
  const AlertConfig& a = config_->alerts[s.region];
  double week_weight = 0;
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) week_weight += profile_weight(a.profile, h, d);
  }
  double window_weight = 0;
  for (sim::Time h = day_start; h < day_end; h += sim::hours(1)) {
    const double part = static_cast<double>(std::min(sim::hours(1), day_end - h).ticks()) /
                        static_cast<double>(sim::hours(1).ticks());
    window_weight += part * profile_weight(a.profile, calendar_->hour_of_day(h), calendar_->day_of_week(h));
  }
  const double expected =
      week_weight > 0 ? region_meters_[s.region] * a.per_meter_per_day * 7.0 * window_weight / week_weight
                      : 0.0;
  const std::uint64_t n = sim::Poisson::with_mean(expected).value().sample(s.attributes);
  s.plan = n > 0 ? must_plan(ArrivalPlan::over_profile(*calendar_, day_start, day_end, a.profile, n))
                 : empty_plan(day_start);
  return true;
}

}  // namespace dccsim::models
