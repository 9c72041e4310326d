// The magnitude limits of models/config_limits, as a scenario meets them: each refused at the
// key that carries it, with the limit named; values just inside a limit still load.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

namespace {

const std::string kUser = "[[users]]\nid = \"A\"\nmeters = { north = 1000 }\n";

// The one diagnostic of `text` (empty when it loads, "several" when more than one).
std::string only_problem(const std::string& text) {
  TempDir dir;
  const auto r = load_text(dir, kHeader + text);
  if (r.ok()) return "";
  if (r.diagnostics.size() != 1) return "several: " + all_of(r);
  const std::string prefix = prefix_of(dir);
  std::string line = r.diagnostics[0].to_string();
  if (line.rfind(prefix, 0) == 0) line = "scenario.toml:" + line.substr(prefix.size());
  return line;
}

}  // namespace

TEST_CASE("limits: meters, counts and rates beyond what the model draws are refused at their key") {
  CHECK(only_problem("[[users]]\nid = \"A\"\nmeters = { north = 1e15 }\n") ==
        "scenario.toml:5: users[0].meters.north: user A: 1e+15 meters; at most 1e9 per region (GB has about "
        "3e7 smart meters)");
  CHECK(only_problem("[[users]]\nid = \"A\"\nmeters = { north = 1e9 }\n").empty());
  CHECK(only_problem(kUser + "[[users.bursts]]\nat = \"2018-08-02\"\ncount = 9223372036854775807\nsr = \"4.1.1\"\n") ==
        "scenario.toml:8: users[0].bursts[0].count: more than 1e12 SRs in one burst (the largest count the "
        "model draws)");
  // The rate, and the bucket it makes.
  const std::string both = only_problem("[traffic_management]\nactivation = \"always\"\nsystem_capacity = \"1e300/s\"\n");
  CHECK(both.find("traffic_management.system_capacity: 1e+300/s; at most 1e12/s") != std::string::npos);
  CHECK(both.find("traffic_management.bucket_depth: a bucket of system_capacity × bucket_depth holds 1e+301") !=
        std::string::npos);
  CHECK(only_problem("[traffic_management]\nactivation = \"always\"\nsystem_capacity = \"1e11/s\"\n").empty());
  CHECK(only_problem("[traffic_management]\nsystem_capacity = \"1e12/s\"\nbucket_depth = \"1e7s\"\n") ==
        "scenario.toml:5: traffic_management.bucket_depth: a bucket of system_capacity × bucket_depth holds "
        "1e+19 tokens; at most 1e18 (a token bucket's range)");
}

TEST_CASE("limits: intervals and the horizon are bounded by the memory and events they make") {
  CHECK(only_problem("horizon = \"1d\"\n[reporting]\nseries_interval = \"1us\"\n") ==
        "scenario.toml:5: reporting.series_interval: 8.64e+10 intervals over the horizon; at most 1e6 (each is "
        "a row of timeseries.csv and preallocated memory): make it longer");
  CHECK(only_problem("horizon = \"1d\"\n[reporting]\nseries_interval = \"1s\"\n").empty());
  CHECK(only_problem("horizon = \"1d\"\n[traffic_management]\ninterval = \"1ms\"\n") ==
        "scenario.toml:5: traffic_management.interval: more than 1e7 reallocations over the horizon (each walks "
        "every User): make it longer");
  CHECK(only_problem("horizon = \"4000d\"\n") ==
        "scenario.toml:3: scenario.horizon: longer than 10 years, the longest horizon the model runs");
  CHECK(only_problem("horizon = \"3650d\"\n").empty());
  CHECK(only_problem("[csp]\nmtbf = \"1ms\"\nmttr = \"1s\"\n").rfind("several", 0) == 0);  // each region
}

TEST_CASE("limits: the requests a run expects, counting retries, are bounded") {
  // 1e9 meters read by a DCC schedule 24 times a day for 31 days: 7.4e11 requests.
  const std::string schedule = "[[users]]\nid = \"A\"\nmeters = { north = 1e9 }\n[[users.schedules]]\nsr = "
                               "\"4.6.1\"\ntimes = [" +
                               [] {
                                 std::string t;
                                 for (int h = 0; h < 24; ++h) t += (h ? ", \"" : "\"") + std::to_string(10 + h % 10) + ":00\"";
                                 return t;
                               }() +
                               "]\n";
  const std::string problem = only_problem(schedule);
  CHECK(problem.find("scenario.horizon: about 7.44e+11 requests expected over the horizon") != std::string::npos);
  CHECK(only_problem("horizon = \"1d\"\n" + schedule.substr(0, schedule.size())) .empty());
}
