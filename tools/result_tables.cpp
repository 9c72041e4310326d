#include "tools/result_tables.hpp"

#include <fmt/format.h>

#include <cmath>

#include "models/variance.hpp"
#include "sim/output_analysis.hpp"
#include "tools/output_files.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

double quantile_or_nan(const sim::LogHistogram& h, double q) { return h.count() == 0 ? NAN : h.quantile(q); }
double as_double(std::uint64_t n) { return static_cast<double>(n); }

}  // namespace

ResultTables tabulate(const models::ModelResults& r, const sim::CivilDate& epoch,
                      const models::ReportingConfig& reporting) {
  const sim::Calendar calendar(epoch);
  ResultTables t;
  t.events = as_double(r.events);
  t.peak_in_flight = as_double(r.peak_in_flight);

  const models::RequestCounts& q = r.requests;
  t.requests.name = "requests";
  t.requests.columns = {{"carried_in"},
                        {"generated"},
                        {"completed", 0, Better::higher},
                        {"completed_within_target", 0, Better::higher},
                        {"completed_late", 0, Better::lower},
                        {"rejected", 0, Better::lower},
                        {"rejected_throttled", 0, Better::lower},
                        {"rejected_queue_full", 0, Better::lower},
                        {"failed", 0, Better::lower},
                        {"failed_timeout", 0, Better::lower},
                        {"failed_outage", 0, Better::lower},
                        {"in_flight"}};
  t.requests.keys.push_back({});
  t.requests.values.push_back(
      {as_double(q.carried_in), as_double(q.generated), as_double(q.completed()),
       as_double(q.completed_within), as_double(q.completed_late), as_double(q.rejected()),
       as_double(q.rejected_throttled), as_double(q.rejected_queue_full), as_double(q.failed()),
       as_double(q.failed_timeout), as_double(q.failed_outage), as_double(q.in_flight)});
  t.requests.derived.push_back({"conserved", [](const auto&, const std::vector<double>& v) {
                                  // carried in + generated = completed + rejected + failed + in flight.
                                  const double lhs = v[0] + v[1];
                                  const double rhs = v[2] + v[5] + v[8] + v[11];
                                  return std::abs(lhs - rhs) <= 1e-6 * std::max(1.0, lhs)
                                             ? std::string("true")
                                             : std::string("false");
                                }});

  t.variance_totals.name = "variance_totals";
  t.variance_totals.key_names = {"kind"};
  t.variance_totals.columns = {{"forecast"}, {"actual"}, {"variance_pct", 2}};
  for (const auto& [kind, totals] : {std::pair{"sr", r.variance.sr}, std::pair{"csr", r.variance.csr}}) {
    t.variance_totals.keys.push_back({kind});
    t.variance_totals.values.push_back(
        {as_double(totals.forecast), as_double(totals.actual), totals.variance_pct});
  }

  t.variance.name = "variance";
  t.variance.key_names = {"user", "month", "service"};
  t.variance.columns = {{"forecast"}, {"actual"}, {"variance_pct", 2}};
  t.variance.derived.push_back(
      {"exception", [reporting](const std::vector<std::string>& keys, const std::vector<double>& v) {
         const auto forecast = static_cast<std::uint64_t>(std::llround(v[0]));
         const auto actual = static_cast<std::uint64_t>(std::llround(v[1]));
         const bool csr = keys[2] == "CSR";
         const bool ex = csr ? models::is_csr_exception(forecast, actual, forecast > 0, reporting)
                             : models::is_sr_exception(forecast, actual, forecast > 0, reporting);
         return std::string(ex ? "yes" : "no");
       }});
  for (const models::VarianceLine& l : r.variance.lines) {
    t.variance.keys.push_back({l.user, sim::month_text(l.month), l.service});
    t.variance.values.push_back({as_double(l.forecast), as_double(l.actual), l.variance_pct});
  }

  t.stations.name = "stations";
  t.stations.key_names = {"station"};
  t.stations.columns = {{"servers"},
                        {"arrivals"},
                        {"completions", 0, Better::higher},
                        {"rejected", 0, Better::lower},
                        {"abandoned", 0, Better::lower},
                        {"throughput_per_s", 3, Better::higher},
                        {"utilisation", 6, Better::lower},
                        {"wait_mean_s", 6, Better::lower},
                        {"wait_p50_s", 6, Better::lower},
                        {"wait_p95_s", 6, Better::lower},
                        {"wait_p99_s", 6, Better::lower},
                        {"response_mean_s", 6, Better::lower},
                        {"response_p95_s", 6, Better::lower},
                        {"queue_mean", 3, Better::lower},
                        {"queue_max", 0, Better::lower}};
  for (const models::StationResult& s : r.stations) {
    t.stations.keys.push_back({s.name});
    t.stations.values.push_back(
        {s.servers, as_double(s.arrivals), as_double(s.completions), as_double(s.rejected),
         as_double(s.abandoned), s.throughput_per_s, s.utilisation, s.wait_s.mean(),
         quantile_or_nan(s.wait_s, 0.5), quantile_or_nan(s.wait_s, 0.95), quantile_or_nan(s.wait_s, 0.99),
         s.response_s.mean(), quantile_or_nan(s.response_s, 0.95), s.queue_mean, s.queue_max});
  }

  t.performance.name = "performance";
  t.performance.key_names = {"measure", "month"};
  t.performance.columns = {{"responses"},
                           {"within_target", 0, Better::higher},
                           {"share_within_target", 6, Better::higher},
                           {"target", 4},
                           {"minimum", 4},
                           {"response_p50_s", 3, Better::lower},
                           {"response_p95_s", 3, Better::lower},
                           {"response_p99_s", 3, Better::lower}};
  t.performance.derived.push_back({"status", [](const auto&, const std::vector<double>& v) {
                                     if (!std::isfinite(v[2])) return std::string("no traffic");
                                     if (v[2] >= v[3]) return std::string("met");
                                     return std::string(v[2] >= v[4] ? "below target" : "below minimum");
                                   }});
  for (const models::MeasureResult& m : r.performance) {
    t.performance.keys.push_back({models::measure_class_name(m.measure), sim::month_text(m.month)});
    t.performance.values.push_back({as_double(m.responses), as_double(m.within_target), m.share_within_target,
                                    m.target, m.minimum, quantile_or_nan(m.response_s, 0.5),
                                    quantile_or_nan(m.response_s, 0.95),
                                    quantile_or_nan(m.response_s, 0.99)});
  }

  t.throttle.name = "throttle";
  t.throttle.key_names = {"user"};
  t.throttle.columns = {{"offered"},
                        {"admitted", 0, Better::higher},
                        {"rejected", 0, Better::lower},
                        {"delayed", 0, Better::lower},
                        {"retried", 0, Better::lower},
                        {"given_up", 0, Better::lower},
                        {"allocation_mean_per_s", 3},
                        {"allocation_min_per_s", 3},
                        {"allocation_max_per_s", 3}};
  for (const models::UserThrottle& u : r.throttle) {
    t.throttle.keys.push_back({u.user});
    t.throttle.values.push_back({as_double(u.offered), as_double(u.admitted), as_double(u.rejected),
                                 as_double(u.delayed), as_double(u.retried), as_double(u.given_up),
                                 u.allocation_mean_per_s, u.allocation_min_per_s, u.allocation_max_per_s});
  }

  const models::IntervalSeries& s = r.series;
  t.timeseries.name = "timeseries";
  t.timeseries.key_names = {"interval_start"};
  t.timeseries.columns = {
      {"offered_per_s", 3}, {"capacity_per_s", 3}, {"throughput_per_s", 3}, {"throttling_active", 3}};
  for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) {
    t.timeseries.columns.push_back(
        {fmt::format("share_within_target_{}",
                     models::measure_class_name(static_cast<models::MeasureClass>(k))),
         6, Better::higher});
  }
  for (const std::string& st : s.stations) {
    t.timeseries.columns.push_back({"queue_" + st, 3, Better::lower});
    t.timeseries.columns.push_back({"utilisation_" + st, 6, Better::lower});
  }
  for (std::size_t i = 0; i < s.offered_per_s.size(); ++i) {
    t.timeseries.keys.push_back({iso_time(calendar, s.start + s.interval * static_cast<std::int64_t>(i))});
    std::vector<double> row{s.offered_per_s[i], s.capacity_per_s[i], s.throughput_per_s[i],
                            s.throttling_active[i]};
    for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) row.push_back(s.share_within_target[k][i]);
    for (std::size_t st = 0; st < s.stations.size(); ++st) {
      row.push_back(s.queue_mean[st][i]);
      row.push_back(s.utilisation[st][i]);
    }
    t.timeseries.values.push_back(std::move(row));
  }

  for (const models::Breach& b : r.breaches) {
    t.breaches.push_back({iso_time(calendar, b.start), iso_time(calendar, b.end),
                          models::breach_kind_name(b.kind), b.where, format_number(b.peak_excess, 6)});
  }
  return t;
}

