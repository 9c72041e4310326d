#include "tools/sweep_outputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/output_analysis.hpp"
#include "tools/json_writer.hpp"
#include "tools/provenance.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

void add_station_values(const TypedTable<StationsTable>& stations, SweepValues& m) {
  using S = StationsTable;
  m[SweepMetrics::dsp_utilisation] = NAN;
  m[SweepMetrics::dsp_wait_mean_s] = NAN;
  m[SweepMetrics::max_csp_utilisation] = 0;
  m[SweepMetrics::max_csp_wait_mean_s] = 0;
  for (std::size_t row = 0; row < stations.rows(); ++row) {
    const std::string& name = stations.key(row, S::station);
    if (name == "dsp") {
      m[SweepMetrics::dsp_utilisation] = stations.value(row, S::utilisation);
      m[SweepMetrics::dsp_wait_mean_s] = stations.value(row, S::wait_mean_s);
    } else if (name.rfind("csp_", 0) == 0) {
      double& util = m[SweepMetrics::max_csp_utilisation];
      double& wait = m[SweepMetrics::max_csp_wait_mean_s];
      util = std::max(util, stations.value(row, S::utilisation));
      if (std::isfinite(stations.value(row, S::wait_mean_s)))
        wait = std::max(wait, stations.value(row, S::wait_mean_s));
    }
  }
}

}  // namespace

SweepValues sweep_values(const ResultTables& t) {
  using R = RequestsTable;
  SweepValues m{};
  m[SweepMetrics::generated] = t.requests.value(0, R::generated);
  m[SweepMetrics::completed_within_target] = t.requests.value(0, R::completed_within_target);
  m[SweepMetrics::rejected] = t.requests.value(0, R::rejected);
  m[SweepMetrics::failed] = t.requests.value(0, R::failed);
  m[SweepMetrics::in_flight] = t.requests.value(0, R::in_flight);
  const std::pair<const char*, SweepMetrics::Column> shares[] = {
      {"on_demand", SweepMetrics::share_on_demand},
      {"future_dated", SweepMetrics::share_future_dated},
      {"alerts", SweepMetrics::share_alerts}};
  for (const auto& [measure, column] : shares) {
    m[column] = NAN;
    for (std::size_t row = 0; row < t.performance.rows(); ++row) {
      if (t.performance.key(row, PerformanceTable::measure) == measure) {
        m[column] = t.performance.value(row, PerformanceTable::share_within_target);
        break;
      }
    }
  }
  add_station_values(t.stations, m);
  double rejections = 0;
  for (std::size_t row = 0; row < t.throttle.rows(); ++row)
    rejections += t.throttle.value(row, ThrottleTable::rejected);
  m[SweepMetrics::throttle_rejections] = rejections;
  m[SweepMetrics::breaches] = static_cast<double>(t.breaches.size());
  return m;
}

std::string sweep_header(const std::vector<Vary>& grid) {
  std::string header = "point";
  for (const Vary& v : grid) header += "," + v.key;
  header += ",replication";
  for (const auto& m : SweepMetrics::columns) header += "," + std::string(m.name);
  return header + "\n";
}

std::string sweep_row(std::uint64_t point, const std::vector<std::string>& values, std::uint64_t replication,
                      const SweepValues& measures) {
  std::string line = std::to_string(point);
  for (const std::string& v : values) line += "," + v;
  line += "," + std::to_string(replication);
  for (const double x : measures) line += "," + format_number(x, 6);
  return line + "\n";
}

std::string sweep_summary_csv(const std::vector<Vary>& grid,
                              const std::vector<std::vector<std::string>>& point_values,
                              const std::vector<SweepTallies>& tallies, const SweepProvenance& provenance) {
  std::string summary = "point";
  for (const Vary& v : grid) summary += "," + v.key;
  summary += ",replications";
  for (const auto& m : SweepMetrics::columns) summary += fmt::format(",{},{}_hw", m.name, m.name);
  summary += ",seed,dccsim_version,command_line\n";
  // Constant trailing columns rather than a comment line: spreadsheets and pandas read them as is.
  const std::string constant = fmt::format(",{},{},{}", provenance.seed, csv_field(provenance.version),
                                           csv_field(shell_line(provenance.command_line)));
  for (std::size_t p = 0; p < tallies.size(); ++p) {
    std::string row = std::to_string(p);
    for (const std::string& v : point_values[p]) row += "," + v;
    row += "," + std::to_string(tallies[p][0].count());
    for (const sim::Tally& t : tallies[p]) {
      const sim::ConfidenceInterval ci = sim::t_interval(t, 0.95);
      row += "," + format_number(t.count() ? t.mean() : NAN, 6) + "," + format_number(ci.half_width, 6);
    }
    summary += row + constant + "\n";
  }
  return summary;
}

std::string sweep_screen(const std::vector<Vary>& grid,
                         const std::vector<std::vector<std::string>>& point_values,
                         const std::vector<SweepTallies>& tallies) {
  std::vector<std::vector<std::string>> screen;
  for (std::size_t p = 0; p < tallies.size(); ++p) {
    std::vector<std::string> cells = point_values[p];
    const auto pm = [&](SweepMetrics::Column m, int decimals, double scale) {
      const sim::ConfidenceInterval ci = sim::t_interval(tallies[p][m], 0.95);
      return format_number(ci.mean * scale, decimals) +
             (std::isfinite(ci.half_width) ? " ± " + format_number(ci.half_width * scale, decimals) : "");
    };
    cells.push_back(pm(SweepMetrics::share_on_demand, 3, 100) + " %");
    cells.push_back(pm(SweepMetrics::max_csp_utilisation, 2, 100) + " %");
    cells.push_back(pm(SweepMetrics::throttle_rejections, 0, 1));
    cells.push_back(pm(SweepMetrics::breaches, 1, 1));
    screen.push_back(std::move(cells));
  }
  std::vector<std::string> head;
  for (const Vary& v : grid) head.push_back(v.key);
  head.insert(head.end(), {"on-demand within target", "max CSP utilisation", "throttled", "breaches"});
  return text_table(head, screen);
}

std::string sweep_args_json(const SweepArgs& args) {
  JsonWriter meta;
  meta.begin_object();
  meta.key("scenario").value(args.scenario_file);
  meta.key("seed").value(args.seed);
  meta.key("replications").value(args.replications);
  meta.key("warmup_s").value(args.warmup_s);
  meta.key("set").begin_array();
  for (const std::string& s : args.sets) meta.value(s);
  meta.end_array();
  meta.key("vary").begin_array();
  for (const Vary& v : args.grid) {
    meta.begin_object();
    meta.key("key").value(v.key);
    meta.key("values").begin_array();
    for (const std::string& x : v.values) meta.value(x);
    meta.end_array();
    meta.end_object();
  }
  meta.end_array();
  meta.end_object();
  return meta.str();
}

}  // namespace dccsim::tools
