#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output_analysis.hpp"
#include "tools/measures.hpp"
#include "tools/result_tables.hpp"

// dccsim compare's figures: every measure (tools/measures.hpp) under A and B and the paired
// differences A - B (replication i of each side paired; with common random numbers they share
// seed and replication number), decided by paired t-tests adjusted for multiplicity (Holm across
// the headline set, Benjamini-Hochberg across the rest) and a practical-significance margin per
// kind of measure; and the files and screen table that report them.
namespace dccsim::tools {

/// Tallies of every measure under A, under B and of A - B, matched by name.
class PairedMeasures {
 public:
  /// Adds replication i of A and of B (the same i).
  void add(const ResultTables& a, const ResultTables& b);
  /// Measures under A.
  const MeasureTallies& a() const { return a_; }
  /// Measures under B.
  const MeasureTallies& b() const { return b_; }
  /// A - B per measure, over the replications where both are defined.
  const MeasureTallies& difference() const { return difference_; }

 private:
  MeasureTallies a_;
  MeasureTallies b_;
  MeasureTallies difference_;
};

/// Practical-significance margins: a significant difference smaller than its margin reads "no
/// material difference". Absolute for shares, utilisation and percent (in the measure's unit),
/// relative to |B| for the other kinds.
struct Margins {
  /// By kind, in MeasureKind order: share 0.005, utilisation 0.01, percent 1 point, time 5 %,
  /// rate 5 %, count 5 %, queue 5 %.
  std::array<double, kMeasureKindCount> by_kind{0.005, 0.01, 1.0, 0.05, 0.05, 0.05, 0.05};
  std::map<std::string, double, std::less<>> by_measure;  ///< exact names, over the kind's
  /// The margin of `spec` as given (absolute or relative by its kind).
  double of(const MeasureSpec& spec) const;
  /// Sets a margin from "KIND=VALUE" or "MEASURE=VALUE"; the problem's text when it cannot.
  std::optional<std::string> set(std::string_view text);
  /// "share 0.005, utilisation 0.01, percent 1, time 5 %, ...".
  std::string text() const;
};

/// How verdicts are decided.
struct ComparisonSettings {
  Margins margins;
  double confidence = 0.95;  ///< intervals; verdicts at 1 - confidence after adjustment
};

/// One measure compared: the intervals under A, under B and on A - B, the test and the verdict.
struct ComparedMeasure {
  MeasureSpec spec;
  sim::ConfidenceInterval a;
  sim::ConfidenceInterval b;
  sim::ConfidenceInterval difference;
  double relative = 0;     ///< (A - B) / |B|; NaN when B's mean is 0
  double margin = 0;       ///< the margin in the measure's unit
  double p_value = 0;      ///< paired t, two-sided; NaN when not tested
  double adjusted_p = 0;   ///< Holm (headline) or Benjamini-Hochberg (the rest); NaN when not tested
  bool identical = false;  ///< every paired difference was 0
  /// "A better", "B better" (by direction), "A higher", "B higher" (neutral), "no material
  /// difference", "no significant difference" or "not decided (percentile without spread)".
  std::string verdict;
};

/// Every measure with at least two paired differences, headline ones first, then in run order.
std::vector<ComparedMeasure> compared_measures(const PairedMeasures& paired,
                                               const ComparisonSettings& settings);

/// One side of a comparison as its outputs record it.
struct ComparisonSide {
  std::string scenario_file;           ///< file name only
  std::vector<std::string> overrides;  ///< --set then the side's --a/--b, as given
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;  ///< replication number of the first replication
};

/// What a comparison was made of, for its outputs.
struct ComparisonInfo {
  std::string label_a;  ///< scenario file name and overrides of A
  std::string label_b;
  ComparisonSide a;
  ComparisonSide b;
  std::uint64_t replications = 0;
  bool common_random_numbers = true;  ///< false with --independent or different seeds
  std::string version;
  std::string command_line;
  ComparisonSettings settings;
};

/// The multiple-comparison procedure and margins in one sentence, as outputs state it.
std::string comparison_procedure(const std::vector<ComparedMeasure>& measures,
                                 const ComparisonSettings& settings);

/// compare.csv: per measure its declaration, means and half-widths, difference, test and verdict.
std::string compare_csv(const std::vector<ComparedMeasure>& measures);
/// compare.json: the same with both sides, the procedure, version and command line.
std::string compare_json(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info);
/// The screen summary: both sides, the procedure, the headline measures, counts of the rest.
std::string compare_screen(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info);

}  // namespace dccsim::tools
