#include "tools/sweep_journal.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "tools/atomic_file.hpp"
#include "tools/text_format.hpp"

namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return cells;
    start = comma + 1;
  }
}

std::optional<std::uint64_t> parse_index(std::string_view cell) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc{} || end != cell.data() + cell.size() || cell.empty()) return std::nullopt;
  return v;
}

// A measure cell as sweep_row writes it: empty (no figure) or a finite number.
std::optional<double> parse_measure(std::string_view cell) {
  if (cell.empty()) return NAN;
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc{} || end != cell.data() + cell.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Checks one data line against row number `expected` of the grid; appends its problems.
std::optional<SweepJournalRow> parse_row(std::string_view line, std::size_t line_number, std::uint64_t expected,
                                         const SweepGridShape& shape, const std::vector<std::string_view>& keys,
                                         std::vector<SweepJournalProblem>& problems) {
  const auto problem = [&](std::string text) { problems.push_back({line_number, std::move(text)}); };
  const std::vector<std::string_view> cells = split_cells(line);
  if (cells.size() != keys.size()) {
    problem(fmt::format("row: {} cells, expected {} as in the header", cells.size(), keys.size()));
    return std::nullopt;
  }
  const std::size_t vary_count = keys.size() - 2 - SweepMetrics::column_count;
  const std::uint64_t points = shape.point_values.size();
  const std::uint64_t reps = shape.replications;
  const std::optional<std::uint64_t> point = parse_index(cells[0]);
  const std::optional<std::uint64_t> replication = parse_index(cells[1 + vary_count]);
  const std::size_t before = problems.size();
  if (!point) problem(fmt::format("point: '{}' is not a point number", cells[0]));
  else if (*point >= points) problem(fmt::format("point: {} is outside the grid (points 0 to {})", *point, points - 1));
  if (!replication) {
    problem(fmt::format("replication: '{}' is not a replication number", cells[1 + vary_count]));
  } else if (*replication >= reps) {
    problem(fmt::format("replication: {} is outside the grid (replications 0 to {})", *replication, reps - 1));
  }
  if (problems.size() == before && (*point != expected / reps || *replication != expected % reps)) {
    if (expected >= points * reps) {
      problem(fmt::format("row: the grid has only {} rows", points * reps));
    } else {
      problem(fmt::format("point: rows are in grid order; expected point {} replication {} here, got point {} "
                          "replication {}", expected / reps, expected % reps, *point, *replication));
    }
  }
  SweepJournalRow row;
  if (problems.size() == before) {
    row.point = *point;
    row.replication = *replication;
    for (std::size_t k = 0; k < vary_count; ++k) {
      const std::string& want = shape.point_values[row.point][k];
      if (cells[1 + k] != want) {
        problem(fmt::format("{}: '{}' is not point {}'s value '{}'", keys[1 + k], cells[1 + k], row.point, want));
      }
    }
  }
  for (std::size_t m = 0; m < SweepMetrics::column_count; ++m) {
    const std::string_view cell = cells[2 + vary_count + m];
    const std::optional<double> v = parse_measure(cell);
    if (!v) problem(fmt::format("{}: '{}' is not a number", keys[2 + vary_count + m], cell));
    else row.measures[m] = *v;
  }
  if (problems.size() != before) return std::nullopt;
  return row;
}

}  // namespace

SweepJournalText parse_sweep_journal(std::string_view text, const SweepGridShape& shape) {
  SweepJournalText out;
  const std::size_t last_newline = text.rfind('\n');
  out.complete_bytes = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  const std::string_view header = std::string_view(shape.header).substr(0, shape.header.find('\n'));
  const std::vector<std::string_view> keys = split_cells(header);
  bool seen_header = false;
  std::uint64_t expected = 0;  // data rows seen: each is checked against its own place in the grid
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < out.complete_bytes;) {
    const std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!seen_header) {
      seen_header = true;
      if (line != header) out.problems.push_back({line_number, "header: not this sweep's header"});
      continue;
    }
    if (keys.size() < 2 + SweepMetrics::column_count) continue;  // shape without a valid header
    const std::optional<SweepJournalRow> row =
        parse_row(line, line_number, expected++, shape, keys, out.problems);
    if (row) out.rows.push_back(*row);
  }
  if (!out.problems.empty()) out.rows.clear();
  return out;
}

std::vector<SweepTallies> tally_sweep_rows(const std::vector<SweepJournalRow>& rows, std::size_t points) {
  std::vector<SweepTallies> tallies(points);
  for (const SweepJournalRow& row : rows) {
    if (row.point >= points) continue;
    for (std::size_t m = 0; m < SweepMetrics::column_count; ++m) {
      if (!std::isnan(row.measures[m])) tallies[row.point][m].add(row.measures[m]);
    }
  }
  return tallies;
}

std::optional<SweepJournal> SweepJournal::open(const fs::path& dir, SweepGridShape shape,
                                               const std::string& args_json) {
  const fs::path rows_file = dir / "sweep.csv";
  const fs::path args_file = dir / "sweep_args.json";
  if (fs::exists(rows_file)) {
    if (!fs::exists(args_file) || read_whole_file(args_file) != args_json) {
      std::fprintf(stderr, "%s: written by a sweep with other arguments; use another --out or remove it\n",
                   rows_file.string().c_str());
      return std::nullopt;
    }
    const std::string text = read_whole_file(rows_file);
    SweepJournalText read = parse_sweep_journal(text, shape);
    if (!read.problems.empty()) {
      for (const SweepJournalProblem& p : read.problems) {
        std::fprintf(stderr, "%s:%zu: %s\n", rows_file.string().c_str(), p.line, p.problem.c_str());
      }
      std::fprintf(stderr, "%s: not resumed and left as it is; use another --out or remove it\n",
                   rows_file.string().c_str());
      return std::nullopt;
    }
    const bool has_header = text.find_first_not_of("\r\n") < read.complete_bytes;
    if (has_header) {
      if (read.complete_bytes != text.size()) fs::resize_file(rows_file, read.complete_bytes);
      return SweepJournal(rows_file, std::move(shape), std::move(read.rows));
    }
    fs::remove(rows_file);  // nothing but a cut-off header or blank lines: start again
  }
  write_file_atomically(args_file, args_json);
  append_line_durably(rows_file, shape.header);
  return SweepJournal(rows_file, std::move(shape), {});
}

void SweepJournal::append(const SweepValues& measures) {
  const std::uint64_t index = rows_.size();
  const std::uint64_t point = index / shape_.replications;
  const std::uint64_t replication = index % shape_.replications;
  append_line_durably(rows_file_, sweep_row(point, shape_.point_values[point], replication, measures));
  // Kept as a later run reads it back (six decimals, empty when not finite), so a resumed sweep's
  // summary is the same as an uninterrupted one's.
  SweepJournalRow row{point, replication, {}};
  for (std::size_t m = 0; m < SweepMetrics::column_count; ++m) {
    row.measures[m] = parse_measure(format_number(measures[m], 6)).value_or(NAN);
  }
  rows_.push_back(row);
}

}  // namespace dccsim::tools
