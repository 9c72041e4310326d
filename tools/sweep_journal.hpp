#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/sweep_outputs.hpp"

// sweep.csv as a journal: one durable row per (point, replication), appended in grid order, so a
// killed sweep resumes where it stopped. Reading it back accepts only rows that match the grid.
namespace dccsim::tools {

/// What the rows of one sweep must match: its header, each point's varied values, replications.
struct SweepGridShape {
  std::string header;                                 ///< sweep_header(grid), with its newline
  std::vector<std::vector<std::string>> point_values;  ///< per point, the value of each varied key
  std::uint64_t replications = 0;                     ///< per point
};

/// One row of sweep.csv.
struct SweepJournalRow {
  std::uint64_t point = 0;
  std::uint64_t replication = 0;
  SweepValues measures{};  ///< NaN where the cell is empty
};

/// A problem with one line of sweep.csv.
struct SweepJournalProblem {
  std::size_t line = 0;  ///< 1-based
  std::string problem;   ///< "key: what is wrong"
};

/// sweep.csv's text read against its grid.
struct SweepJournalText {
  std::vector<SweepJournalRow> rows;  ///< the complete rows, in file order (= grid order)
  std::size_t complete_bytes = 0;     ///< length up to the last newline: a cut-off last row is left out
  std::vector<SweepJournalProblem> problems;  ///< empty when every complete row matches the grid
};

/// Parses the text of sweep.csv against `shape`: blank lines are skipped, a last line without its
/// newline (a row cut off by a kill) is left out, and every other line must be the header or the
/// next row of the grid in order, exactly as sweep_row writes it. Never throws on any text.
SweepJournalText parse_sweep_journal(std::string_view text, const SweepGridShape& shape);

/// Tallies per point (`points` of them) of the rows' measures; empty cells are left out.
std::vector<SweepTallies> tally_sweep_rows(const std::vector<SweepJournalRow>& rows, std::size_t points);

/// The sweep.csv of one sweep in an output folder, beside sweep_args.json (what defines the rows).
class SweepJournal {
 public:
  /// Opens `dir`/sweep.csv for `shape` and `args_json`: a new journal when absent, else the earlier
  /// run's rows after dropping a cut-off last row. Nullopt, after printing each problem as
  /// `path:LINE: key: problem` on stderr, when the folder holds another sweep or a row does not
  /// belong to the grid; the file is then left untouched. I/O failures throw std::runtime_error.
  static std::optional<SweepJournal> open(const std::filesystem::path& dir, SweepGridShape shape,
                                          const std::string& args_json);

  /// Rows already done (those of earlier runs and those appended since).
  std::uint64_t done() const { return rows_.size(); }
  /// Rows the grid has: points × replications.
  std::uint64_t total() const { return shape_.point_values.size() * shape_.replications; }
  /// The rows, in grid order.
  const std::vector<SweepJournalRow>& rows() const { return rows_; }
  /// sweep.csv's path.
  const std::filesystem::path& path() const { return rows_file_; }

  /// Appends the next row of the grid (row number done()) durably.
  void append(const SweepValues& measures);

 private:
  SweepJournal(std::filesystem::path rows_file, SweepGridShape shape, std::vector<SweepJournalRow> rows)
      : rows_file_(std::move(rows_file)), shape_(std::move(shape)), rows_(std::move(rows)) {}

  std::filesystem::path rows_file_;
  SweepGridShape shape_;
  std::vector<SweepJournalRow> rows_;
};

}  // namespace dccsim::tools
