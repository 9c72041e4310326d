#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/output_analysis.hpp"
#include "sim/statistics.hpp"
#include "tools/result_tables.hpp"
#include "tools/tables_accumulator.hpp"

// dccsim compare's figures: paired differences A - B of every cell of every table but the time
// series (common random numbers: replication i of A and of B share seed and replication number),
// and the files and screen table that report them.
namespace dccsim::tools {

/// Whether `compare` reports table `t` (every table but the time series).
constexpr bool is_compared(TableId t) { return t != TableId::timeseries; }

/// Running tallies of A - B per cell, B's rows matched to A's by key.
class PairedTables {
 public:
  /// Adds replication i of A and of B (the same i); rows are matched on the first call.
  void add(const ResultTables& a, const ResultTables& b);
  /// The row of B with the keys of row `row_a` of A; nullopt when B has none.
  std::optional<std::size_t> b_row(TableId t, std::size_t row_a) const { return b_row_[index(t)][row_a]; }
  /// Tally of A - B of one cell, addressed by A's row.
  const sim::Tally& difference(TableId t, std::size_t row_a, std::size_t column) const {
    return diff_[index(t)][row_a][column];
  }

 private:
  static std::size_t index(TableId t) { return static_cast<std::size_t>(t); }
  std::array<std::vector<std::vector<sim::Tally>>, kTableCount> diff_;  // [table][row of A][column]
  std::array<std::vector<std::optional<std::size_t>>, kTableCount> b_row_;
  bool matched_ = false;
};

/// One measure compared: the 95 % intervals under A, under B and on A - B, and the verdict.
struct ComparedMeasure {
  std::string name;  ///< dotted: table.keys....column, e.g. "stations.dsp.utilisation"
  int decimals = 2;  ///< decimals of the means in text (the half-widths get one more in CSV)
  sim::ConfidenceInterval a;
  sim::ConfidenceInterval b;
  sim::ConfidenceInterval difference;
  std::string verdict;    ///< "A better", "B better", "A higher", "B higher", "no significant difference"
  bool headline = false;  ///< shown on screen
};

/// Every measure with at least two paired differences, in table, row and column order.
std::vector<ComparedMeasure> compared_measures(const TablesAccumulator& a, const TablesAccumulator& b,
                                               const PairedTables& paired);

/// What a comparison was made of, for its outputs.
struct ComparisonInfo {
  std::string label_a;  ///< scenario file name and overrides of A
  std::string label_b;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
};

/// compare.csv: metric, means and half-widths under A and B, the difference and the verdict.
std::string compare_csv(const std::vector<ComparedMeasure>& measures);
/// compare.json: the same as compare.csv with the labels, seed and replications.
std::string compare_json(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info);
/// The screen summary: labels and the headline measures as a table.
std::string compare_screen(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info);

}  // namespace dccsim::tools
