#include "tools/sweep_outputs.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "tests/tools/results_fixture.hpp"
#include "tools/sweep_journal.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

TEST_CASE("sweep_outputs: the recorded measures are read by name from the tables") {
  const SweepValues v = sweep_values(sample_tables(2));
  CHECK(v[SweepMetrics::generated] == 1002);
  CHECK(v[SweepMetrics::rejected] == 27);
  CHECK(v[SweepMetrics::share_on_demand] == doctest::Approx(0.994));
  CHECK(std::isnan(v[SweepMetrics::share_alerts]));
  CHECK(std::isnan(v[SweepMetrics::share_future_dated]));  // no such measure
  CHECK(v[SweepMetrics::dsp_utilisation] == doctest::Approx(0.52));
  CHECK(v[SweepMetrics::max_csp_utilisation] == doctest::Approx(0.8));
  CHECK(v[SweepMetrics::throttle_rejections] == 22);
  CHECK(v[SweepMetrics::breaches] == 2);
}

TEST_CASE("sweep_outputs: rows written are the rows tallied, blanks left out") {
  const std::vector<Vary> grid{{"dsp.servers", {"1", "2"}}};
  std::string text = sweep_header(grid);
  CHECK(text.rfind("point,dsp.servers,replication,generated,completed_within_target,", 0) == 0);
  CHECK(text.substr(text.size() - 10) == ",breaches\n");
  for (std::uint64_t k = 1; k <= 4; ++k) {
    const std::uint64_t point = (k - 1) / 2;
    text += sweep_row(point, {grid[0].values[point]}, (k - 1) % 2, sweep_values(sample_tables(k)));
  }
  CHECK(text.find("\n0,1,0,1001.000000,") != std::string::npos);
  const SweepJournalText read = parse_sweep_journal(text, {sweep_header(grid), {{"1"}, {"2"}}, 2});
  REQUIRE(read.problems.empty());
  const auto tallies = tally_sweep_rows(read.rows, 2);
  REQUIRE(tallies.size() == 2);
  CHECK(tallies[1][SweepMetrics::generated].count() == 2);
  CHECK(tallies[1][SweepMetrics::generated].mean() == 1003.5);
  CHECK(tallies[0][SweepMetrics::share_alerts].count() == 0);
  const SweepProvenance provenance{7, "0.2.0", {"dccsim", "sweep", "s.toml", "--vary", "dsp.servers=1,2"}};
  const std::string summary = sweep_summary_csv(grid, {{"1"}, {"2"}}, tallies, provenance);
  CHECK(summary.find("point,dsp.servers,replications,generated,generated_hw,") == 0);
  CHECK(summary.find(",breaches_hw,seed,dccsim_version,command_line\n") != std::string::npos);
  CHECK(summary.find("\n1,2,2,1003.500000,6.353102,") != std::string::npos);
  // Every row ends with the same provenance; the command line is one quoted cell (it holds commas).
  CHECK(summary.ends_with(",7,0.2.0,\"dccsim sweep s.toml --vary dsp.servers=1,2\"\n"));
  const std::string screen = sweep_screen(grid, {{"1"}, {"2"}}, tallies);
  CHECK(screen.find("dsp.servers on-demand within target max CSP utilisation throttled breaches") !=
        std::string::npos);
}

TEST_CASE("sweep_outputs: the arguments file records what defines the rows") {
  const SweepArgs args{"s.toml", 7, 3, 0, {"dsp.servers=2"}, {{"k", {"a", "b"}}}};
  CHECK(sweep_args_json(args) ==
        "{\"scenario\":\"s.toml\",\"seed\":7,\"replications\":3,\"warmup_s\":0,\"set\":[\"dsp.servers=2\"],"
        "\"vary\":[{\"key\":\"k\",\"values\":[\"a\",\"b\"]}]}\n");
}
