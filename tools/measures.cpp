#include "tools/measures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "models/results.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

void add(MeasureValues& out, MeasureSpec spec, double value) {
  out.specs.push_back(std::move(spec));
  out.values.push_back(value);
}

// A derived figure, declared where it is computed.
MeasureSpec derived(std::string name, std::string_view unit, Better better, MeasureKind kind,
                    std::string_view meaning, bool headline = false) {
  const int decimals = kind == MeasureKind::count ? 0 : 6;
  return {std::move(name), unit, better, kind, decimals, headline, false, meaning};
}

// Every numeric column of every row of a table, named table.keys....column.
template <class Schema, std::size_t N>
void add_columns(const TypedTable<Schema>& t,
                 const std::array<ColumnMeaning<typename Schema::Column>, N>& what, MeasureValues& out) {
  for (std::size_t row = 0; row < t.rows(); ++row) {
    std::string prefix(Schema::name);
    for (const std::string& k : t.keys[row]) prefix += "." + k;
    for (const auto& c : Schema::columns) {
      const ColumnMeaning<typename Schema::Column>& m = what[c.id];
      add(out,
          {prefix + "." + std::string(c.name), m.unit, c.better, m.kind, c.decimals, false, m.quantile,
           m.meaning},
          t.values[row][c.id]);
    }
  }
}

void add_request_shares(const TypedTable<RequestsTable>& t, MeasureValues& out) {
  using R = RequestsTable;
  const double handled = t.value(0, R::carried_in) + t.value(0, R::generated);
  add(out,
      derived("requests.rejected_share", "share", Better::lower, MeasureKind::share,
              "rejected / (carried in + generated)"),
      ratio(t.value(0, R::rejected), handled));
  add(out,
      derived("requests.failed_share", "share", Better::lower, MeasureKind::share,
              "failed / (carried in + generated)"),
      ratio(t.value(0, R::failed), handled));
}

// The largest interval utilisation of a station in the time series (NaN without the column).
double peak_utilisation(const TypedTable<TimeseriesTable>& series, const std::string& station) {
  const std::string column = "utilisation_" + station;
  const auto it = std::find_if(series.columns.begin(), series.columns.end(),
                               [&](const Column& c) { return c.name == column; });
  if (it == series.columns.end() || series.rows() == 0) return kNaN;
  const auto c = static_cast<std::size_t>(it - series.columns.begin());
  double peak = kNaN;
  for (const auto& row : series.values) {
    if (std::isfinite(row[c])) peak = std::isfinite(peak) ? std::max(peak, row[c]) : row[c];
  }
  return peak;
}

void add_stations(const ResultTables& t, MeasureValues& out) {
  using S = StationsTable;
  add_columns(t.stations, catalogue::kStations, out);
  // Mean utilisation is a headline figure; the derived ones follow the columns, per station.
  const std::size_t first = out.specs.size() - t.stations.rows() * S::column_count;
  for (std::size_t row = 0; row < t.stations.rows(); ++row) {
    out.specs[first + row * S::column_count + S::utilisation].headline = true;
  }
  for (std::size_t row = 0; row < t.stations.rows(); ++row) {
    const std::string prefix = "stations." + t.stations.key(row, S::station);
    add(out,
        derived(prefix + ".utilisation_peak", "fraction", Better::neutral, MeasureKind::utilisation,
                "largest utilisation over the time series' intervals", true),
        peak_utilisation(t.timeseries, t.stations.key(row, S::station)));
    add(out,
        derived(prefix + ".loss_share", "share", Better::lower, MeasureKind::share,
                "(rejected + abandoned) / arrivals"),
        ratio(t.stations.value(row, S::rejected) + t.stations.value(row, S::abandoned),
              t.stations.value(row, S::arrivals)));
  }
}

// Per class over the whole run: counts summed over months, the share from the sums; percentiles
// only when the run covers one month (histograms of different months are not in the tables).
void add_performance(const TypedTable<PerformanceTable>& t, MeasureValues& out) {
  using P = PerformanceTable;
  std::set<std::string> months;
  std::vector<std::string> classes;
  for (std::size_t row = 0; row < t.rows(); ++row) {
    months.insert(t.key(row, P::month));
    if (std::find(classes.begin(), classes.end(), t.key(row, P::measure)) == classes.end())
      classes.push_back(t.key(row, P::measure));
  }
  const bool one_month = months.size() <= 1;
  for (const std::string& cls : classes) {
    double responses = 0;
    double within = 0;
    std::size_t last = 0;
    for (std::size_t row = 0; row < t.rows(); ++row) {
      if (t.key(row, P::measure) != cls) continue;
      responses += t.value(row, P::responses);
      within += t.value(row, P::within_target);
      last = row;
    }
    const std::string prefix = "performance." + cls;
    const auto column = [&](P::Column c) {
      const auto& m = catalogue::kPerformance[c];
      return MeasureSpec{prefix + "." + std::string(P::columns[c].name),
                         m.unit,
                         P::columns[c].better,
                         m.kind,
                         P::columns[c].decimals,
                         false,
                         m.quantile,
                         m.meaning};
    };
    add(out, column(P::responses), responses);
    add(out, column(P::within_target), within);
    MeasureSpec share = column(P::share_within_target);
    share.headline = true;
    add(out, std::move(share), ratio(within, responses));
    add(out, column(P::target), t.value(last, P::target));
    add(out, column(P::minimum), t.value(last, P::minimum));
    if (!one_month) continue;
    for (const P::Column c : {P::response_p50_s, P::response_p95_s, P::response_p99_s}) {
      MeasureSpec q = column(c);
      q.headline = c == P::response_p95_s;
      add(out, std::move(q), t.value(last, c));
    }
  }
  if (!one_month) add_columns(t, catalogue::kPerformance, out);  // per class and month
}

