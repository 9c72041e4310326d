#include "scenarios/sections/users.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("users: unknown SR ids, profiles and Users, and duplicate ids") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([[users]]
id = "A"
profile = "evening"
[[users.bursts]]
at = "2018-08-02"
count = 1
sr = "4.1.2"
[[users]]
id = "A"
[[users.schedules]]
sr = "2.2"
times = ["25:00"]
[traffic_management]
exempt = ["8.3"]
[[traffic_management.buckets]]
user = "B"
rate = "1/s"
depth = 1
[[catalogue.sr]]
id = "77.1"
)");
  const std::string f = (dir.path() / "scenario.toml").string() + ":";
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {f + "5: users[0].profile: unknown profile \"evening\""}));
  CHECK(has(r, {f + "9: users[0].bursts[0].sr: unknown SR id \"4.1.2\" (did you mean 4.1.1?)"}));
  CHECK(has(r, {f + "11: users[1].id: duplicate user id \"A\" (first is users[0])"}));
  CHECK(has(r, {f + "13: users[1].schedules[0].sr: SR 2.2 is not DCC-scheduled"}));
  CHECK(has(r, {f + "14: users[1].schedules[0].times[0]: time of day \"25:00\" is out of range"}));
  CHECK(has(r, {f + "16: traffic_management.exempt[0]: unknown SR id \"8.3\""}));
  CHECK(has(r, {f + "18: traffic_management.buckets[0].user: unknown User \"B\""}));
  CHECK(has(r, {f + "21: catalogue.sr[0].name: missing required key"}));
  CHECK(has(r, {f + "21: catalogue.sr[0].family: missing required key"}));
}

TEST_CASE("users: keys that do not apply to the chosen kind, and keys a kind requires") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([[users]]
id = "A"
behaviour = { kind = "lognormal", median = 0.5, ratio = 2 }
future_dating = { kind = "delay", jitter = "1min" }
retry = { max_attempts = 2 }
[[users]]
id = "B"
behaviour = { kind = "recorded", sigma = 1 }
[[users.bursts]]
at = "2018-08-02"
count = 1
sr = "4.1.1"
future_dated = true
)");
  const std::string f = prefix_of(dir);
  INFO(all_of(r));
  CHECK(has(
      r,
      {f +
       "5: users[0].behaviour.ratio: does not apply to kind = \"lognormal\" (it takes median and sigma)"}));
  CHECK(has(r, {f + "6: users[0].future_dating.delay: missing required key"}));
  CHECK(
      has(r, {f + "6: users[0].future_dating.jitter: does not apply to kind = \"delay\" (it takes delay)"}));
  CHECK(has(r, {f + "7: users[0].retry.backoff: missing required key when max_attempts > 1"}));
  CHECK(has(r, {f + "10: users[1].behaviour.sigma: does not apply to kind = \"recorded\""}));
  CHECK(has(r, {f + "15: users[1].bursts[0].future_dated: SR 4.1.1 cannot be future-dated"}));
  CHECK(has(r, {"users[1].behaviour.kind: kind = \"recorded\" needs demand.actuals"}));
  CHECK(r.diagnostics.size() == 7);
}

TEST_CASE("users: schedules with times of day, CSR hours and retries") {
  Doc d(R"([[users]]
id = "A"
csr = { batch_size = 20, hours = [22, 23], spread = "1min" }
retry = { max_attempts = 4, backoff = "10s" }
[[users.schedules]]
sr = "4.6.1"
times = ["01:00", 13:30:00]
meters_share = 0.5
)");
  const scn::Draft draft = read_section(d, &scn::read_users);
  CHECK(lines_of(d.reporter.diagnostics).empty());
  REQUIRE(draft.model.users.size() == 1);
  const models::User& u = draft.model.users[0];
  CHECK(draft.user_index.at("A") == 0);
  CHECK(draft.user_ids == std::vector<std::string>{"A"});
  CHECK(u.csr.batch_size == 20);
  CHECK(u.csr.hours[22]);
  CHECK_FALSE(u.csr.hours[9]);
  CHECK(u.retry.max_attempts == 4);
  REQUIRE(u.schedules.size() == 1);
  CHECK(u.schedules[0].times_of_day ==
        std::vector<sim::Duration>{sim::hours(1), sim::hours(13) + sim::minutes(30)});
  CHECK(u.schedules[0].meters_share == 0.5);
}
