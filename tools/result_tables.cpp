#include "tools/result_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/variance.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

double quantile_or_nan(const sim::LogHistogram& h, double q) { return h.count() == 0 ? NAN : h.quantile(q); }
double as_double(std::uint64_t n) { return static_cast<double>(n); }

void tabulate_requests(const models::RequestCounts& q, TypedTable<RequestsTable>& t) {
  using T = RequestsTable;
  t.add_row({}, {{T::carried_in, as_double(q.carried_in)},
                 {T::generated, as_double(q.generated)},
                 {T::completed, as_double(q.completed())},
                 {T::completed_within_target, as_double(q.completed_within)},
                 {T::completed_late, as_double(q.completed_late)},
                 {T::rejected, as_double(q.rejected())},
                 {T::rejected_throttled, as_double(q.rejected_throttled)},
                 {T::rejected_queue_full, as_double(q.rejected_queue_full)},
                 {T::failed, as_double(q.failed())},
                 {T::failed_timeout, as_double(q.failed_timeout)},
                 {T::failed_outage, as_double(q.failed_outage)},
                 {T::in_flight, as_double(q.in_flight)}});
  t.set_derived(T::conserved, [](const RowView<T>& v) {
    const double lhs = v[T::carried_in] + v[T::generated];
    const double rhs = v[T::completed] + v[T::rejected] + v[T::failed] + v[T::in_flight];
    return std::string(std::abs(lhs - rhs) <= 1e-6 * std::max(1.0, lhs) ? "true" : "false");
  });
}

void tabulate_variance(const models::VarianceReport& report, const models::ReportingConfig& reporting,
                       ResultTables& t) {
  using Totals = VarianceTotalsTable;
  for (const auto& [kind, totals] : {std::pair{"sr", report.sr}, std::pair{"csr", report.csr}}) {
    t.variance_totals.add_row({kind}, {{Totals::forecast, as_double(totals.forecast)},
                                       {Totals::actual, as_double(totals.actual)},
                                       {Totals::variance_pct, totals.variance_pct}});
  }
  using V = VarianceTable;
  for (const models::VarianceLine& l : report.lines) {
    t.variance.add_row({l.user, sim::month_text(l.month), l.service}, {{V::forecast, as_double(l.forecast)},
                                                                       {V::actual, as_double(l.actual)},
                                                                       {V::variance_pct, l.variance_pct}});
    t.variance_has_forecast.push_back(l.has_forecast);
  }
  // Computed from the (mean) counts, so the flag with replications follows the figures written.
  t.variance.set_derived(V::exception, [reporting](const RowView<V>& v) {
    const auto forecast = static_cast<std::uint64_t>(std::llround(v[V::forecast]));
    const auto actual = static_cast<std::uint64_t>(std::llround(v[V::actual]));
    const bool ex = v.key(V::service) == "CSR"
                        ? models::is_csr_exception(forecast, actual, forecast > 0, reporting)
                        : models::is_sr_exception(forecast, actual, forecast > 0, reporting);
    return std::string(ex ? "yes" : "no");
  });
}

void tabulate_stations(const std::vector<models::StationResult>& stations, TypedTable<StationsTable>& t) {
  using T = StationsTable;
  for (const models::StationResult& s : stations) {
    t.add_row({s.name}, {{T::servers, s.servers},
                         {T::arrivals, as_double(s.arrivals)},
                         {T::completions, as_double(s.completions)},
                         {T::rejected, as_double(s.rejected)},
                         {T::abandoned, as_double(s.abandoned)},
                         {T::throughput_per_s, s.throughput_per_s},
                         {T::utilisation, s.utilisation},
                         {T::wait_mean_s, s.wait_s.mean()},
                         {T::wait_p50_s, quantile_or_nan(s.wait_s, 0.5)},
                         {T::wait_p95_s, quantile_or_nan(s.wait_s, 0.95)},
                         {T::wait_p99_s, quantile_or_nan(s.wait_s, 0.99)},
                         {T::response_mean_s, s.response_s.mean()},
                         {T::response_p95_s, quantile_or_nan(s.response_s, 0.95)},
                         {T::queue_mean, s.queue_mean},
                         {T::queue_max, s.queue_max}});
  }
}

