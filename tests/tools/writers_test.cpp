// summary.json, the terminal report and the file writers.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/tools/results_fixture.hpp"
#include "tools/atomic_file.hpp"
#include "tools/run_report.hpp"
#include "tools/summary_json.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;
namespace fs = std::filesystem;

namespace {

RunInfo sample_info() {
  RunInfo info;
  info.scenario = "sample";
  info.scenario_file = "sample.toml";
  info.epoch = testing::kEpoch;
  info.seed = 7;
  info.horizon = dccsim::sim::Time::zero() + dccsim::sim::days(2);
  return info;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("dccsim-writers-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("summary_json: one run writes whole counts, flags as booleans and only exception lines") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 0);
  const std::string json = summary_json(acc, sample_info());
  CHECK(json.rfind(
            "{\"scenario\":\"sample\",\"scenario_file\":\"sample.toml\",\"seed\":7,\"replications\":1,", 0) ==
        0);
  CHECK(has(json, "\"horizon\":\"2018-08-03T00:00:00Z\""));
  CHECK(has(json, "\"requests\":{\"carried_in\":0,\"generated\":1001,"));
  CHECK(has(json, "\"conserved\":true}"));
  CHECK(has(json, "\"sr\":{\"forecast\":1100,\"actual\":1160,"));
  CHECK_FALSE(has(json, "\"service\":\"4\""));  // within 90-110 %: not an exception
  CHECK(
      has(json,
          "{\"user\":\"SUPPLIER_A\",\"month\":\"2018-08\",\"service\":\"8\",\"forecast\":100,\"actual\":150,"
          "\"variance_pct\":50,\"exception\":\"yes\"}"));
  CHECK(has(json, "\"share_within_target\":null"));
  CHECK(has(json, "\"peak_excess\":0.123457}"));
  CHECK_FALSE(has(json, "_hw"));
  CHECK(json.back() == '\n');
}

TEST_CASE("summary_json: replications add a half-width beside every figure and number the breaches") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 0);
  acc.add(sample_tables(2), 1);
  const std::string json = summary_json(acc, sample_info());
  CHECK(has(json, "\"replications\":2,"));
  CHECK(has(json, "\"generated\":1001.5,"));
  CHECK(has(json, "\"generated_hw\":6.353102368087"));
  CHECK(has(json, "{\"replication\":1,\"start\":\"2018-08-01T12:00:00Z\""));
  CHECK(has(json, "\"events\":3000,"));
}

TEST_CASE("run_report: one run reads as counts with thousands separators and no intervals") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 0);
  const std::string report = run_report(acc, sample_info());
  CHECK(
      report.rfind("Scenario sample (seed 7): 2018-08-01T00:00:00Z to 2018-08-03T00:00:00Z, 1,001 requests, "
                   "1,000 events\n",
                   0) == 0);
  CHECK(has(report, "  SRs : 1,160 requests were sent versus a forecast of 1,100 (+5.5 %)\n"));
  CHECK(has(report, "  CSRs: 6 requests were sent versus a forecast of 0 (-)\n"));
  CHECK(has(report, "Exceptions: 2 of 3 User-month-service lines\n"));
  CHECK(has(report, "DNO_B      2018-08 CSR            0      6 no forecast\n"));
  CHECK(has(report, "on_demand 2018-08     2,000 99.45 %       99.00 % 96.00 % met"));
  CHECK(has(report, "alerts    2018-08         0             - 99.00 % 96.00 % no traffic\n"));
  CHECK(has(report, "  csp_north 80.00 %       12,346 3.0 ms"));  // busiest first
  CHECK(has(report, "\nBreaches: 1\n"));
  CHECK(has(report, "SUPPLIER_A   1,100    1,079       21       0       0        0 2.5/s\n"));
  CHECK(has(report,
            "Requests: 1,001 generated = 950 completed (900 within target) + 26 rejected + 15 failed + "
            "10 in flight\n"));
  CHECK_FALSE(has(report, "±"));
  CHECK_FALSE(has(report, "NOT CONSERVED"));
}

TEST_CASE("run_report: replications read as mean ± half-width, thousands separators on both") {
  TablesAccumulator acc;
  for (std::uint64_t k = 1; k <= 3; ++k) {
    ResultTables t = sample_tables(k);
    // 10,000, 20,000 and 30,000 generated and SRs sent: mean 20,000, half-width 4.303 × 10,000 / √3.
    auto& req = t.requests.values[0];
    req[RequestsTable::generated] = 10'000.0 * static_cast<double>(k);
    req[RequestsTable::in_flight] = req[RequestsTable::generated] - req[RequestsTable::completed] -
                                    req[RequestsTable::rejected] - req[RequestsTable::failed];
    t.variance_totals.values[0][VarianceTotalsTable::actual] = 10'000.0 * static_cast<double>(k);
    acc.add(t, k - 1);
  }
  const std::string report = run_report(acc, sample_info());
  CHECK(has(report, ", 3 replications: 20,000 ± 24,841 requests, 2,000 events per replication\n"));
  CHECK(has(report, "  SRs : 20,000 ± 24,841 requests were sent versus a forecast of 1,100 ("));
  CHECK(has(report, "Exceptions: 2 of 3 User-month-service lines\n"));
  CHECK(has(report, "DNO_B      2018-08 CSR            0 6 ± 0    no forecast\n"));
  CHECK(has(report, "on_demand 2018-08 2,000 ± 0  99.40 ± 0.12 %  99.00 % 96.00 % met\n"));
  CHECK(has(report, "\nBreaches: 3 over 3 replications\n"));  // k % 3 breaches: 1, 2, 0
  CHECK(has(report, "  replication start "));
  CHECK(has(report, "Requests per replication: 20,000 ± 24,841 generated = 950 ± 0 completed"));
  CHECK_FALSE(has(report, "NOT CONSERVED"));
}

TEST_CASE("atomic_file: a file is written whole, replaced whole, and no temporary is left") {
  TempDir dir;
  const fs::path file = dir.path / "out.csv";
  write_file_atomically(file, "a,b\n1,2\n");
  CHECK(read_whole_file(file) == "a,b\n1,2\n");
  write_file_atomically(file, "c\n");
  CHECK(read_whole_file(file) == "c\n");
  for (const auto& entry : fs::directory_iterator(dir.path)) CHECK(entry.path().filename() == "out.csv");
  CHECK_THROWS_WITH_AS(write_file_atomically(dir.path / "missing" / "x.csv", "x"),
                       doctest::Contains("missing/.x.csv.tmp"), std::runtime_error);
  create_output_folder(dir.path / "a" / "b");
  CHECK(fs::is_directory(dir.path / "a" / "b"));
  CHECK_THROWS_AS(create_output_folder(file / "sub"), std::runtime_error);
}

TEST_CASE("atomic_file: appended lines accumulate in order") {
  TempDir dir;
  const fs::path file = dir.path / "rows.csv";
  append_line_durably(file, "header\n");
  append_line_durably(file, "1\n");
  append_line_durably(file, "2\n");
  CHECK(read_whole_file(file) == "header\n1\n2\n");
  CHECK(read_whole_file(dir.path / "none") == "");
  CHECK_THROWS_AS(append_line_durably(dir.path / "none" / "x", "x\n"), std::runtime_error);
}
