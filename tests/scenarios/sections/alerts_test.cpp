#include "scenarios/sections/alerts.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("alerts: [alerts] is the default of every region, [alerts.<region>] overrides it") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(horizon = "2d"
[alerts]
per_meter_per_day = 0.5
wan_latency = "2s"
[alerts.south]
per_meter_per_day = 0.1
[[alerts.south.storms]]
start = "2018-08-01T02:00"
duration = "1h"
multiplier = 4
)");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& alerts = r.scenario->model.alerts;
  CHECK(alerts[0].per_meter_per_day == 0.5);
  CHECK(alerts[1].per_meter_per_day == 0.5);
  CHECK(alerts[2].per_meter_per_day == 0.1);
  CHECK(mean_of(alerts[2].wan_latency_s) == doctest::Approx(2.0));
  REQUIRE(alerts[2].storms.size() == 1);
  CHECK(alerts[2].storms[0].start == sim::Time::zero() + sim::hours(2));
  CHECK(alerts[2].storms[0].multiplier == 4);
  CHECK(alerts[0].storms.empty());
}

TEST_CASE("alerts: a bad default is reported once; storms without a duration; storms after the horizon skipped") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(horizon = "2d"
[alerts]
per_meter_per_day = -1
[[alerts.north.storms]]
start = "2018-08-03"
duration = "0s"
)");
  const std::string f = prefix_of(dir);
  CHECK(lines_of(r) == std::vector<std::string>{
                           f + "5: alerts.per_meter_per_day: must be within [0, 1e+06], got -1",
                           f + "8: alerts.north.storms[0].duration: must be positive, got \"0s\"",
                       });
}

TEST_CASE("alerts: a storm after the horizon is skipped with one note, not refused") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(horizon = "2d"
[[alerts.north.storms]]
start = "2018-08-03"
duration = "1h"
multiplier = 3
)");
  INFO(all_of(r));
  REQUIRE(r.ok());
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].to_string() == prefix_of(dir) + "3: scenario.horizon: 1 alert storm lies wholly outside the "
                                                   "horizon and is skipped");
}