void TablesAccumulator::add(const ResultTables& replication, std::uint64_t replication_index) {
  if (count_ == 0) {
    shape_ = replication;
    for (const Table* table : shape_.all()) {
      cells_.emplace_back();
      for (std::size_t row = 0; row < table->values.size(); ++row) {
        cells_.back().emplace_back(table->columns.size());
      }
    }
  }
  const auto tables = replication.all();
  for (std::size_t ti = 0; ti < tables.size(); ++ti) {
    const Table& table = *tables[ti];
    // Replications of one scenario have the same rows: the model builds them from the config.
    if (table.values.size() != cells_[ti].size()) {
      throw std::logic_error(fmt::format("replication {} has {} rows in {}, expected {}", replication_index,
                                         table.values.size(), table.name, cells_[ti].size()));
    }
    for (std::size_t row = 0; row < table.values.size(); ++row) {
      for (std::size_t c = 0; c < table.values[row].size(); ++c) {
        // Undefined figures (a share without responses) are left out of that cell's mean.
        if (std::isfinite(table.values[row][c])) cells_[ti][row][c].add(table.values[row][c]);
      }
    }
  }
  for (const auto& b : replication.breaches) {
    std::vector<std::string> row{std::to_string(replication_index)};
    row.insert(row.end(), b.begin(), b.end());
    breaches_.push_back(std::move(row));
  }
  events_.add(replication.events);
  ++count_;
}

