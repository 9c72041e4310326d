#include "tools/run_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

constexpr std::size_t kExceptionRows = 25;
constexpr std::size_t kBreachRows = 15;

std::string thousands(double v) {
  const auto n = std::llround(v);
  return n < 0 ? "-" + group_thousands(static_cast<std::uint64_t>(-n))
               : group_thousands(static_cast<std::uint64_t>(n));
}

// How figures read on screen: the mean of a cell and, with replications, its 95 % half-width in the
// same unit ("13,956 ± 1,673"). An undefined figure is "-"; an input (a forecast, a service level)
// is shown as given, without an interval.
class Figures {
 public:
  explicit Figures(bool replicated) : replicated_(replicated) {}

  /// "13,956" or "13,956 ± 1,673".
  std::string count(const sim::Tally& t) const { return text(t, thousands, thousands, ""); }
  /// "+9.5 %" or "+5.0 ± 12.6 %".
  std::string signed_pct(const sim::Tally& t) const {
    return text(
        t, [](double v) { return fmt::format("{:+.1f}", v); },
        [](double v) { return fmt::format("{:.1f}", v); }, " %");
  }
  /// A share as a percentage: "97.49 %" or "97.34 ± 0.18 %".
  std::string share(const sim::Tally& t) const { return text(t, percent, percent, " %"); }
  /// "5.8 ms" or "1.23 s", the unit chosen by the mean; the half-width in the same unit.
  std::string seconds(const sim::Tally& t) const {
    const double mean = mean_or_nan(t);
    if (std::isfinite(mean) && mean < 1.0) {
      const auto ms = [](double v) { return fmt::format("{:.1f}", v * 1000.0); };
      return text(t, ms, ms, " ms");
    }
    const auto s = [](double v) { return fmt::format("{:.2f}", v); };
    return text(t, s, s, " s");
  }
  /// `decimals` fixed decimals and a unit: "1.8", "2.6/s".
  std::string fixed(const sim::Tally& t, int decimals, const char* unit = "") const {
    const auto f = [decimals](double v) { return fmt::format("{:.{}f}", v, decimals); };
    return text(t, f, f, unit);
  }
  /// An input: the mean alone.
  static std::string input_count(const sim::Tally& t) { return Figures(false).count(t); }
  /// An input share: the mean alone.
  static std::string input_share(const sim::Tally& t) { return Figures(false).share(t); }

 private:
  static std::string percent(double v) { return fmt::format("{:.2f}", v * 100.0); }

  template <class Mean, class HalfWidth>
  std::string text(const sim::Tally& t, Mean mean_text, HalfWidth hw_text, const char* unit) const {
    const double mean = mean_or_nan(t);
    if (!std::isfinite(mean)) return "-";
    std::string out = mean_text(mean);
    if (replicated_) {
      const double hw = half_width95(t);
      if (std::isfinite(hw)) out += " ± " + hw_text(hw);
    }
    return out + unit;
  }

  bool replicated_;
};

std::string header(const TablesAccumulator& acc, const RunInfo& info, const Figures& f) {
  const sim::Calendar calendar(info.epoch);
  const auto requests = acc.table<RequestsTable>();
  const std::string span =
      fmt::format("{} to {}", iso_time(calendar, sim::Time::zero()), iso_time(calendar, info.horizon));
  const double events = acc.events() / static_cast<double>(acc.count());
  if (acc.count() == 1) {
    return fmt::format("Scenario {} (seed {}): {}, {} requests, {} events\n\n", info.scenario, info.seed,
                       span, f.count(requests.cell(0, RequestsTable::generated)), thousands(events));
  }
  return fmt::format(
      "Scenario {} (seed {}): {}, {} replications{}: {} requests, {} events per replication\n"
      "(every estimate is the mean ± its 95 % half-width)\n\n",
      info.scenario, info.seed, span, acc.count(),
      info.warmup_s > 0 ? fmt::format(", warm-up {:.0f} s deleted", info.warmup_s) : "",
      f.count(requests.cell(0, RequestsTable::generated)), thousands(events));
}

std::string variance_section(const TablesAccumulator& acc, const Figures& f) {
  std::string out = "Variance against forecast\n";
  const auto totals = acc.table<VarianceTotalsTable>();
  using Totals = VarianceTotalsTable;
  for (std::size_t row = 0; row < totals.rows(); ++row) {
    out += fmt::format("  {}: {} requests were sent versus a forecast of {} ({})\n",
                       totals.key(row, Totals::kind) == "sr" ? "SRs " : "CSRs",
                       f.count(totals.cell(row, Totals::actual)),
                       Figures::input_count(totals.cell(row, Totals::forecast)),
                       f.signed_pct(totals.cell(row, Totals::variance_pct)));
  }
  using V = VarianceTable;
  const auto variance = acc.table<V>();
  const std::vector<bool>& has_forecast = acc.shape().variance_has_forecast;
  std::vector<std::vector<std::string>> rows;
  std::size_t exceptions = 0;
  for (std::size_t row = 0; row < variance.rows(); ++row) {
    if (variance.derived(row, V::exception) != "yes") continue;
    ++exceptions;
    if (rows.size() == kExceptionRows) continue;
    rows.push_back({variance.key(row, V::user), variance.key(row, V::month), variance.key(row, V::service),
                    Figures::input_count(variance.cell(row, V::forecast)),
                    f.count(variance.cell(row, V::actual)),
                    has_forecast[row] ? f.signed_pct(variance.cell(row, V::variance_pct)) : "no forecast"});
  }
  out += fmt::format("\nExceptions: {} of {} User-month-service lines\n", exceptions, variance.rows());
  if (!rows.empty()) out += text_table({"user", "month", "service", "forecast", "actual", "variance"}, rows);
  if (exceptions > rows.size()) {
    out += fmt::format("  ... and {} more in variance.csv\n", exceptions - rows.size());
  }
  return out;
}

