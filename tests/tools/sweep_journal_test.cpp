#include "tools/sweep_journal.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "tests/tools/results_fixture.hpp"
#include "tools/atomic_file.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;
namespace fs = std::filesystem;

namespace {

// Two points (dsp.servers = 1, 2) × two replications.
const std::vector<Vary> kGrid{{"dsp.servers", {"1", "2"}}};
SweepGridShape shape() { return {sweep_header(kGrid), {{"1"}, {"2"}}, 2}; }

std::string row(std::uint64_t k) {
  const std::uint64_t point = k / 2;
  return sweep_row(point, {kGrid[0].values[point]}, k % 2, sweep_values(sample_tables(k + 1)));
}

std::string first_problem(const std::string& text) {
  const SweepJournalText read = parse_sweep_journal(text, shape());
  return read.problems.empty() ? "" : std::to_string(read.problems[0].line) + ": " + read.problems[0].problem;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("dccsim-journal-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

}  // namespace

TEST_CASE("sweep_journal: complete rows are read in grid order with their measures") {
  const std::string text = sweep_header(kGrid) + row(0) + row(1) + row(2);
  const SweepJournalText read = parse_sweep_journal(text, shape());
  REQUIRE(read.problems.empty());
  REQUIRE(read.rows.size() == 3);
  CHECK(read.rows[2].point == 1);
  CHECK(read.rows[2].replication == 0);
  CHECK(read.rows[2].measures[SweepMetrics::generated] == 1003);
  CHECK(std::isnan(read.rows[2].measures[SweepMetrics::share_alerts]));  // an empty cell
  CHECK(read.complete_bytes == text.size());
}

TEST_CASE("sweep_journal: blank lines, CRLF ends and a cut-off last row are skipped") {
  const std::string text = sweep_header(kGrid) + "\n" + row(0) + "\r\n\n" + row(1) + "\n" + row(2).substr(0, 9);
  const SweepJournalText read = parse_sweep_journal(text, shape());
  CHECK(read.problems.empty());
  CHECK(read.rows.size() == 2);
  CHECK(read.complete_bytes == text.size() - 9);
  CHECK(parse_sweep_journal("", shape()).rows.empty());
  CHECK(parse_sweep_journal("\n\n\n", shape()).problems.empty());
  CHECK(parse_sweep_journal("poi", shape()).complete_bytes == 0);
}

TEST_CASE("sweep_journal: rows that do not belong to the grid are refused with their line") {
  const std::string h = sweep_header(kGrid);
  CHECK(first_problem("point,x\n") == "1: header: not this sweep's header");
  CHECK(first_problem(h + "\n" + "7" + row(0).substr(1)) == "3: point: 7 is outside the grid (points 0 to 1)");
  CHECK(first_problem(h + "0,1,5" + row(0).substr(5)) == "2: replication: 5 is outside the grid (replications 0 to 1)");
  CHECK(first_problem(h + row(0) + row(0)) ==
        "3: point: rows are in grid order; expected point 0 replication 1 here, got point 0 replication 0");
  CHECK(first_problem(h + row(0) + row(1) + row(2) + row(3) + row(3)) == "6: row: the grid has only 4 rows");
  CHECK(first_problem(h + "0,2" + row(0).substr(3)) == "2: dsp.servers: '2' is not point 0's value '1'");
  CHECK(first_problem(h + "x" + row(0).substr(1)) == "2: point: 'x' is not a point number");
  CHECK(first_problem(h + "-1" + row(0).substr(1)) == "2: point: '-1' is not a point number");
  CHECK(first_problem(h + "99999999999999999999999" + row(0).substr(1)) ==
        "2: point: '99999999999999999999999' is not a point number");
  CHECK(first_problem(h + "0,1,0,abc" + row(0).substr(row(0).find(',', 6))) == "2: generated: 'abc' is not a number");
  CHECK(first_problem(h + "0,1,0,nan" + row(0).substr(row(0).find(',', 6))) == "2: generated: 'nan' is not a number");
  CHECK(first_problem(h + "0,1,0\n") == "2: row: 3 cells, expected 17 as in the header");
  CHECK(first_problem(h + ",\n") == "2: row: 2 cells, expected 17 as in the header");
  const SweepJournalText bad = parse_sweep_journal(h + row(0) + "junk\n" + row(2), shape());
  CHECK(bad.rows.empty());  // nothing is taken from a refused journal
  CHECK(bad.problems.size() == 1);
}

TEST_CASE("sweep_journal: tallies per point leave empty cells out") {
  const SweepJournalText read = parse_sweep_journal(sweep_header(kGrid) + row(0) + row(1) + row(2), shape());
  const std::vector<SweepTallies> t = tally_sweep_rows(read.rows, 2);
  CHECK(t[0][SweepMetrics::generated].count() == 2);
  CHECK(t[0][SweepMetrics::generated].mean() == 1001.5);
  CHECK(t[1][SweepMetrics::generated].count() == 1);
  CHECK(t[0][SweepMetrics::share_alerts].count() == 0);
}

TEST_CASE("sweep_journal: a journal resumes after a kill and refuses another sweep's rows untouched") {
  const TempDir dir;
  const fs::path rows = dir.path / "sweep.csv";
  {
    std::optional<SweepJournal> j = SweepJournal::open(dir.path, shape(), "{\"a\":1}\n");
    REQUIRE(j);
    CHECK(j->done() == 0);
    CHECK(j->total() == 4);
    j->append(sweep_values(sample_tables(1)));
    j->append(sweep_values(sample_tables(2)));
  }
  CHECK(read_whole_file(rows) == sweep_header(kGrid) + row(0) + row(1));
  CHECK(read_whole_file(dir.path / "sweep_args.json") == "{\"a\":1}\n");

  write(rows, sweep_header(kGrid) + row(0) + "\n" + row(1) + row(2).substr(0, 7));
  {
    std::optional<SweepJournal> j = SweepJournal::open(dir.path, shape(), "{\"a\":1}\n");
    REQUIRE(j);
    CHECK(j->done() == 2);
    j->append(sweep_values(sample_tables(3)));
    CHECK(j->rows().back().point == 1);
    // the appended row is kept as it reads back, six decimals
    const SweepJournalText again = parse_sweep_journal(read_whole_file(rows), shape());
    REQUIRE(again.rows.size() == 3);
    for (std::size_t m = 0; m < SweepMetrics::column_count; ++m) {
      const double a = again.rows[2].measures[m];
      const double b = j->rows()[2].measures[m];
      CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
    }
  }
  CHECK(read_whole_file(rows) == sweep_header(kGrid) + row(0) + "\n" + row(1) + row(2));

  const std::string garbled = sweep_header(kGrid) + row(0) + "0,1,x\n" + row(2).substr(0, 4);
  write(rows, garbled);
  CHECK_FALSE(SweepJournal::open(dir.path, shape(), "{\"a\":1}\n"));
  CHECK(read_whole_file(rows) == garbled);  // refused, and not even the cut-off row is dropped
  CHECK_FALSE(SweepJournal::open(dir.path, shape(), "{\"a\":2}\n"));  // another sweep's arguments
  CHECK(read_whole_file(rows) == garbled);

  write(rows, "\n\npoint,dsp.se");  // a kill before the header was complete: start again
  std::optional<SweepJournal> fresh = SweepJournal::open(dir.path, shape(), "{\"a\":1}\n");
  REQUIRE(fresh);
  CHECK(fresh->done() == 0);
  CHECK(read_whole_file(rows) == sweep_header(kGrid));
}