std::string table_csv(const TablesAccumulator& acc, std::size_t table_index) {
  const Table& t = *acc.shape().all()[table_index];
  const bool with_hw = acc.count() > 1;
  std::string out;
  std::vector<std::string> header = t.key_names;
  for (const Column& c : t.columns) header.push_back(c.name);
  for (const DerivedColumn& d : t.derived) header.push_back(d.name);
  if (with_hw) {
    for (const Column& c : t.columns) header.push_back(c.name + "_hw");
  }
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + header[i];
  out += '\n';
  std::vector<double> means(t.columns.size());
  for (std::size_t row = 0; row < t.keys.size(); ++row) {
    std::string line;
    for (const std::string& k : t.keys[row]) line += (line.empty() ? "" : ",") + csv_field(k);
    bool first = line.empty() && t.keys[row].empty();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const sim::Tally& cell = acc.cell(table_index, row, c);
      means[c] = cell.count() ? cell.mean() : NAN;
      line += (first ? "" : ",") + format_number(means[c], t.columns[c].decimals);
      first = false;
    }
    for (const DerivedColumn& d : t.derived) line += "," + csv_field(d.compute(t.keys[row], means));
    if (with_hw) {
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const sim::ConfidenceInterval ci = sim::t_interval(acc.cell(table_index, row, c), 0.95);
        // One more decimal than the figure: a half-width below its resolution still shows.
        line += "," + format_number(ci.half_width, t.columns[c].decimals + 1);
      }
    }
    out += line + '\n';
  }
  return out;
}

}  // namespace dccsim::tools
