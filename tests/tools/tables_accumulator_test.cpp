#include "tools/tables_accumulator.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/output_analysis.hpp"
#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

TEST_CASE("tables_accumulator: means and half-widths are those of the replications' values") {
  TablesAccumulator acc;
  std::vector<double> utilisation;
  for (std::uint64_t k = 1; k <= 4; ++k) {
    acc.add(sample_tables(k), 10 + k);
    utilisation.push_back(0.5 + 0.01 * static_cast<double>(k));
  }
  CHECK(acc.count() == 4);
  const auto stations = acc.table<StationsTable>();
  const dccsim::sim::ConfidenceInterval expected = dccsim::sim::t_interval(utilisation, 0.95);
  CHECK(stations.mean(0, StationsTable::utilisation) == doctest::Approx(expected.mean));
  CHECK(half_width95(stations.cell(0, StationsTable::utilisation)) == doctest::Approx(expected.half_width));
  CHECK(half_width95(stations.cell(1, StationsTable::utilisation)) == doctest::Approx(0.0));
  const auto requests = acc.table<RequestsTable>();
  CHECK(requests.mean(0, RequestsTable::generated) == doctest::Approx(1002.5));
  CHECK(acc.cell(TableId::requests, 0, RequestsTable::generated).count() == 4);
  CHECK(acc.events() == doctest::Approx(10'000));
}

TEST_CASE("tables_accumulator: undefined figures are left out of a cell's mean") {
  TablesAccumulator acc;
  ResultTables a = sample_tables(1);
  ResultTables b = sample_tables(2);
  b.performance.values[0][PerformanceTable::share_within_target] = NAN;
  acc.add(a, 0);
  acc.add(b, 1);
  const auto performance = acc.table<PerformanceTable>();
  CHECK(performance.cell(0, PerformanceTable::share_within_target).count() == 1);
  CHECK(performance.mean(0, PerformanceTable::share_within_target) == doctest::Approx(0.9945));
  CHECK(std::isnan(performance.mean(1, PerformanceTable::share_within_target)));
  CHECK(performance.derived(1, PerformanceTable::status) == "no traffic");
  CHECK(std::isinf(half_width95(performance.cell(0, PerformanceTable::share_within_target))));
}

TEST_CASE("tables_accumulator: derived columns are computed from the means") {
  TablesAccumulator acc;
  ResultTables a = sample_tables(1);
  ResultTables b = sample_tables(1);
  // 108 % and 114 % of forecast: neither 100 nor 110 alone decides; the mean 111 % is an exception.
  a.variance.values[0][VarianceTable::actual] = 1080;
  b.variance.values[0][VarianceTable::actual] = 1140;
  acc.add(a, 0);
  acc.add(b, 1);
  CHECK(acc.table<VarianceTable>().derived(0, VarianceTable::exception) == "yes");
  CHECK(acc.means(TableId::variance, 0)[VarianceTable::actual] == 1110);
}

TEST_CASE("tables_accumulator: breaches keep their replication numbers, a different shape is refused") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 7);  // one breach
  acc.add(sample_tables(2), 8);  // two
  REQUIRE(acc.breaches().size() == 3);
  CHECK(acc.breaches()[0].replication == 7);
  CHECK(acc.breaches()[2].replication == 8);
  ResultTables other = sample_tables(3);
  other.stations.keys.pop_back();
  other.stations.values.pop_back();
  CHECK_THROWS_AS(acc.add(other, 9), std::logic_error);
}
