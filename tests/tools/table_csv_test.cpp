#include "tools/table_csv.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("table_csv: one run gives keys, numbers at their decimals, derived columns, no half-widths") {
  TablesAccumulator acc;
  ResultTables t = sample_tables(1);
  t.throttle.keys[0][ThrottleTable::user] = "SUPPLIER, \"A\"";
  acc.add(t, 0);
  const auto stations = lines(table_csv(acc, TableId::stations));
  REQUIRE(stations.size() == 3);
  CHECK(stations[0].rfind("station,servers,arrivals,completions,", 0) == 0);
  CHECK(stations[0].find("_hw") == std::string::npos);
  CHECK(stations[1].rfind("dsp,4,12346,12000,0,0,0.000,0.510000,", 0) == 0);
  const auto performance = lines(table_csv(acc, TableId::performance));
  CHECK(performance[0] ==
        "measure,month,responses,within_target,share_within_target,target,minimum,response_p50_s,"
        "response_p95_s,response_p99_s,status");
  CHECK(performance[2] == "alerts,2018-08,0,0,,0.9900,0.9600,,,,no traffic");
  const auto variance = lines(table_csv(acc, TableId::variance));
  CHECK(variance[0] == "user,month,service,forecast,actual,variance_pct,exception");
  CHECK(variance[3] == "DNO_B,2018-08,CSR,0,6,,yes");
  CHECK(lines(table_csv(acc, TableId::throttle))[1].rfind("\"SUPPLIER, \"\"A\"\"\",1100,", 0) == 0);
  const auto requests = lines(table_csv(acc, TableId::requests));
  CHECK(requests[0].rfind("carried_in,generated,", 0) == 0);
  CHECK(requests[1] == "0,1001,950,900,50,26,21,5,15,10,5,10,true");
}

TEST_CASE("table_csv: replications append a half-width per number, one decimal finer") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 0);
  acc.add(sample_tables(3), 1);
  const auto stations = lines(table_csv(acc, TableId::stations));
  CHECK(stations[0].find(",queue_max,servers_hw,arrivals_hw,") != std::string::npos);
  CHECK(stations[0].substr(stations[0].size() - 12) == "queue_max_hw");
  // utilisation 0.51 and 0.53: mean 0.52, half-width t(0.975, 1) × 0.01 = 0.127062.
  CHECK(stations[1].find(",0.520000,") != std::string::npos);
  CHECK(stations[1].find(",0.1270620,") != std::string::npos);
  // arrivals 12346 and 12348: whole counts, half-width with one decimal.
  CHECK(stations[1].rfind("dsp,4,12347,", 0) == 0);
  CHECK(stations[1].find(",0.0,12.7,") != std::string::npos);
}

TEST_CASE("table_csv: breaches, with a replication column once there are several") {
  TablesAccumulator one;
  one.add(sample_tables(1), 0);
  CHECK(breaches_csv(one) ==
        "start,end,kind,where,peak_excess\n"
        "2018-08-01T12:00:00Z,2018-08-01T13:00:00Z,capacity_reduced,csp_north,0.123457\n");
  TablesAccumulator many;
  many.add(sample_tables(3), 4);  // no breach
  many.add(sample_tables(2), 5);
  const auto rows = lines(breaches_csv(many));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "replication,start,end,kind,where,peak_excess");
  CHECK(rows[2] == "5,2018-08-01T12:00:00Z,2018-08-01T13:00:00Z,capacity_reduced,csp_north,0.246913");
}
