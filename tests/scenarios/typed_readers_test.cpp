#include "scenarios/typed_readers.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("typed_readers: missing required keys") {
  TempDir dir;
  SUBCASE("no [scenario]") {
    const auto r = load_text(dir, "[dsp]\nservers = 2\n");
    CHECK(has(r, {"scenario: missing required table [scenario]"}));
  }
  SUBCASE("no name, no user id, burst without at") {
    const auto r = load_text(dir,
                             "[scenario]\nseed = 1\n[[users]]\nrole = \"other\"\n[[users]]\nid = "
                             "\"B\"\n[[users.bursts]]\ncount = 5\nsr = \"2.2\"\n");
    const std::string file = (dir.path() / "scenario.toml").string();
    CHECK(has(r, {file + ":1: scenario.name: missing required key"}));
    CHECK(has(r, {file + ":3: users[0].id: missing required key"}));
    CHECK(has(r, {file + ":7: users[1].bursts[0].at: missing required key"}));
    CHECK_FALSE(r.scenario);
  }
}

TEST_CASE("typed_readers: wrong types, bad units and out-of-range values") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(horizon = 31
seed = "one"
[dsp]
servers = 0
discipline = "lifo"
response_processing = 2
[csp]
failure_probability = 1.5
timeout = "30 s"
wan_latency = "5 minutes"
[traffic_management]
system_capacity = "-5/s"
interval = "0s"
bucket_depth = "10"
[usrs]
[[users]]
id = "A"
meters = { north = -1 }
behaviour = { kind = "fixed_ratio", ratio = 0.5, sigma = 1 }
profile = { hourly = [1, 2, 3] , daily = [0, 0, 0, 0, 0, 0, 0] }
csr = { hours = [8, 24] }
retry = { max_attempts = 0 }
)");
  const std::string f = (dir.path() / "scenario.toml").string() + ":";
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {f + "3: scenario.horizon: a duration needs a unit"}));
  CHECK(has(r, {f + "4: scenario.seed: expected a whole number, got a string"}));
  CHECK(has(r, {f + "6: dsp.servers: must be between 1 and 1000000, got 0"}));
  CHECK(has(
      r, {f +
          "7: dsp.discipline: unknown value \"lifo\", expected one of fifo, priority (did you mean fifo?)"}));
  CHECK(has(r, {f + "8: dsp.response_processing: a duration needs a unit"}));
  CHECK(has(r, {f + "10: csp.failure_probability: must be within [0, 1], got 1.5"}));
  CHECK(has(r, {f + "11: csp.timeout: unknown duration unit \" s\""}));
  CHECK(has(r, {f + "12: csp.wan_latency: unknown duration unit \" minutes\""}));
  CHECK(has(r, {f + "14: traffic_management.system_capacity: rate \"-5/s\" must not be negative"}));
  CHECK(has(r, {f + "15: traffic_management.interval: must be positive"}));
  CHECK(has(r, {f + "16: traffic_management.bucket_depth: duration \"10\" needs a unit"}));
  CHECK(has(r, {f + "17: usrs: unknown key (did you mean users?)"}));
  CHECK(has(r, {f + "20: users[0].meters.north: must be >= 0, got -1"}));
  CHECK(has(r, {f + "21: users[0].behaviour.sigma: does not apply to kind = \"fixed_ratio\""}));
  CHECK(has(r, {f + "22: users[0].profile.hourly: expected an array of 24 weights, got 3 entries"}));
  CHECK(has(r, {f + "22: users[0].profile.daily: all weights are zero"}));
  CHECK(has(r, {f + "23: users[0].csr.hours[1]: expected an hour 0..23"}));
  CHECK(has(r, {f + "24: users[0].retry.max_attempts: must be between 1 and 255, got 0"}));
  CHECK(r.diagnostics.size() == 18);
  CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(),
                       [](const auto& x, const auto& y) { return x.line < y.line; }));
}

TEST_CASE("typed_readers: instants are relative to the epoch and checked against the horizon") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(epoch = 2019-01-01
horizon = "2d"
[[users]]
id = "A"
[[users.bursts]]
at = 2019-01-01T06:00:00Z
count = 1
sr = "2.2"
[[users.bursts]]
at = "2018-12-31T23:00"
count = 1
sr = "2.2"
[[users.bursts]]
at = "2019-01-03"
count = 1
sr = "2.2"
)");
  const std::string f = (dir.path() / "scenario.toml").string() + ":";
  INFO(all_of(r));
  CHECK(has(r, {f + "12: users[0].bursts[1].at: is before the scenario epoch"}));
  CHECK(r.diagnostics.size() == 1);  // the burst after the horizon is skipped, not refused

  const auto ok = load_text(dir, kHeader +
                                     "epoch = \"2019-01-01\"\n[[users]]\nid = \"A\"\n[[users.bursts]]\nat = "
                                     "2019-01-01T06:00:00Z\ncount = 1\nsr = \"2.2\"\n");
  INFO(all_of(ok));
  REQUIRE(ok.ok());
  CHECK(ok.scenario->model.users[0].bursts[0].at == sim::Time::zero() + sim::hours(6));
}

