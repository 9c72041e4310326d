#include "scenarios/sections/csp.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("csp: region overrides, outages and maintenance windows") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([csp]
concurrency = 100
mtbf = "10d"
mttr = "1h"
[csp.central]
concurrency = 50
[[csp.central.maintenance]]
start = "2018-08-02"
end = "2018-08-02T04:00"
capacity_factor = 0.25
)");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& csps = r.scenario->model.csps;
  CHECK(csps[0].concurrency == 100);
  CHECK(csps[1].concurrency == 50);
  CHECK(csps[2].mtbf == sim::days(10));
  REQUIRE(csps[1].maintenance.size() == 1);
  CHECK(csps[1].maintenance[0].end == sim::Time::zero() + sim::days(1) + sim::hours(4));
  CHECK(csps[1].maintenance[0].capacity_factor == 0.25);
  CHECK(csps[0].maintenance.empty());
}

TEST_CASE("csp: mtbf without mttr, and a window that ends before it starts") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([csp.north]
mtbf = "10d"
[[csp.north.maintenance]]
start = "2018-08-02"
end = "2018-08-01T04:00"
)");
  const std::string f = prefix_of(dir);
  CHECK(lines_of(r) == std::vector<std::string>{
                           f + "3: csp.north.mttr: must be positive when mtbf is set",
                           f + "7: csp.north.maintenance[0].end: must be after start",
                       });
}