std::string performance_section(const TablesAccumulator& acc, const Figures& f) {
  using P = PerformanceTable;
  const auto performance = acc.table<P>();
  std::vector<std::vector<std::string>> rows;
  for (std::size_t row = 0; row < performance.rows(); ++row) {
    rows.push_back(
        {performance.key(row, P::measure), performance.key(row, P::month),
         f.count(performance.cell(row, P::responses)), f.share(performance.cell(row, P::share_within_target)),
         Figures::input_share(performance.cell(row, P::target)),
         Figures::input_share(performance.cell(row, P::minimum)), performance.derived(row, P::status)});
  }
  return "\nCode Performance Measures\n" +
         text_table({"measure", "month", "responses", "within target", "target", "minimum", "status"}, rows);
}

std::string stations_section(const TablesAccumulator& acc, const Figures& f) {
  using S = StationsTable;
  const auto stations = acc.table<S>();
  std::vector<std::size_t> order(stations.rows());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return stations.mean(a, S::utilisation) > stations.mean(b, S::utilisation);
  });
  std::vector<std::vector<std::string>> rows;
  for (const std::size_t row : order) {
    rows.push_back({stations.key(row, S::station), f.share(stations.cell(row, S::utilisation)),
                    f.count(stations.cell(row, S::arrivals)), f.seconds(stations.cell(row, S::wait_mean_s)),
                    f.seconds(stations.cell(row, S::wait_p95_s)),
                    f.seconds(stations.cell(row, S::wait_p99_s)),
                    f.fixed(stations.cell(row, S::queue_mean), 1), f.count(stations.cell(row, S::queue_max)),
                    f.count(stations.cell(row, S::rejected))});
  }
  return "\nBusiest stations\n" + text_table({"station", "utilisation", "arrivals", "wait mean", "wait p95",
                                              "wait p99", "queue mean", "queue max", "rejected"},
                                             rows);
}

std::string breaches_section(const TablesAccumulator& acc) {
  const bool replicated = acc.count() > 1;
  const auto& breaches = acc.breaches();
  std::string out = replicated
                        ? fmt::format("\nBreaches: {} over {} replications\n", breaches.size(), acc.count())
                        : fmt::format("\nBreaches: {}\n", breaches.size());
  std::vector<std::vector<std::string>> rows;
  for (const ReplicatedBreach& r : breaches) {
    if (rows.size() == kBreachRows) break;
    std::vector<std::string> row{r.breach.start, r.breach.end, r.breach.kind, r.breach.where,
                                 fmt::format("{:.4g}", r.breach.peak_excess)};
    if (replicated) row.insert(row.begin(), std::to_string(r.replication));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> head{"start", "end", "kind", "where", "peak excess"};
  if (replicated) head.insert(head.begin(), "replication");
  if (!rows.empty()) out += text_table(head, rows);
  if (breaches.size() > rows.size()) {
    out += fmt::format("  ... and {} more in breaches.csv\n", breaches.size() - rows.size());
  }
  return out;
}

std::string throttle_section(const TablesAccumulator& acc, const Figures& f) {
  using T = ThrottleTable;
  const auto throttle = acc.table<T>();
  bool any_throttling = false;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t row = 0; row < throttle.rows(); ++row) {
    any_throttling =
        any_throttling || throttle.mean(row, T::rejected) > 0 || throttle.mean(row, T::delayed) > 0;
    rows.push_back({throttle.key(row, T::user), f.count(throttle.cell(row, T::offered)),
                    f.count(throttle.cell(row, T::admitted)), f.count(throttle.cell(row, T::rejected)),
                    f.count(throttle.cell(row, T::delayed)), f.count(throttle.cell(row, T::retried)),
                    f.count(throttle.cell(row, T::given_up)),
                    f.fixed(throttle.cell(row, T::allocation_mean_per_s), 1, "/s")});
  }
  std::string out = fmt::format("\nTraffic Management{}\n", any_throttling ? "" : ": no User was throttled");
  if (any_throttling) {
    out += text_table(
        {"user", "offered", "admitted", "rejected", "delayed", "retried", "given up", "allocation"}, rows);
  }
  return out;
}

std::string accounting_line(const TablesAccumulator& acc, const Figures& f) {
  using R = RequestsTable;
  const auto requests = acc.table<R>();
  return fmt::format(
      "\nRequests{}: {} generated = {} completed ({} within target) + {} rejected + {} failed + {} in "
      "flight{}\n",
      acc.count() > 1 ? " per replication" : "", f.count(requests.cell(0, R::generated)),
      f.count(requests.cell(0, R::completed)), f.count(requests.cell(0, R::completed_within_target)),
      f.count(requests.cell(0, R::rejected)), f.count(requests.cell(0, R::failed)),
      f.count(requests.cell(0, R::in_flight)),
      requests.derived(0, R::conserved) == "true" ? "" : "  (NOT CONSERVED)");
}

}  // namespace

std::string run_report(const TablesAccumulator& acc, const RunInfo& info) {
  const Figures f(acc.count() > 1);
  return header(acc, info, f) + variance_section(acc, f) + performance_section(acc, f) +
         stations_section(acc, f) + breaches_section(acc) + throttle_section(acc, f) +
         accounting_line(acc, f);
}

}  // namespace dccsim::tools
