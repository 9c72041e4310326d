#include "tools/measures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

namespace {

std::size_t index_of(const MeasureValues& m, const std::string& name) {
  const auto it =
      std::find_if(m.specs.begin(), m.specs.end(), [&](const MeasureSpec& s) { return s.name == name; });
  REQUIRE_MESSAGE(it != m.specs.end(), name);
  return static_cast<std::size_t>(it - m.specs.begin());
}

}  // namespace

TEST_CASE("measures: every figure has one name, a unit and a meaning") {
  const MeasureValues m = measure_values(sample_tables(1));
  REQUIRE(m.specs.size() == m.values.size());
  std::set<std::string> names;
  for (const MeasureSpec& s : m.specs) {
    CHECK_MESSAGE(names.insert(s.name).second, "duplicate " << s.name);
    CHECK_MESSAGE(!s.unit.empty(), s.name);
    CHECK_MESSAGE(!s.meaning.empty(), s.name);
  }
}

TEST_CASE("measures: rates instead of counts, peaks, whole-run measures and breaches by kind") {
  const MeasureValues m = measure_values(sample_tables(2));
  // Counts of traffic are neutral; their rates carry the direction.
  const MeasureSpec& rejected = m.specs[index_of(m, "throttle.SUPPLIER_A.rejected")];
  CHECK(rejected.better == Better::neutral);
  const std::size_t share = index_of(m, "throttle.SUPPLIER_A.rejected_share");
  CHECK(m.specs[share].better == Better::lower);
  CHECK(m.specs[share].headline);
  CHECK(m.values[share] == doctest::Approx(22.0 / 1100.0));
  CHECK(m.values[index_of(m, "throttle.admitted_share")] == doctest::Approx(1078.0 / 1100.0));
  // Utilisation is neutral; the peak is the largest interval's.
  const std::size_t util = index_of(m, "stations.csp_north.utilisation");
  CHECK(m.specs[util].better == Better::neutral);
  CHECK(m.specs[util].kind == MeasureKind::utilisation);
  CHECK(m.values[index_of(m, "stations.csp_north.utilisation_peak")] == doctest::Approx(0.8));
  CHECK(m.values[index_of(m, "stations.dsp.utilisation_peak")] == doctest::Approx(0.6));
  // One month: the whole-run class measures, percentiles included, and no per-month duplicates.
  const std::size_t od = index_of(m, "performance.on_demand.share_within_target");
  CHECK(m.values[od] == doctest::Approx(1988.0 / 2000.0));
  CHECK(m.specs[od].better == Better::higher);
  CHECK(m.specs[index_of(m, "performance.on_demand.response_p95_s")].quantile);
  CHECK(std::none_of(m.specs.begin(), m.specs.end(), [](const MeasureSpec& s) {
    return s.name.find(".2018-08.share_within_target") != std::string::npos;
  }));
  // Every breach kind, counted also when none happened.
  CHECK(m.values[index_of(m, "breaches.capacity_reduced.count")] == 2);
  CHECK(m.values[index_of(m, "breaches.queue.count")] == 0);
}

TEST_CASE("measures: several months give per-month rows beside the whole-run share") {
  ResultTables t = sample_tables(1);
  t.performance.keys.push_back({"on_demand", "2018-09"});
  t.performance.values.push_back(t.performance.values[0]);
  const MeasureValues m = measure_values(t);
  CHECK(m.values[index_of(m, "performance.on_demand.share_within_target")] ==
        doctest::Approx(1989.0 / 2000.0));
  CHECK(m.values[index_of(m, "performance.on_demand.responses")] == 4000);
  index_of(m, "performance.on_demand.2018-09.response_p95_s");
  CHECK(std::none_of(m.specs.begin(), m.specs.end(),
                     [](const MeasureSpec& s) { return s.name == "performance.on_demand.response_p95_s"; }));
}

TEST_CASE("measures: tallies by name, patterns and kinds") {
  MeasureTallies tallies;
  for (std::uint64_t k = 1; k <= 3; ++k) tallies.add(measure_values(sample_tables(k)));
  const auto i = tallies.find("throttle.SUPPLIER_A.rejected");
  REQUIRE(i);
  CHECK(tallies.tally(*i).mean() == doctest::Approx(22.0));
  // No alert traffic: the share is undefined and never tallied.
  const auto alerts = tallies.find("performance.alerts.share_within_target");
  REQUIRE(alerts);
  CHECK(tallies.tally(*alerts).count() == 0);
  const MeasureSpec& util = tallies.spec(*tallies.find("stations.dsp.utilisation"));
  CHECK(measure_matches(util, "stations.*"));
  CHECK(measure_matches(util, "headline"));
  CHECK_FALSE(measure_matches(util, "stations.dsp.wait_mean_s"));
  CHECK(parse_measure_kind("time") == MeasureKind::time);
  CHECK_FALSE(parse_measure_kind("times"));
  CHECK(is_absolute(MeasureKind::share));
  CHECK_FALSE(is_absolute(MeasureKind::time));
}
