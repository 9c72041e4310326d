#include "models/config_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

#include "models/arrivals.hpp"
#include "models/token_bucket.hpp"
#include "sim/calendar.hpp"

namespace dccsim::models::limits {
namespace {

using sim::Duration;
using sim::Time;

std::string indexed(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

std::string figure(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", x);
  return text;
}

struct Checker {
  const ModelConfig& c;
  std::vector<ConfigProblem>& problems;

  void bad(std::string field, std::string what) const {
    problems.push_back({std::move(field), std::move(what)});
  }
  void span(const std::string& field, Duration d) const {
    if (d > kMaxSpan) bad(field, "longer than 100 years, the longest span the model places events over");
  }
  double horizon_days() const { return c.horizon.seconds() / 86'400.0; }
};

// Share of month `m` inside [0, horizon), as the model scales a monthly count to its window.
double window_fraction(const sim::Calendar& calendar, sim::YearMonth m, Time horizon_end) {
  const Time month_start = calendar.start_of(m);
  const Time month_end = calendar.start_of(m.plus(1));
  const Time start = std::max(month_start, Time::zero());
  const Time end = std::min(month_end, horizon_end);
  if (end <= start) return 0.0;
  return static_cast<double>((end - start).ticks()) / static_cast<double>((month_end - month_start).ticks());
}

// Requests a User's forecast and recorded lines are expected to produce inside the horizon.
double demand_requests(const Checker& k, const sim::Calendar& calendar, std::size_t i) {
  const User& u = k.c.users[i];
  const std::string user = indexed("users", i);
  struct Line {
    sim::YearMonth month;
    double forecast = 0;
    double recorded = 0;
  };
  using LineKey = std::tuple<std::int64_t, int, int>;
  std::map<LineKey, Line> lines;
  const auto key_of = [](const MonthlyCount& m) {
    return LineKey{m.month.serial(), static_cast<int>(m.service.kind), m.service.index};
  };
  for (const MonthlyCount& f : u.forecasts) {
    Line& line = lines[key_of(f)];
    line.month = f.month;
    line.forecast += static_cast<double>(f.count);
  }
  for (const MonthlyCount& a : u.recorded_actuals) {
    Line& line = lines[key_of(a)];
    line.month = a.month;
    line.recorded += static_cast<double>(a.count);
  }
  const Time end = Time::zero() + k.c.horizon;
  double total = 0;
  std::size_t inside = 0;
  for (const auto& [key, line] : lines) {
    const sim::YearMonth month = line.month;
    const double fraction = window_fraction(calendar, month, end);
    if (fraction <= 0) continue;
    ++inside;
    const double forecast = line.forecast * fraction;
    const double recorded = line.recorded * fraction;
    if (forecast > kMaxCount || recorded > kMaxCount) {
      k.bad(line.forecast * fraction > kMaxCount ? "demand.forecasts" : "demand.actuals",
            "user " + u.id + ": month " + sim::month_text(month) + " counts " +
                figure(std::max(forecast, recorded)) +
                " inside the horizon; at most 1e12 (the largest count the model draws)");
      continue;
    }
    double mean = expected_monthly_count(u.behaviour, forecast, static_cast<std::uint64_t>(recorded));
    if (u.behaviour.kind == Behaviour::Kind::fixed_ratio && mean > kMaxCount) {
      k.bad(user + ".behaviour.ratio", "user " + u.id + ": ratio × forecast of month " +
                                           sim::month_text(month) + " is " + figure(mean) +
                                           "; at most 1e12 (the largest Poisson mean the model draws)");
    }
    // Lognormal draws cap their mean at the Poisson limit.
    if (!std::isfinite(mean) || mean > kMaxCount) mean = kMaxCount;
    total += mean;
  }
  if (inside > kMaxLinesPerUser) {
    k.bad("demand.forecasts", "user " + u.id + ": " + std::to_string(inside) +
                                  " (month, service) lines inside the horizon; at most " +
                                  std::to_string(kMaxLinesPerUser) +
                                  " per User (each is matched against the others)");
  }
  return total;
}

// Requests a User sends inside the horizon besides its forecast: bursts and DCC schedules.
double other_requests(const Checker& k, std::size_t i) {
  const User& u = k.c.users[i];
  const std::string user = indexed("users", i);
  double total = 0;
  for (std::size_t b = 0; b < u.bursts.size(); ++b) {
    const Burst& burst = u.bursts[b];
    const std::string at = indexed(user + ".bursts", b);
    k.span(at + ".spread", burst.spread);
    if (static_cast<double>(burst.count) > kMaxCount) {
      k.bad(at + ".count", "more than 1e12 SRs in one burst (the largest count the model draws)");
      continue;
    }
    if (burst.at < Time::zero() + k.c.horizon) total += static_cast<double>(burst.count);
  }
  const double meters = u.meters[0] + u.meters[1] + u.meters[2];
  for (std::size_t s = 0; s < u.schedules.size(); ++s) {
    const DccSchedule& sch = u.schedules[s];
    k.span(indexed(user + ".schedules", s) + ".jitter", sch.jitter);
    const double runs = std::ceil(k.horizon_days()) * static_cast<double>(sch.times_of_day.size());
    total += runs * std::round(meters * sch.meters_share);
  }
  return total;
}

void check_users(const Checker& k, double& requests) {
  const sim::Calendar calendar(k.c.epoch);
  for (std::size_t i = 0; i < k.c.users.size(); ++i) {
    const User& u = k.c.users[i];
    const std::string user = indexed("users", i);
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      if (!(u.meters[r] <= kMaxMeters)) {
        k.bad(user + ".meters." + region_name(static_cast<Region>(r)),
              "user " + u.id + ": " + figure(u.meters[r]) +
                  " meters; at most 1e9 per region (GB has about 3e7 smart meters)");
      }
    }
    k.span(user + ".csr.spread", u.csr.spread);
    k.span(user + ".future_dating.jitter", u.future_dating.jitter);
    const double own = demand_requests(k, calendar, i) + other_requests(k, i);
    // Every rejected SR may come back up to max_attempts times in all.
    requests += own * std::max<double>(1.0, u.retry.max_attempts);
  }
}

void check_alerts(const Checker& k, double& requests) {
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const AlertConfig& a = k.c.alerts[r];
    const std::string region = std::string("alerts.") + region_name(static_cast<Region>(r));
    double meters = 0;
    for (const User& u : k.c.users) meters += u.meters[r];
    if (a.per_meter_per_day <= 0) continue;
    // A day's alerts are one Poisson draw; a profile may put a whole week's weight in one day.
    const double per_day = meters * a.per_meter_per_day * 7.0;
    if (!(per_day <= kMaxCount)) {
      k.bad(region + ".per_meter_per_day",
            figure(per_day) +
                " alerts in a day at most (meters × per_meter_per_day × 7); at most 1e12, "
                "the largest Poisson mean the model draws");
      continue;
    }
    requests += meters * a.per_meter_per_day * k.horizon_days();
    for (std::size_t s = 0; s < a.storms.size(); ++s) {
      const AlertConfig::Storm& storm = a.storms[s];
      const std::string at = indexed(region + ".storms", s);
      k.span(at + ".duration", storm.duration);
      if (storm.duration > kMaxSpan || storm.start >= Time::zero() + k.c.horizon) continue;
      const double extra = std::max(0.0, storm.multiplier - 1) * meters * a.per_meter_per_day *
                           storm.duration.seconds() / 86'400.0;
      if (!(extra <= kMaxCount)) {
        k.bad(at + ".multiplier", "the storm adds " + figure(extra) +
                                      " alerts; at most 1e12 (the largest Poisson mean the model draws)");
        continue;
      }
      requests += extra;
    }
  }
}

void check_rates(const Checker& k) {
  const TrafficManagementConfig& tm = k.c.traffic_management;
  const auto rate = [&k](const std::string& field, double per_s) {
    if (!(per_s <= TokenBucket::kMaxRatePerS))
      k.bad(field, figure(per_s) + "/s; at most 1e12/s (the largest rate a token bucket counts exactly)");
  };
  const auto depth = [&k](const std::string& field, double tokens, const std::string& what) {
    if (!(tokens <= TokenBucket::kMaxDepthTokens))
      k.bad(field, what + " holds " + figure(tokens) + " tokens; at most 1e18 (a token bucket's range)");
  };
  rate("traffic_management.system_capacity", tm.system_capacity_per_s);
  depth("traffic_management.bucket_depth", tm.system_capacity_per_s * tm.bucket_depth_s,
        "a bucket of system_capacity × bucket_depth");
  if (tm.capacity_mode == CapacityMode::dynamic) {
    rate("traffic_management.dynamic.max", tm.dynamic.max_per_s);
    depth("traffic_management.bucket_depth", tm.dynamic.max_per_s * tm.bucket_depth_s,
          "a bucket of dynamic.max × bucket_depth");
  }
  for (std::size_t b = 0; b < tm.buckets.size(); ++b) {
    const std::string at = indexed("traffic_management.buckets", b);
    rate(at + ".rate", tm.buckets[b].rate_per_s);
    depth(at + ".depth", tm.buckets[b].depth_tokens, "the bucket");
  }
  if (k.c.alert_throttle.enabled) {
    rate("alert_throttle.rate", k.c.alert_throttle.rate_per_s);
    depth("alert_throttle.depth", k.c.alert_throttle.depth_tokens, "the bucket");
  }
}

void check_time(const Checker& k) {
  const ModelConfig& c = k.c;
  if (c.horizon > kMaxHorizon)
    k.bad("scenario.horizon", "longer than 10 years, the longest horizon the model runs");
  const double horizon_ticks = static_cast<double>(c.horizon.ticks());
  if (c.reporting.series_interval > Duration::zero()) {
    const double intervals =
        std::ceil(horizon_ticks / static_cast<double>(c.reporting.series_interval.ticks()));
    // The series: offered, capacity, throughput, throttling, 5 classes, 5 stations × 2, one per User.
    const double cells = intervals * (static_cast<double>(c.users.size()) + 20.0);
    if (intervals > kMaxSeriesIntervals) {
      k.bad("reporting.series_interval", figure(intervals) +
                                             " intervals over the horizon; at most 1e6 (each is a row of "
                                             "timeseries.csv and preallocated memory): make it longer");
    } else if (cells > kMaxSeriesCells) {
      k.bad("reporting.series_interval", figure(intervals) + " intervals × " +
                                             std::to_string(c.users.size() + 20) + " series need " +
                                             figure(cells * 40 / 1e9) + " GB; at most 1 GB: make it longer");
    }
  }
  if (c.traffic_management.interval > Duration::zero() &&
      horizon_ticks / static_cast<double>(c.traffic_management.interval.ticks()) > kMaxControlEvents) {
    k.bad("traffic_management.interval",
          "more than 1e7 reallocations over the horizon (each walks every User): make it longer");
  }
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const CspConfig& csp = c.csps[r];
    const std::string region = std::string("csp.") + region_name(static_cast<Region>(r));
    k.span(region + ".timeout", csp.timeout);
    k.span(region + ".mttr", csp.mttr);
    if (csp.mtbf > Duration::zero() &&
        horizon_ticks / static_cast<double>(csp.mtbf.ticks()) > kMaxControlEvents) {
      k.bad(region + ".mtbf", "more than 1e7 outages expected over the horizon: make it longer");
    }
  }
}

}  // namespace

void check_limits(const ModelConfig& config, std::vector<ConfigProblem>& problems) {
  const Checker k{config, problems};
  check_time(k);
  check_rates(k);
  if (config.horizon <= Duration::zero() || config.horizon > kMaxHorizon || !sim::is_valid(config.epoch))
    return;
  double requests = 0;
  check_users(k, requests);
  check_alerts(k, requests);
  if (!(requests <= kMaxRequests)) {
    k.bad("scenario.horizon",
          "about " + figure(requests) +
              " requests expected over the horizon (forecasts, bursts, schedules and alerts, counting every "
              "allowed retry); at most 1e11 per run, about a day of computing");
  }
}

}  // namespace dccsim::models::limits
