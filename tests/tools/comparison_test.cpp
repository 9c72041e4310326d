#include "tools/comparison.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "tests/tools/results_fixture.hpp"
#include "tools/comparison_statistics.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

namespace {

const ComparedMeasure& find(const std::vector<ComparedMeasure>& measures, const std::string& name) {
  const auto it =
      std::find_if(measures.begin(), measures.end(), [&](const auto& m) { return m.spec.name == name; });
  REQUIRE_MESSAGE(it != measures.end(), name);
  return *it;
}

}  // namespace

TEST_CASE("comparison: a policy against itself differs by exactly nothing") {
  PairedMeasures paired;
  for (std::uint64_t k = 1; k <= 3; ++k) paired.add(sample_tables(k), sample_tables(k));
  const auto measures = compared_measures(paired, {});
  REQUIRE_FALSE(measures.empty());
  for (const ComparedMeasure& m : measures) {
    CHECK(m.difference.mean == 0);
    CHECK(m.identical);
    CHECK(m.verdict == "no significant difference");
  }
  // Undefined in every replication (no alert traffic): no paired difference, not listed.
  CHECK(std::none_of(measures.begin(), measures.end(),
                     [](const auto& m) { return m.spec.name == "performance.alerts.share_within_target"; }));
  // The headline set comes first.
  CHECK(measures.front().spec.headline);
  CHECK(measures.front().spec.name == "throttle.admitted_share");
}

TEST_CASE("comparison: directions, neutral figures, margins and rows matched by name") {
  PairedMeasures paired;
  for (std::uint64_t k = 1; k <= 4; ++k) {
    ResultTables a = sample_tables(k);
    ResultTables b = sample_tables(k);
    // B lists its stations the other way round and runs csp_north hotter; A rejects more of SUPPLIER_A.
    std::reverse(b.stations.keys.begin(), b.stations.keys.end());
    std::reverse(b.stations.values.begin(), b.stations.values.end());
    b.stations.values[0][StationsTable::utilisation] += 0.1 + 0.001 * static_cast<double>(k);
    a.throttle.values[0][ThrottleTable::rejected] += 50 + static_cast<double>(k % 2);
    // A trivially longer wait at the DSP (1 µs, under the 5 % margin), every time.
    a.stations.values[0][StationsTable::wait_mean_s] += 1e-6;
    paired.add(a, b);
  }
  const auto measures = compared_measures(paired, {});
  const ComparedMeasure& util = find(measures, "stations.csp_north.utilisation");
  CHECK(util.difference.mean == doctest::Approx(-0.1025));
  CHECK(util.verdict == "B higher");  // utilisation is neutral: never better or worse
  CHECK(util.spec.headline);
  CHECK(find(measures, "stations.dsp.utilisation").verdict == "no significant difference");
  // Rejections: the count is neutral, the share per User decides.
  CHECK(find(measures, "throttle.SUPPLIER_A.rejected").verdict == "A higher");
  const ComparedMeasure& share = find(measures, "throttle.SUPPLIER_A.rejected_share");
  CHECK(share.verdict == "B better");
  CHECK(share.relative == doctest::Approx(share.difference.mean / share.b.mean));
  CHECK(share.adjusted_p < 0.05);
  CHECK(share.adjusted_p >= share.p_value);
  const ComparedMeasure& wait = find(measures, "stations.dsp.wait_mean_s");
  CHECK(wait.p_value < 0.05);
  CHECK(wait.verdict == "no material difference");
  CHECK(wait.margin == doctest::Approx(0.05 * wait.b.mean));
  // With a zero margin the same difference is material.
  ComparisonSettings strict;
  REQUIRE_FALSE(strict.margins.set("time=0"));
  CHECK(find(compared_measures(paired, strict), "stations.dsp.wait_mean_s").verdict == "B better");

  const ComparisonInfo info{"a.toml",
                            "a.toml x=1",
                            {"a.toml", {}, 7, 0},
                            {"a.toml", {"x=1"}, 7, 0},
                            4,
                            true,
                            "0.2.0",
                            "dccsim compare a.toml --b x=1",
                            {}};
  const std::string csv = compare_csv(measures);
  CHECK(csv.rfind("metric,headline,unit,direction,kind,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,"
                  "relative_difference,margin,p_value,adjusted_p,verdict\n",
                  0) == 0);
  CHECK(csv.find("\nthrottle.SUPPLIER_A.rejected_share,yes,share,lower better,share,") != std::string::npos);
  const std::string screen = compare_screen(measures, info);
  CHECK(screen.rfind("A: a.toml\nB: a.toml x=1\n4 paired replications with common random numbers (seed 7)",
                     0) == 0);
  CHECK(screen.find("Holm-adjusted across the") != std::string::npos);
  CHECK(screen.find("stations.csp_north.utilisation ") != std::string::npos);
  CHECK(screen.find("stations.csp_north.servers") == std::string::npos);
  const std::string json = compare_json(measures, info);
  CHECK(json.rfind(
            "{\"a\":\"a.toml\",\"b\":\"a.toml x=1\",\"seed\":7,\"replications\":4,"
            "\"common_random_numbers\":true,\"sides\":{\"a\":{\"scenario_file\":\"a.toml\",\"overrides\":[],",
            0) == 0);
  CHECK(json.find("\"overrides\":[\"x=1\"]") != std::string::npos);
  CHECK(json.find("\"command_line\":\"dccsim compare a.toml --b x=1\"") != std::string::npos);
}