TEST_CASE("typed_readers: whole numbers take exact floats; absent keys keep the value") {
  Doc d("[dsp]\nservers = 1e6\nqueue_limit = 2.5\n");
  const scn::TableView dsp = d.view("dsp");
  std::uint32_t servers = 0;
  CHECK(scn::read_integer(d.reporter, dsp, "servers", servers, 1, 1'000'000));
  CHECK(servers == 1'000'000);
  std::int64_t limit = 7;
  CHECK_FALSE(scn::read_integer(d.reporter, dsp, "queue_limit", limit, 0, 10));
  CHECK(limit == 7);
  std::uint32_t absent = 9;
  CHECK_FALSE(scn::read_integer(d.reporter, d.view("smki"), "servers", absent, 1, 10));
  CHECK(absent == 9);
  CHECK_FALSE(scn::read_integer(d.reporter, d.view("smki"), "servers", absent, 1, 10, true));
  CHECK(lines_of(d.reporter.diagnostics) == std::vector<std::string>{
                                                "t.toml:3: dsp.queue_limit: expected a whole number, got 2.5",
                                                "t.toml:1: smki.servers: missing required key",
                                            });
}

TEST_CASE("typed_readers: strings, booleans, numbers, durations and rates") {
  Doc d(R"([scenario]
name = ""
horizon = "2h"
[alert_throttle]
enabled = 1
rate = "90000/min"
depth = 0
exempt_share = 0.25
[csp]
timeout = "0s"
[traffic_management]
system_capacity = "0/s"
operating_threshold = 0
)");
  std::string name = "kept";
  CHECK_FALSE(scn::read_string(d.reporter, d.view("scenario"), "name", name));
  CHECK(name == "kept");
  sim::Duration horizon;
  CHECK(scn::read_duration(d.reporter, d.view("scenario"), "horizon", horizon));
  CHECK(horizon == sim::hours(2));
  bool enabled = false;
  CHECK_FALSE(scn::read_bool(d.reporter, d.view("alert_throttle"), "enabled", enabled));
  double rate = 0;
  CHECK(scn::read_rate(d.reporter, d.view("alert_throttle"), "rate", rate));
  CHECK(rate == doctest::Approx(1500.0));
  double share = 0;
  CHECK(scn::read_number(d.reporter, d.view("alert_throttle"), "exempt_share", share, 0, 1));
  CHECK(share == 0.25);
  sim::Duration timeout;
  CHECK_FALSE(scn::read_duration(d.reporter, d.view("csp"), "timeout", timeout, true));
  double capacity = 5;
  CHECK_FALSE(scn::read_rate(d.reporter, d.view("traffic_management"), "system_capacity", capacity, true));
  double threshold = 0.5;
  CHECK_FALSE(scn::read_number(d.reporter, d.view("traffic_management"), "operating_threshold", threshold, 0,
                               1, true));
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:2: scenario.name: must not be empty",
            "t.toml:5: alert_throttle.enabled: expected true or false, got an integer",
            "t.toml:10: csp.timeout: must be positive, got \"0s\"",
            "t.toml:12: traffic_management.system_capacity: must be positive, got \"0/s\"",
            "t.toml:13: traffic_management.operating_threshold: must be within (0, 1], got 0",
        });
}

TEST_CASE("typed_readers: enums, SR ids, weights and profiles") {
  Doc d(R"([dsp]
discipline = "prority"
[traffic_management]
activation = 3
)");
  models::Discipline discipline = models::Discipline::fifo;
  CHECK_FALSE(scn::read_enum(d.reporter, d.view("dsp"), "discipline", discipline,
                             {scn::Choice<models::Discipline>{"fifo", models::Discipline::fifo},
                              scn::Choice<models::Discipline>{"priority", models::Discipline::priority}}));
  CHECK(lines_of(d.reporter.diagnostics).back() ==
        "t.toml:2: dsp.discipline: unknown value \"prority\", expected one of fifo, priority (did you mean "
        "priority?)");
  const std::string_view names[] = {"always", "threshold", "never"};
  CHECK_FALSE(scn::read_choice(d.reporter, d.view("traffic_management"), "activation", names));
  CHECK(lines_of(d.reporter.diagnostics).back() ==
        "t.toml:4: traffic_management.activation: expected one of always, threshold, never, got an integer");

  Doc p(R"([profiles.flat]
hourly = [1, 1]
daily = [1, 1, 1, 1, 1, 1, -1]
[profiles.night]
daily = [0, 0, 0, 0, 0, 0, 2]
)");
  models::TimeProfile night;
  CHECK(scn::read_profile_table(p.reporter, p.view("profiles").sub("night"), night));
  CHECK(night.daily[6] == 2);
  CHECK(night.hourly[3] == 1);  // absent: all ones
  models::TimeProfile flat;
  flat.daily[0] = 5;
  CHECK_FALSE(scn::read_profile_table(p.reporter, p.view("profiles").sub("flat"), flat));
  CHECK(flat.daily[0] == 5);
  CHECK(lines_of(p.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:2: profiles.flat.hourly: expected an array of 24 weights, got 2 entries",
            "t.toml:3: profiles.flat.daily[6]: weight must be a finite number >= 0",
        });
}
