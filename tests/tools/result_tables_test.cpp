#include "tools/result_tables.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

TEST_CASE("result_tables: every column is filled under its own name") {
  const ResultTables t = sample_tables(2);
  CHECK(t.requests.rows() == 1);
  CHECK(t.requests.value(0, RequestsTable::generated) == 1002);
  CHECK(t.requests.value(0, RequestsTable::completed) == 950);
  CHECK(t.requests.value(0, RequestsTable::completed_within_target) == 900);
  CHECK(t.requests.value(0, RequestsTable::rejected) == 27);
  CHECK(t.requests.value(0, RequestsTable::rejected_throttled) == 22);
  CHECK(t.requests.value(0, RequestsTable::failed) == 15);
  CHECK(t.requests.value(0, RequestsTable::in_flight) == 10);

  REQUIRE(t.stations.rows() == 2);
  CHECK(t.stations.key(0, StationsTable::station) == "dsp");
  CHECK(t.stations.value(0, StationsTable::utilisation) == doctest::Approx(0.52));
  CHECK(t.stations.value(1, StationsTable::utilisation) == doctest::Approx(0.8));
  CHECK(t.stations.value(0, StationsTable::arrivals) == 12347);
  CHECK(t.stations.value(0, StationsTable::queue_max) == 9);
  CHECK(t.stations.value(0, StationsTable::wait_mean_s) == doctest::Approx(0.004).epsilon(0.01));

  REQUIRE(t.performance.rows() == 2);
  CHECK(t.performance.key(0, PerformanceTable::measure) == "on_demand");
  CHECK(t.performance.key(0, PerformanceTable::month) == "2018-08");
  CHECK(t.performance.value(0, PerformanceTable::share_within_target) == doctest::Approx(0.994));
  CHECK(t.performance.value(0, PerformanceTable::target) == 0.99);
  CHECK(std::isnan(t.performance.value(1, PerformanceTable::share_within_target)));
  CHECK(std::isnan(t.performance.value(1, PerformanceTable::response_p95_s)));

  CHECK(t.throttle.key(0, ThrottleTable::user) == "SUPPLIER_A");
  CHECK(t.throttle.value(0, ThrottleTable::rejected) == 22);
  CHECK(t.throttle.value(0, ThrottleTable::allocation_max_per_s) == 3);

  CHECK(t.variance_totals.key(1, VarianceTotalsTable::kind) == "csr");
  CHECK(t.variance.key(2, VarianceTable::service) == "CSR");
  CHECK(t.variance_has_forecast == std::vector<bool>{true, true, false});

  REQUIRE(t.breaches.size() == 2);
  CHECK(t.breaches[0].start == "2018-08-01T12:00:00Z");
  CHECK(t.breaches[0].kind == "capacity_reduced");
  CHECK(t.breaches[0].peak_excess == doctest::Approx(0.2469134));
}

TEST_CASE("result_tables: output names come from the schema, in enum order") {
  const ResultTables t = sample_tables(1);
  CHECK(t.stations.name == "stations");
  CHECK(t.stations.columns[StationsTable::utilisation].name == "utilisation");
  CHECK(t.stations.columns[StationsTable::queue_max].name == "queue_max");
  CHECK(t.stations.columns.size() == StationsTable::column_count);
  CHECK(t.variance.key_names == std::vector<std::string_view>{"user", "month", "service"});
  CHECK(t.variance.derived[VarianceTable::exception].name == "exception");
  CHECK(t.performance.columns[PerformanceTable::share_within_target].better == Better::higher);
  CHECK(t.stations.columns[StationsTable::servers].better == Better::neutral);
  const char* const names[] = {"requests",    "variance_totals", "variance",  "stations",
                               "performance", "throttle",        "timeseries"};
  for (std::size_t i = 0; i < kTableCount; ++i) CHECK(t.table(static_cast<TableId>(i)).name == names[i]);
}

TEST_CASE("result_tables: the time series adds a column per measure class and two per station") {
  const ResultTables t = sample_tables(1);
  const auto& ts = t.timeseries;
  REQUIRE(ts.columns.size() == TimeseriesTable::column_count + dccsim::models::kMeasureClassCount + 4);
  CHECK(ts.columns[TimeseriesTable::column_count].name == "share_within_target_on_demand");
  CHECK(ts.columns[TimeseriesTable::column_count + 5].name == "queue_dsp");
  CHECK(ts.columns[TimeseriesTable::column_count + 8].name == "utilisation_csp_north");
  REQUIRE(ts.rows() == 2);
  CHECK(ts.key(1, TimeseriesTable::interval_start) == "2018-08-01T00:15:00Z");
  CHECK(ts.value(1, TimeseriesTable::throttling_active) == 0.5);
  CHECK(ts.values[1][TimeseriesTable::column_count + 8] == 0.8);
  CHECK(std::isnan(ts.values[1][TimeseriesTable::column_count]));
}

TEST_CASE("result_tables: derived flags follow the DCC's rules") {
  const ResultTables t = sample_tables(1);
  const auto flag = [&](std::size_t row) {
    const Table& v = t.variance;
    return v.derived[VarianceTable::exception].compute(v.keys[row], v.values[row]);
  };
  CHECK(flag(0) == "no");   // 101 % of forecast
  CHECK(flag(1) == "yes");  // 150 %
  CHECK(flag(2) == "yes");  // CSRs with no forecast
  const auto status = [&](double share) {
    std::vector<double> row = t.performance.values[0];
    row[PerformanceTable::share_within_target] = share;
    return t.performance.derived[PerformanceTable::status].compute(t.performance.keys[0], row);
  };
  CHECK(status(0.995) == "met");
  CHECK(status(0.99) == "met");
  CHECK(status(0.97) == "below target");
  CHECK(status(0.95) == "below minimum");
  CHECK(status(NAN) == "no traffic");
  std::vector<double> requests = t.requests.values[0];
  const auto& conserved = t.requests.derived[RequestsTable::conserved];
  CHECK(conserved.compute({}, requests) == "true");
  requests[RequestsTable::in_flight] += 1;
  CHECK(conserved.compute({}, requests) == "false");
}