TEST_CASE("comparison: a percentile that never moves does not decide") {
  PairedMeasures paired;
  for (std::uint64_t k = 1; k <= 3; ++k) {
    ResultTables a = sample_tables(k);
    ResultTables b = sample_tables(k);
    b.performance.values[0][PerformanceTable::response_p95_s] += 0.25;  // one bucket up, every time
    paired.add(a, b);
  }
  const auto measures = compared_measures(paired, {});
  const ComparedMeasure& p95 = find(measures, "performance.on_demand.response_p95_s");
  CHECK(p95.difference.half_width == 0);
  CHECK(std::isnan(p95.p_value));
  CHECK(p95.verdict == "not decided (percentile without spread)");
}

TEST_CASE("comparison: margins by kind and by name") {
  Margins m;
  CHECK(m.set("share=0.01") == std::nullopt);
  CHECK(m.set("stations.dsp.wait_mean_s=0.2") == std::nullopt);
  CHECK(m.by_kind[static_cast<std::size_t>(MeasureKind::share)] == 0.01);
  CHECK(m.by_measure.at("stations.dsp.wait_mean_s") == 0.2);
  CHECK(m.set("shares=0.01").has_value());
  CHECK(m.set("share=-1").has_value());
  CHECK(m.set("share").has_value());
  CHECK(m.text().find("time 5 %") != std::string::npos);
}

TEST_CASE("comparison statistics: paired t, Holm and Benjamini-Hochberg against hand-computed values") {
  dccsim::sim::Tally d;
  for (const double x : {1.0, 2.0, 3.0, 4.0}) d.add(x);
  // t = 2.5 / (1.290994 / 2) = 3.872983 on 3 degrees of freedom: p = 0.030466 (two-sided).
  CHECK(paired_t_p_value(d) == doctest::Approx(0.030466).epsilon(1e-4));
  dccsim::sim::Tally zero;
  zero.add(0);
  zero.add(0);
  CHECK(paired_t_p_value(zero) == 1);
  const std::vector<double> p{0.01, 0.04, NAN, 0.03, 0.005};
  const std::vector<double> holm = holm_adjusted(p);
  // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): 0.02, 0.03, 0.06, 0.06.
  CHECK(holm[4] == doctest::Approx(0.02));
  CHECK(holm[0] == doctest::Approx(0.03));
  CHECK(holm[3] == doctest::Approx(0.06));
  CHECK(holm[1] == doctest::Approx(0.06));
  CHECK(std::isnan(holm[2]));
  const std::vector<double> bh = benjamini_hochberg_adjusted(p);
  // 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04.
  CHECK(bh[4] == doctest::Approx(0.02));
  CHECK(bh[0] == doctest::Approx(0.02));
  CHECK(bh[3] == doctest::Approx(0.04));
  CHECK(bh[1] == doctest::Approx(0.04));
}
