#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/statistics.hpp"
#include "tools/result_tables.hpp"
#include "tools/table_schema.hpp"

// dccsim sweep's figures and files: the few measures recorded per (point, replication), the rows
// of sweep.csv, the summary per point rebuilt from them, sweep_args.json and the screen table.
namespace dccsim::tools {

/// The measures a sweep records per (point, replication): few, so each row stays readable.
struct SweepMetrics {
  enum Column : std::size_t {
    generated,
    completed_within_target,
    rejected,
    failed,
    in_flight,
    share_on_demand,     ///< first month's share within target; empty without traffic
    share_future_dated,  ///< likewise
    share_alerts,        ///< likewise
    dsp_utilisation,
    max_csp_utilisation,
    dsp_wait_mean_s,
    max_csp_wait_mean_s,
    throttle_rejections,  ///< summed over Users
    breaches,
    column_count
  };
  static constexpr std::array<NameSpec<Column>, column_count> columns{{
      {generated, "generated"},
      {completed_within_target, "completed_within_target"},
      {rejected, "rejected"},
      {failed, "failed"},
      {in_flight, "in_flight"},
      {share_on_demand, "share_on_demand"},
      {share_future_dated, "share_future_dated"},
      {share_alerts, "share_alerts"},
      {dsp_utilisation, "dsp_utilisation"},
      {max_csp_utilisation, "max_csp_utilisation"},
      {dsp_wait_mean_s, "dsp_wait_mean_s"},
      {max_csp_wait_mean_s, "max_csp_wait_mean_s"},
      {throttle_rejections, "throttle_rejections"},
      {breaches, "breaches"},
  }};
};
static_assert(in_enum_order(SweepMetrics::columns));

/// One replication's sweep measures, indexed by SweepMetrics::Column.
using SweepValues = std::array<double, SweepMetrics::column_count>;
/// Tallies of each sweep measure over a point's replications.
using SweepTallies = std::array<sim::Tally, SweepMetrics::column_count>;

/// A swept key and its values.
struct Vary {
  std::string key;
  std::vector<std::string> values;
};

/// The sweep measures of one replication's tables.
SweepValues sweep_values(const ResultTables& t);

/// The header of sweep.csv: point, the varied keys, replication, the measures.
std::string sweep_header(const std::vector<Vary>& grid);
/// One row of sweep.csv (with its newline).
std::string sweep_row(std::uint64_t point, const std::vector<std::string>& values, std::uint64_t replication,
                      const SweepValues& measures);

/// What sweep_summary.csv repeats on every row so it can be reproduced from itself.
struct SweepProvenance {
  std::uint64_t seed = 0;
  std::string version;
  std::vector<std::string> command_line;  ///< as recorded_command_line gives it
};
/// sweep_summary.csv: per point, the varied values, replications and each measure's mean and
/// half-width; then the constant columns seed, dccsim_version and command_line.
std::string sweep_summary_csv(const std::vector<Vary>& grid,
                              const std::vector<std::vector<std::string>>& point_values,
                              const std::vector<SweepTallies>& tallies, const SweepProvenance& provenance);
/// The screen table: per point, on-demand share within target, max CSP utilisation, throttled, breaches.
std::string sweep_screen(const std::vector<Vary>& grid,
                         const std::vector<std::vector<std::string>>& point_values,
                         const std::vector<SweepTallies>& tallies);

/// What a sweep was run with, as sweep_args.json records it (a restart must match it).
struct SweepArgs {
  std::string scenario_file;  ///< file name only
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  double warmup_s = 0;
  std::vector<std::string> sets;
  std::vector<Vary> grid;
};
/// sweep_args.json.
std::string sweep_args_json(const SweepArgs& args);

}  // namespace dccsim::tools
