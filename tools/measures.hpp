#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/statistics.hpp"
#include "tools/measures_catalogue.hpp"
#include "tools/result_tables.hpp"

// Every figure a run produces under one dotted name (DESIGN.md §5): the cells of the result
// tables (`stations.dsp.wait_mean_s`) and the figures derived from them for decisions — rates
// instead of counts (`throttle.<user>.rejected_share`), peaks (`stations.<station>.utilisation_peak`),
// whole-run Code Performance Measures (`performance.<class>.share_within_target`) and breach
// counts (`breaches.<kind>.count`). Each carries its unit, direction, kind and meaning, declared
// once: the columns' in measures_catalogue.hpp and table_schema.hpp, the derived ones in measures.cpp.
// compare, search and --precision take these names.
namespace dccsim::tools {

/// One measure's declaration.
struct MeasureSpec {
  std::string name;  ///< dotted, e.g. "stations.dsp.utilisation"
  std::string_view unit;
  Better better = Better::neutral;
  MeasureKind kind = MeasureKind::count;
  int decimals = 2;       ///< decimals in CSV (0: a whole count)
  bool headline = false;  ///< in compare's headline set
  bool quantile = false;  ///< a percentile of a log-bucketed histogram: quantised
  std::string_view meaning;
};

/// One replication's measures: specs and values side by side, in an order set by the tables' rows.
/// A value is NaN where the figure is undefined (a share without responses).
struct MeasureValues {
  std::vector<MeasureSpec> specs;
  std::vector<double> values;
};

/// Every measure of one run's tables.
MeasureValues measure_values(const ResultTables& tables);

/// Tallies of each measure over replications by name, in order of first appearance (rows that
/// appear in some replications only, such as SMKI without CSRs, join when first seen).
class MeasureTallies {
 public:
  /// Adds the finite values of one replication.
  void add(const MeasureValues& m);
  /// Adds `value` to measure `spec` (created on first sight).
  void add(const MeasureSpec& spec, double value);
  /// Number of measures seen.
  std::size_t size() const { return specs_.size(); }
  /// Declaration of measure `i`.
  const MeasureSpec& spec(std::size_t i) const { return specs_[i]; }
  /// Tally of measure `i`.
  const sim::Tally& tally(std::size_t i) const { return tallies_[i]; }
  /// Index of the measure named `name`; nullopt when never seen.
  std::optional<std::size_t> find(std::string_view name) const;

 private:
  std::vector<MeasureSpec> specs_;
  std::vector<sim::Tally> tallies_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

/// Whether `name` matches `pattern`: equal, or `pattern` ends in ".*" and `name` starts with the
/// rest (e.g. "stations.*"), or `pattern` is "headline" and the measure is a headline one.
bool measure_matches(const MeasureSpec& spec, std::string_view pattern);

/// `dccsim measures`: one line per measure with name, unit, direction, kind and meaning.
std::string measures_listing(const MeasureValues& m);

/// "higher better", "lower better" or "neutral".
std::string_view direction_text(Better b);

}  // namespace dccsim::tools