void tabulate_performance(const std::vector<models::MeasureResult>& measures,
                          TypedTable<PerformanceTable>& t) {
  using T = PerformanceTable;
  for (const models::MeasureResult& m : measures) {
    t.add_row({models::measure_class_name(m.measure), sim::month_text(m.month)},
              {{T::responses, as_double(m.responses)},
               {T::within_target, as_double(m.within_target)},
               {T::share_within_target, m.share_within_target},
               {T::target, m.target},
               {T::minimum, m.minimum},
               {T::response_p50_s, quantile_or_nan(m.response_s, 0.5)},
               {T::response_p95_s, quantile_or_nan(m.response_s, 0.95)},
               {T::response_p99_s, quantile_or_nan(m.response_s, 0.99)}});
  }
  // The model's MeasureStatus rule, applied to the (mean) share.
  t.set_derived(T::status, [](const RowView<T>& v) {
    const double share = v[T::share_within_target];
    if (!std::isfinite(share)) return std::string("no traffic");
    if (share >= v[T::target]) return std::string("met");
    return std::string(share >= v[T::minimum] ? "below target" : "below minimum");
  });
}

void tabulate_throttle(const std::vector<models::UserThrottle>& users, TypedTable<ThrottleTable>& t) {
  using T = ThrottleTable;
  for (const models::UserThrottle& u : users) {
    t.add_row({u.user}, {{T::offered, as_double(u.offered)},
                         {T::admitted, as_double(u.admitted)},
                         {T::rejected, as_double(u.rejected)},
                         {T::delayed, as_double(u.delayed)},
                         {T::retried, as_double(u.retried)},
                         {T::given_up, as_double(u.given_up)},
                         {T::allocation_mean_per_s, u.allocation_mean_per_s},
                         {T::allocation_min_per_s, u.allocation_min_per_s},
                         {T::allocation_max_per_s, u.allocation_max_per_s}});
  }
}

void tabulate_series(const models::IntervalSeries& s, const sim::Calendar& calendar,
                     TypedTable<TimeseriesTable>& t) {
  using T = TimeseriesTable;
  for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) {
    t.columns.push_back({fmt::format("share_within_target_{}",
                                     models::measure_class_name(static_cast<models::MeasureClass>(k))),
                         6, Better::higher});
  }
  for (const std::string& station : s.stations) {
    t.columns.push_back({"queue_" + station, 3, Better::lower});
    t.columns.push_back({"utilisation_" + station, 6});
  }
  for (std::size_t i = 0; i < s.offered_per_s.size(); ++i) {
    std::vector<double> extra;
    for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) extra.push_back(s.share_within_target[k][i]);
    for (std::size_t st = 0; st < s.stations.size(); ++st) {
      extra.push_back(s.queue_mean[st][i]);
      extra.push_back(s.utilisation[st][i]);
    }
    t.add_row({iso_time(calendar, s.start + s.interval * static_cast<std::int64_t>(i))},
              {{T::offered_per_s, s.offered_per_s[i]},
               {T::capacity_per_s, s.capacity_per_s[i]},
               {T::throughput_per_s, s.throughput_per_s[i]},
               {T::throttling_active, s.throttling_active[i]}},
              std::move(extra));
  }
}

}  // namespace

ResultTables tabulate(const models::ModelResults& r, const sim::CivilDate& epoch,
                      const models::ReportingConfig& reporting) {
  const sim::Calendar calendar(epoch);
  ResultTables t;
  t.events = as_double(r.events);
  t.peak_in_flight = as_double(r.peak_in_flight);
  tabulate_requests(r.requests, t.requests);
  tabulate_variance(r.variance, reporting, t);
  tabulate_stations(r.stations, t.stations);
  tabulate_performance(r.performance, t.performance);
  tabulate_throttle(r.throttle, t.throttle);
  tabulate_series(r.series, calendar, t.timeseries);
  for (const models::Breach& b : r.breaches) {
    t.breaches.push_back({iso_time(calendar, b.start), iso_time(calendar, b.end),
                          models::breach_kind_name(b.kind), b.where, b.peak_excess});
  }
  return t;
}

}  // namespace dccsim::tools
