#include "tools/comparison.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

namespace {

const ComparedMeasure& find(const std::vector<ComparedMeasure>& measures, const std::string& name) {
  const auto it =
      std::find_if(measures.begin(), measures.end(), [&](const auto& m) { return m.name == name; });
  REQUIRE(it != measures.end());
  return *it;
}

struct Compared {
  TablesAccumulator a;
  TablesAccumulator b;
  PairedTables paired;
  void add(const ResultTables& ta, const ResultTables& tb) {
    a.add(ta, a.count());
    b.add(tb, b.count());
    paired.add(ta, tb);
  }
};

}  // namespace

TEST_CASE("comparison: a policy against itself differs by exactly nothing") {
  Compared c;
  for (std::uint64_t k = 1; k <= 3; ++k) c.add(sample_tables(k), sample_tables(k));
  const auto measures = compared_measures(c.a, c.b, c.paired);
  REQUIRE_FALSE(measures.empty());
  for (const ComparedMeasure& m : measures) {
    CHECK(m.difference.mean == 0);
    CHECK(m.verdict == "no significant difference");
    CHECK(m.name.rfind("timeseries.", 0) != 0);
  }
  // Undefined in every replication (no alert traffic): no paired difference, not listed.
  CHECK(std::none_of(measures.begin(), measures.end(), [](const auto& m) {
    return m.name == "performance.alerts.2018-08.share_within_target";
  }));
}

TEST_CASE("comparison: verdicts follow each figure's direction, rows are matched by key") {
  Compared c;
  for (std::uint64_t k = 1; k <= 4; ++k) {
    ResultTables a = sample_tables(k);
    ResultTables b = sample_tables(k);
    // B lists its stations the other way round and runs csp_north hotter; A rejects more of SUPPLIER_A.
    std::reverse(b.stations.keys.begin(), b.stations.keys.end());
    std::reverse(b.stations.values.begin(), b.stations.values.end());
    b.stations.values[0][StationsTable::utilisation] += 0.1 + 0.001 * static_cast<double>(k);
    a.throttle.values[0][ThrottleTable::rejected] += 50 + static_cast<double>(k % 2);
    b.stations.values[0][StationsTable::servers] += 1;
    c.add(a, b);
  }
  const auto measures = compared_measures(c.a, c.b, c.paired);
  const ComparedMeasure& util = find(measures, "stations.csp_north.utilisation");
  CHECK(util.difference.mean == doctest::Approx(-0.1025));
  CHECK(util.verdict == "B higher");  // utilisation is neutral
  CHECK(util.headline);
  CHECK(find(measures, "stations.dsp.utilisation").verdict == "no significant difference");
  const ComparedMeasure& rejected = find(measures, "throttle.SUPPLIER_A.rejected");
  CHECK(rejected.verdict == "A higher");  // a count of traffic: neutral
  CHECK(find(measures, "stations.csp_north.servers").verdict == "B higher");  // neutral figure
  CHECK_FALSE(find(measures, "stations.csp_north.servers").headline);
  const std::string csv = compare_csv(measures);
  CHECK(csv.rfind("metric,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,verdict\n", 0) == 0);
  CHECK(csv.find("\nthrottle.SUPPLIER_A.rejected,") != std::string::npos);
  const ComparisonInfo info{"a.toml", "a.toml x=1", 7, 4};
  const std::string screen = compare_screen(measures, info);
  CHECK(screen.rfind("A: a.toml\nB: a.toml x=1\n4 paired replications", 0) == 0);
  CHECK(screen.find("stations.csp_north.utilisation") != std::string::npos);
  CHECK(screen.find("stations.csp_north.servers") == std::string::npos);
  const std::string json = compare_json(measures, info);
  CHECK(json.rfind("{\"a\":\"a.toml\",\"b\":\"a.toml x=1\",\"seed\":7,\"replications\":4,\"metrics\":[", 0) ==
        0);
}