void add_throttle(const TypedTable<ThrottleTable>& t, MeasureValues& out) {
  using T = ThrottleTable;
  add_columns(t, catalogue::kThrottle, out);
  double offered = 0;
  double admitted = 0;
  double rejected = 0;
  for (std::size_t row = 0; row < t.rows(); ++row) {
    const std::string prefix = "throttle." + t.key(row, T::user);
    const double o = t.value(row, T::offered);
    add(out,
        derived(prefix + ".admitted_share", "share", Better::higher, MeasureKind::share,
                "admitted / offered attempts of the User"),
        ratio(t.value(row, T::admitted), o));
    add(out,
        derived(prefix + ".rejected_share", "share", Better::lower, MeasureKind::share,
                "rejected / offered attempts of the User", true),
        ratio(t.value(row, T::rejected), o));
    add(out,
        derived(prefix + ".delayed_share", "share", Better::lower, MeasureKind::share,
                "delayed / offered attempts of the User"),
        ratio(t.value(row, T::delayed), o));
    offered += o;
    admitted += t.value(row, T::admitted);
    rejected += t.value(row, T::rejected);
  }
  add(out,
      derived("throttle.admitted_share", "share", Better::higher, MeasureKind::share,
              "admitted / offered attempts over all Users", true),
      ratio(admitted, offered));
  add(out,
      derived("throttle.rejected_share", "share", Better::lower, MeasureKind::share,
              "rejected / offered attempts over all Users"),
      ratio(rejected, offered));
}

// Every kind, also when none happened, so that each replication has the same names.
void add_breaches(const std::vector<BreachRow>& breaches, MeasureValues& out) {
  constexpr auto kLast = static_cast<int>(models::BreachKind::measure_below_minimum);
  for (int k = 0; k <= kLast; ++k) {
    const std::string kind = models::breach_kind_name(static_cast<models::BreachKind>(k));
    const auto n =
        std::count_if(breaches.begin(), breaches.end(), [&](const BreachRow& b) { return b.kind == kind; });
    add(out,
        derived("breaches." + kind + ".count", "breaches", Better::lower, MeasureKind::count,
                "stretches of time with this limit exceeded (breaches.csv)", true),
        static_cast<double>(n));
  }
}

constexpr std::array<std::string_view, kMeasureKindCount> kKindNames{
    "share", "utilisation", "percent", "time", "rate", "count", "queue"};

}  // namespace

std::string_view measure_kind_name(MeasureKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<MeasureKind> parse_measure_kind(std::string_view name) {
  for (std::size_t k = 0; k < kMeasureKindCount; ++k) {
    if (kKindNames[k] == name) return static_cast<MeasureKind>(k);
  }
  return std::nullopt;
}

MeasureValues measure_values(const ResultTables& t) {
  MeasureValues out;
  add_columns(t.requests, catalogue::kRequests, out);
  add_request_shares(t.requests, out);
  add_columns(t.variance_totals, catalogue::kVarianceTotals, out);
  add_columns(t.variance, catalogue::kVariance, out);
  add_stations(t, out);
  add_performance(t.performance, out);
  add_throttle(t.throttle, out);
  add_breaches(t.breaches, out);
  return out;
}

void MeasureTallies::add(const MeasureSpec& spec, double value) {
  auto it = index_.find(spec.name);
  if (it == index_.end()) {
    it = index_.emplace(spec.name, specs_.size()).first;
    specs_.push_back(spec);
    tallies_.emplace_back();
  }
  if (std::isfinite(value)) tallies_[it->second].add(value);
}

void MeasureTallies::add(const MeasureValues& m) {
  for (std::size_t i = 0; i < m.specs.size(); ++i) add(m.specs[i], m.values[i]);
}

std::optional<std::size_t> MeasureTallies::find(std::string_view name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

bool measure_matches(const MeasureSpec& spec, std::string_view pattern) {
  if (pattern == "headline") return spec.headline;
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*") {
    return spec.name.compare(0, pattern.size() - 1, pattern.substr(0, pattern.size() - 1)) == 0;
  }
  return spec.name == pattern;
}

std::string_view direction_text(Better b) {
  switch (b) {
    case Better::higher:
      return "higher better";
    case Better::lower:
      return "lower better";
    case Better::neutral:
      break;
  }
  return "neutral";
}

std::string measures_listing(const MeasureValues& m) {
  std::vector<std::vector<std::string>> rows;
  for (const MeasureSpec& s : m.specs) {
    rows.push_back({s.name + (s.headline ? " *" : ""), std::string(s.unit),
                    std::string(direction_text(s.better)), std::string(measure_kind_name(s.kind)),
                    std::string(s.meaning)});
  }
  return text_table({"measure (* headline)", "unit", "direction", "kind", "meaning"}, rows);
}

}  // namespace dccsim::tools
