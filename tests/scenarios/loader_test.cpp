#include "scenarios/loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/temp_dir.hpp"

namespace {

namespace scn = dccsim::scenarios;
using dccsim::scenarios::testing::TempDir;
namespace sim = dccsim::sim;
namespace models = dccsim::models;

const std::filesystem::path kSource = std::filesystem::path(DCCSIM_SOURCE_DIR);
const std::filesystem::path kFixtures = kSource / "tests/scenarios/fixtures";

std::vector<std::string> lines_of(const scn::LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

std::string all_of(const scn::LoadResult& r) {
  std::string out;
  for (const auto& l : lines_of(r)) out += l + "\n";
  return out;
}

// True when some diagnostic's text contains every one of `parts`.
bool has(const scn::LoadResult& r, std::initializer_list<std::string_view> parts) {
  for (const auto& l : lines_of(r)) {
    bool all = true;
    for (std::string_view p : parts) all = all && l.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

// Loads `text` written to scenario.toml in `dir` (after a [scenario] header when `with_header`).
scn::LoadResult load_text(const TempDir& dir, const std::string& text,
                          std::span<const scn::Override> overrides = {}) {
  return scn::load_scenario(dir.write("scenario.toml", text), overrides);
}

const std::string kHeader = "[scenario]\nname = \"t\"\n";  // two lines

double mean_of(const sim::AnyDistribution& d) { return d.mean(); }

}  // namespace

TEST_CASE("loader: a minimal scenario fills the config") {
  const auto r = scn::load_scenario(kFixtures / "minimal.toml");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const scn::Scenario& s = *r.scenario;
  const models::ModelConfig& m = s.model;
  CHECK(s.name == "minimal");
  CHECK(m.name == "minimal");
  CHECK(s.path == kFixtures / "minimal.toml");
  CHECK(m.epoch == sim::CivilDate{2018, 8, 1});
  CHECK(m.horizon == sim::days(31));
  CHECK(m.seed == 42);

  // Catalogue: default plus an override of 4.1.1 and a new type.
  const int read = m.catalogue.find("4.1.1");
  REQUIRE(read >= 0);
  const auto& t411 = m.catalogue.types[static_cast<std::size_t>(read)];
  CHECK(t411.target_response == sim::seconds(20));
  CHECK(t411.name == "Read Instantaneous Import Registers");  // untouched field keeps the default
  CHECK(mean_of(t411.dsp_service_s) == doctest::Approx(0.005));
  const int extra = m.catalogue.find("99.1");
  REQUIRE(extra >= 0);
  const auto& t991 = m.catalogue.types[static_cast<std::size_t>(extra)];
  CHECK(t991.family == 99);
  CHECK_FALSE(t991.reaches_device);
  CHECK(t991.dsp_service_s.is_constant());
  CHECK(mean_of(t991.dsp_service_s) == doctest::Approx(0.002));

  REQUIRE(m.users.size() == 2);
  const models::User& a = m.users[0];
  CHECK(a.id == "SUPPLIER_A");
  CHECK(a.role == models::Role::large_supplier);
  CHECK(a.meters[0] == 1e6);
  CHECK(a.meters[1] == 2e6);
  CHECK(a.meters[2] == 3e6);
  CHECK(a.behaviour.kind == models::Behaviour::Kind::lognormal);
  CHECK(a.behaviour.median == 0.2);
  CHECK(a.behaviour.sigma == 0.5);
  CHECK(a.profile.hourly[19] == 6);
  CHECK(a.profile.daily[5] == 0.5);
  REQUIRE(a.bursts.size() == 1);
  CHECK(a.bursts[0].at == sim::Time::zero() + sim::days(14) + sim::hours(18));
  CHECK(a.bursts[0].count == 100000);
  CHECK(a.bursts[0].sr_type == static_cast<std::size_t>(m.catalogue.find("1.1.1")));
  CHECK(a.bursts[0].spread == sim::hours(1));
  CHECK(a.bursts[0].future_dated);
  CHECK(a.future_dating.kind == models::FutureDating::Kind::next_midnight);
  CHECK(a.future_dating.share == 0.3);
  CHECK(a.future_dating.jitter == sim::minutes(10));
  REQUIRE(a.schedules.size() == 1);
  CHECK(a.schedules[0].sr_type == static_cast<std::size_t>(m.catalogue.find("4.6.1")));
  CHECK(a.schedules[0].meters_share == 0.5);
  REQUIRE(a.schedules[0].times_of_day.size() == 2);
  CHECK(a.schedules[0].times_of_day[1] == sim::hours(13) + sim::minutes(30));
  CHECK(a.csr.batch_size == 50);
  CHECK(a.csr.hours[9]);
  CHECK_FALSE(a.csr.hours[8]);
  CHECK(a.csr.spread == sim::minutes(2));
  CHECK(a.retry.max_attempts == 3);
  CHECK(mean_of(a.retry.backoff_s) == doctest::Approx(2.0));

  // CSV rows attached per User.
  REQUIRE(a.forecasts.size() == 2);
  CHECK(a.forecasts[0].month == sim::YearMonth{2018, 8});
  CHECK(a.forecasts[0].service == models::ServiceKey{models::ServiceKey::Kind::sr_type, read});
  CHECK(a.forecasts[0].count == 1000);
  CHECK(a.forecasts[1].service == models::ServiceKey{models::ServiceKey::Kind::family, 4});
  REQUIRE(a.recorded_actuals.size() == 1);
  CHECK(a.recorded_actuals[0].count == 900);

  const models::User& b = m.users[1];
  CHECK(b.role == models::Role::network_operator);
  CHECK(b.meters[0] == 5e5);
  CHECK(b.meters[1] == 0);
  CHECK(b.behaviour.kind == models::Behaviour::Kind::fixed_ratio);
  CHECK(b.behaviour.ratio == 0.8);
  CHECK(b.profile.hourly[0] == 0);
  CHECK(b.profile.daily[6] == 1);
  CHECK(b.future_dating.kind == models::FutureDating::Kind::delay);
  CHECK(mean_of(b.future_dating.delay_s) == doctest::Approx(7200.0));
  REQUIRE(b.forecasts.size() == 2);
  CHECK(b.forecasts[0].service.kind == models::ServiceKey::Kind::csr);
  CHECK(b.forecasts[0].count == 200);
  CHECK(b.forecasts[1].service == models::ServiceKey{models::ServiceKey::Kind::sr_type, extra});

  // Alerts: [alerts] defaults for every region, [alerts.north] overrides.
  CHECK(m.alerts[0].per_meter_per_day == 0.5);
  CHECK(m.alerts[1].per_meter_per_day == 0.2);
  CHECK(m.alerts[2].per_meter_per_day == 0.2);
  CHECK(mean_of(m.alerts[1].wan_latency_s) == doctest::Approx(std::exp(0.125)));
  REQUIRE(m.alerts[0].storms.size() == 1);
  CHECK(m.alerts[0].storms[0].start == sim::Time::zero() + sim::days(19) + sim::hours(2));
  CHECK(m.alerts[0].storms[0].duration == sim::hours(2));
  CHECK(m.alerts[0].storms[0].multiplier == 10);
  CHECK(m.alerts[1].storms.empty());

  CHECK(m.alert_throttle.enabled);
  CHECK(m.alert_throttle.rate_per_s == 5000.0);
  CHECK(m.alert_throttle.depth_tokens == 20000.0);
  CHECK(m.alert_throttle.exempt_share == 0.1);

  CHECK(m.dsp.servers == 32);
  CHECK(m.dsp.discipline == models::Discipline::priority);
  CHECK(m.dsp.queue_limit == 500000);
  CHECK(m.dsp.response_processing_s.is_constant());
  CHECK(sim::from_seconds(mean_of(m.dsp.response_processing_s)).ticks() == 250'000);

  CHECK(m.smki.servers == 4);
  CHECK(mean_of(m.smki.service_s) == doctest::Approx(1.0));
  CHECK(m.smki.target_response == sim::minutes(30));

  CHECK(m.csps[0].concurrency == 2000);
  CHECK(m.csps[1].concurrency == 5000);
  CHECK(m.csps[0].failure_probability == 0.01);
  CHECK(m.csps[1].failure_probability == 0.0);
  CHECK(mean_of(m.csps[2].wan_latency_s) == doctest::Approx(3.0));
  CHECK(mean_of(m.csps[2].device_latency_s) == doctest::Approx(2.5));
  CHECK(m.csps[0].mtbf == sim::days(10));
  CHECK(m.csps[0].mttr == sim::hours(2));
  REQUIRE(m.csps[0].maintenance.size() == 1);
  CHECK(m.csps[0].maintenance[0].start == sim::Time::zero() + sim::days(4));
  CHECK(m.csps[0].maintenance[0].end == sim::Time::zero() + sim::days(4) + sim::hours(4));
  CHECK(m.csps[0].maintenance[0].capacity_factor == 0.5);
  CHECK(m.csps[1].maintenance.empty());

  const auto& tm = m.traffic_management;
  CHECK(tm.activation == models::Activation::threshold);
  CHECK(tm.action == models::ThrottleAction::delay);
  CHECK(tm.delay_queue_limit == 5000);
  CHECK(tm.allocation == models::AllocationPolicy::max_min_fair);
  CHECK(tm.capacity_mode == models::CapacityMode::dynamic);
  CHECK(tm.system_capacity_per_s == 1500.0);
  CHECK(tm.operating_threshold == 0.8);
  CHECK(tm.bucket_depth_s == doctest::Approx(0.25));
  CHECK(tm.initial_fill == 0.5);
  CHECK(tm.interval == sim::minutes(1));
  REQUIRE(tm.exempt_sr_types.size() == 2);
  CHECK(tm.exempt_sr_types[0] == static_cast<std::size_t>(m.catalogue.find("8.2")));
  REQUIRE(tm.buckets.size() == 1);
  CHECK(tm.buckets[0].user == "DNO_B");
  CHECK(tm.buckets[0].rate_per_s == doctest::Approx(1500.0));
  CHECK(tm.buckets[0].depth_tokens == 3000.0);
  CHECK(tm.dynamic.target_utilisation == 0.75);
  CHECK(tm.dynamic.smoothing == 0.3);
  CHECK(tm.dynamic.decrease_factor == 0.7);
  CHECK(tm.dynamic.min_per_s == 100.0);
  CHECK(tm.dynamic.max_per_s == doctest::Approx(2000.0));

  CHECK(m.reporting.sr_low == 0.85);
  CHECK(m.reporting.sr_high == 1.15);
  CHECK(m.reporting.csr_high == 1.2);
  CHECK(m.reporting.future_dated_target == sim::hours(2));
  CHECK(m.reporting.alert_target == sim::seconds(60));
  CHECK(m.reporting.series_interval == sim::minutes(15));
  CHECK(m.reporting.utilisation_limit == 0.9);
}

TEST_CASE("loader: defaults apply when a section is absent") {
  TempDir dir;
  const auto r = load_text(dir, kHeader);
  INFO(all_of(r));
  REQUIRE(r.ok());
  const models::ModelConfig defaults;
  const auto& m = r.scenario->model;
  CHECK(m.epoch == defaults.epoch);
  CHECK(m.horizon == defaults.horizon);
  CHECK(m.dsp.servers == defaults.dsp.servers);
  CHECK(m.catalogue.types.size() == models::default_catalogue().types.size());
  CHECK(m.traffic_management.activation == models::Activation::never);
  CHECK(m.users.empty());
}

TEST_CASE("loader: extends merges tables and the extending file wins") {
  const auto r = scn::load_scenario(kFixtures / "derived.toml");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& m = r.scenario->model;
  CHECK(m.name == "derived");
  CHECK(m.horizon == sim::days(7));  // from base
  CHECK(m.dsp.servers == 24);        // derived wins
  CHECK(m.dsp.queue_limit == 1000);  // from base, same table
  // A distribution is replaced whole: base's p95 does not leak into the exponential.
  CHECK(mean_of(m.dsp.response_processing_s) == doctest::Approx(2.0));
  REQUIRE(m.users.size() == 1);
  CHECK(m.users[0].id == "BASE_USER");
}

TEST_CASE("loader: --set overrides the merged document before validation") {
  const std::vector<scn::Override> overrides{
      {"dsp.servers", "64"},
      {"traffic_management.activation", "always"},  // a bare word is a string
      {"scenario.name", "\"renamed\""},
      {"users[0].behaviour.ratio", "0.5"},
      {"users.DNO_B.role", "other"},
      {"dsp.response_processing.mean", "\"3s\""},
      {"csp.south.timeout", "90s"},
  };
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"(
[[users]]
id = "SUP"
[[users]]
id = "DNO_B"
[dsp]
servers = 8
response_processing = { dist = "exponential", mean = "1s" }
)",
                           overrides);
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& m = r.scenario->model;
  CHECK(m.dsp.servers == 64);
  CHECK(m.traffic_management.activation == models::Activation::always);
  CHECK(m.name == "renamed");
  CHECK(m.users[0].behaviour.ratio == 0.5);
  CHECK(m.users[1].role == models::Role::other);
  CHECK(mean_of(m.dsp.response_processing_s) == doctest::Approx(3.0));
  CHECK(m.csps[2].timeout == sim::seconds(90));
  CHECK(m.csps[1].timeout == sim::seconds(60));
}

TEST_CASE("loader: --set overrides extends, which overrides the base") {
  const std::vector<scn::Override> overrides{{"dsp.servers", "7"}};
  const auto r = scn::load_scenario(kFixtures / "derived.toml", overrides);
  REQUIRE(r.ok());
  CHECK(r.scenario->model.dsp.servers == 7);
  CHECK(r.scenario->model.dsp.queue_limit == 1000);
}

TEST_CASE("loader: bad --set overrides are reported against --set") {
  TempDir dir;
  const std::string text = kHeader + "[[users]]\nid = \"SUP\"\n";
  SUBCASE("unknown key, with a suggestion") {
    const std::vector<scn::Override> o{{"dsp.sever", "3"}};
    const auto r = load_text(dir, text, o);
    CHECK_FALSE(r.scenario);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() == "--set: dsp.sever: unknown key (did you mean servers?)");
  }
  SUBCASE("invalid value for the key") {
    const std::vector<scn::Override> o{{"dsp.servers", "-3"}};
    const auto r = load_text(dir, text, o);
    CHECK_FALSE(r.scenario);
    CHECK(lines_of(r) ==
          std::vector<std::string>{"--set: dsp.servers: must be between 1 and 1000000, got -3"});
  }
  SUBCASE("malformed TOML value") {
    const std::vector<scn::Override> o{{"dsp.servers", "[1,"}};
    const auto r = load_text(dir, text, o);
    CHECK_FALSE(r.scenario);
    CHECK(has(r, {"--set: dsp.servers: invalid TOML value"}));
  }
  SUBCASE("wrong type") {
    const std::vector<scn::Override> o{{"traffic_management.system_capacity", "1500"}};
    const auto r = load_text(dir, text, o);
    CHECK(has(r, {"--set: traffic_management.system_capacity: a rate needs a unit"}));
  }
  SUBCASE("element out of range and unknown id") {
    const std::vector<scn::Override> o{{"users[3].role", "other"}, {"users.NOBODY.role", "other"}};
    const auto r = load_text(dir, text, o);
    CHECK(has(r, {"--set: users[3].role: index 3 is out of range (1 entries)"}));
    CHECK(has(r, {"--set: users.NOBODY.role: no users entry with id NOBODY"}));
  }
  SUBCASE("unknown key below an array element") {
    const std::vector<scn::Override> o{{"users[0].behaviour.ration", "1"}};
    const auto r = load_text(dir, text, o);
    CHECK(has(r, {"--set: users[0].behaviour.ration: unknown key (did you mean ratio?)"}));
  }
}

TEST_CASE("loader: parse_override splits KEY=VALUE") {
  scn::Diagnostic error;
  const auto o = scn::parse_override("dsp.servers = 64", error);
  REQUIRE(o);
  CHECK(o->key == "dsp.servers");
  CHECK(o->value == "64");
  const auto eq = scn::parse_override("scenario.name=a=b", error);
  REQUIRE(eq);
  CHECK(eq->value == "a=b");
  CHECK_FALSE(scn::parse_override("dsp.servers", error));
  CHECK(error.to_string() == "--set: dsp.servers: expected KEY=VALUE");
  CHECK_FALSE(scn::parse_override("dsp..servers=1", error));
  CHECK(error.file == "--set");
  CHECK_FALSE(scn::parse_override("users[x].id=1", error));
  CHECK_FALSE(scn::parse_override("dsp.servers=", error));
  CHECK(error.message == "empty value");
}

TEST_CASE("loader: unknown keys are reported at their line with a suggestion") {
  TempDir dir;
  const auto r = load_text(
      dir, kHeader + "[dsp]\nsevers = 3\n[csp.nort]\ntimeout = \"1s\"\n[[users]]\nid = \"A\"\nmeter = {}\n");
  const std::string file = (dir.path() / "scenario.toml").string();
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {file + ":4: dsp.severs: unknown key (did you mean servers?)"}));
  CHECK(has(r, {file + ":5: csp.nort: unknown key (did you mean north?)"}));
  CHECK(has(r, {file + ":9: users[0].meter: unknown key (did you mean meters?)"}));
  CHECK(r.diagnostics.size() == 3);
}

TEST_CASE("loader: missing required keys") {
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

TEST_CASE("loader: wrong types, bad units and out-of-range values") {
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

TEST_CASE("loader: distributions are built by the sim factories, rejections at the table's line") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([dsp]
response_processing = { dist = "lognormal", mean = "2s", p95 = "1s" }
[smki]
service = { dist = "exponential", mean = "1s", p95 = "2s" }
[csp]
wan_latency = { dist = "weibull", mean = "1s" }
device_latency = { dist = "empirical", values = ["1s", "2s"], cdf = [0.2, 1] }
[csp.south]
wan_latency = { dist = "lognormal", mean = "1s", sigma = 0.3 }
device_latency = { dist = "uniform", min = "3s", max = "1s" }
)");
  const std::string f = (dir.path() / "scenario.toml").string() + ":";
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {f + "4: dsp.response_processing: lognormal: "}));
  CHECK(has(r, {f + "6: smki.service.p95: does not apply to dist = \"exponential\" (it takes mean)"}));
  CHECK(has(r, {f + "8: csp.wan_latency.dist: unknown distribution \"weibull\""}));
  CHECK(has(r, {f + "9: csp.device_latency: empirical: "}));
  CHECK(has(r, {f + "11: csp.south.wan_latency: lognormal takes either mean and p95, or median and sigma"}));
  CHECK(has(r, {f + "12: csp.south.device_latency: uniform: "}));
}

TEST_CASE("loader: unknown SR ids, profiles and Users, and duplicate ids") {
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

TEST_CASE("loader: instants are relative to the epoch and checked against the horizon") {
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
  CHECK(has(r, {f + "16: users[0].bursts[2].at: is at or after the end of the horizon"}));
  CHECK(r.diagnostics.size() == 2);

  const auto ok = load_text(dir, kHeader +
                                     "epoch = \"2019-01-01\"\n[[users]]\nid = \"A\"\n[[users.bursts]]\nat = "
                                     "2019-01-01T06:00:00Z\ncount = 1\nsr = \"2.2\"\n");
  INFO(all_of(ok));
  REQUIRE(ok.ok());
  CHECK(ok.scenario->model.users[0].bursts[0].at == sim::Time::zero() + sim::hours(6));
}

TEST_CASE("loader: CSV rows naming an unknown User or a month outside the horizon") {
  TempDir dir;
  dir.write("f.csv",
            "user,month,service,count\nA,2018-08,4,10\nZED,2018-08,4,10\nA,2018-10,4,10\nA,2018-07,4,-1\n");
  const auto r = load_text(dir, kHeader + "[demand]\nforecasts = \"f.csv\"\n[[users]]\nid = \"A\"\n");
  const std::string csv = (dir.path() / "f.csv").string();
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {csv + ":3: user: unknown User \"ZED\""}));
  CHECK(has(r, {csv + ":4: month: month 2018-10 lies outside the scenario horizon"}));
  CHECK(has(r, {csv + ":5: count: count must not be negative"}));
  CHECK(r.diagnostics.size() == 3);
}

TEST_CASE("loader: a variance forecast of dccsim variance is taken as demand") {
  TempDir dir;
  const std::string header =
      "user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,"
      "exception_probability\n";
  dir.write("vf.csv", header +
                          "A,2018-08,4,1000,612.4,500,700,450,800,-38.76,0.9900\n"
                          "A,2018-08,CSR,50,20.5,10,30,5,40,-59.00,0.0000\n");
  const auto r =
      load_text(dir, kHeader + "[demand]\nvariance_forecast = \"vf.csv\"\n[[users]]\nid = \"A\"\n");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& f = r.scenario->model.users[0].forecasts;
  REQUIRE(f.size() == 2);
  CHECK(f[0].count == 612);
  CHECK(f[0].service == models::ServiceKey{models::ServiceKey::Kind::family, 4});
  CHECK(f[1].count == 21);
  CHECK(f[1].service.kind == models::ServiceKey::Kind::csr);

  dir.write("bad.csv", header +
                           "A,2018-08,4,1000,-3,0,0,0,0,,0\nB,2018-08,4,1000,5,0,0,0,0,,0\n"
                           "A,2018-08,CSR,1,1,0,0,0,0,,0\nA,2018-08,csr,1,1,0,0,0,0,,0\n");
  const auto bad =
      load_text(dir, kHeader + "[demand]\nvariance_forecast = \"bad.csv\"\n[[users]]\nid = \"A\"\n");
  const std::string csv = (dir.path() / "bad.csv").string();
  INFO(all_of(bad));
  CHECK(has(bad, {csv + ":2: expected_actual: expected_actual must be a number"}));
  CHECK(has(bad, {csv + ":3: user: unknown User \"B\""}));
  CHECK(has(bad, {csv + ":5: duplicate row for user A, month 2018-08"}));
  CHECK(bad.diagnostics.size() == 3);

  const auto both = load_text(
      dir,
      kHeader + "[demand]\nforecasts = \"vf.csv\"\nvariance_forecast = \"vf.csv\"\n[[users]]\nid = \"A\"\n");
  CHECK(
      has(both,
          {"scenario.toml:5: demand.variance_forecast: give demand.forecasts or demand.variance_forecast"}));
}

TEST_CASE("loader: a missing CSV is reported at the key that names it") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + "[demand]\nactuals = \"nowhere.csv\"\n");
  const std::string f = (dir.path() / "scenario.toml").string();
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        f + ":4: demand.actuals: file not found: " + (dir.path() / "nowhere.csv").string());
}

TEST_CASE("loader: recorded behaviour needs actuals") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + "[[users]]\nid = \"A\"\nbehaviour = { kind = \"recorded\" }\n");
  CHECK(has(r, {"users[0].behaviour.kind: kind = \"recorded\" needs demand.actuals"}));
}

TEST_CASE("loader: empty, binary, missing and malformed scenario files") {
  TempDir dir;
  SUBCASE("empty") {
    const auto r = scn::load_scenario(dir.write("e.toml", "  \n\n"));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() ==
          (dir.path() / "e.toml").string() + ": file is empty, expected a TOML scenario");
  }
  SUBCASE("binary") {
    const auto r = scn::load_scenario(dir.write("b.toml", std::string("name = 1\0\x01\x02", 11)));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "file is binary, expected TOML text");
    const auto latin1 = scn::load_scenario(dir.write("l.toml", "[scenario]\nname = \"caf\xe9\"\n"));
    REQUIRE(latin1.diagnostics.size() == 1);
    CHECK(latin1.diagnostics[0].message == "file is binary, expected TOML text");
  }
  SUBCASE("missing") {
    const auto r = scn::load_scenario(dir.path() / "absent.toml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() == (dir.path() / "absent.toml").string() + ": file not found");
  }
  SUBCASE("syntax error with its line") {
    const auto r = scn::load_scenario(dir.write("s.toml", "[scenario]\nname = \"x\"\nseed = = 3\n"));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].message.starts_with("TOML syntax error"));
  }
  SUBCASE("a directory") {
    const auto r = scn::load_scenario(dir.path());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_FALSE(r.scenario);
  }
}

TEST_CASE("loader: extends cycles and missing bases") {
  const auto r = scn::load_scenario(kFixtures / "cycle_a.toml");
  CHECK_FALSE(r.scenario);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        (kFixtures / "cycle_b.toml").string() +
            ":1: extends: extends cycle: cycle_a.toml -> cycle_b.toml -> cycle_a.toml");

  TempDir dir;
  const auto self = scn::load_scenario(dir.write("self.toml", "extends = \"self.toml\"\n"));
  CHECK(has(self, {"extends cycle: self.toml -> self.toml"}));
  const auto missing = scn::load_scenario(dir.write("m.toml", "extends = \"gone.toml\"\n"));
  CHECK(has(missing, {"m.toml:1: extends: file not found"}));
}

TEST_CASE("loader: every problem is reported, not just the first") {
  TempDir dir;
  const auto r = load_text(dir,
                           "[scenario]\nhorizon = \"-1d\"\n[dsp]\nservers = -1\nqueue_limt = "
                           "5\n[smki]\nservers = 0\n[reporting]\nsr_low = 2\n");
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(r.diagnostics.size() == 6);
  CHECK(has(r, {"scenario.name: missing required key"}));
  CHECK(has(r, {":2: scenario.horizon: duration \"-1d\" must not be negative"}));
  CHECK(has(r, {":4: dsp.servers:"}));
  CHECK(has(r, {":5: dsp.queue_limt: unknown key (did you mean queue_limit?)"}));
  CHECK(has(r, {":7: smki.servers:"}));
  CHECK(has(r, {":9: reporting.sr_low: must be within [0, 1], got 2"}));
}

TEST_CASE("loader: accepted_keys is the schema and the README documents every key") {
  const auto keys = scn::accepted_keys();
  for (const char* k :
       {"dsp.servers", "users[].meters.north", "csp.<region>.maintenance[].start", "scenario.name",
        "traffic_management.dynamic.max", "<distribution>.p95", "profiles.<name>.hourly", "extends"}) {
    CHECK_MESSAGE(std::find(keys.begin(), keys.end(), k) != keys.end(), k);
  }
  std::ifstream in(kSource / "scenarios/README.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string readme = buffer.str();
  for (const std::string& key : keys) {
    const std::string missing = "README.md does not document `" + key + "`";
    CHECK_MESSAGE(readme.find("`" + key + "`") != std::string::npos, missing);
  }
}

TEST_CASE("loader: every line of a good scenario, broken in many ways, gives diagnostics, never a crash") {
  std::ifstream in(kFixtures / "minimal.toml");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() > 100);
  TempDir dir;
  for (const char* csv : {"forecasts.csv", "actuals.csv"}) {
    std::filesystem::copy_file(kFixtures / csv, dir.path() / csv);
  }
  const char* values[] = {"-1",
                          "\"x\"",
                          "[]",
                          "{}",
                          "true",
                          "\"-5s\"",
                          "nan",
                          "inf",
                          "9223372036854775807",
                          "-9223372036854775808",
                          "\"2018-02-30\"",
                          "{ dist = \"constant\" }",
                          "0",
                          "1e300",
                          "[[1]]",
                          "\"\"",
                          "2018-08-01T00:00:00+01:00",
                          "{ hourly = [] }"};
  std::size_t failures = 0;
  std::size_t loads = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto eq = lines[i].find(" = ");
    std::vector<std::string> variants{""};  // the line deleted
    if (eq != std::string::npos) {
      for (const char* v : values) variants.push_back(lines[i].substr(0, eq) + " = " + v);
    }
    for (const std::string& variant : variants) {
      std::string text;
      for (std::size_t j = 0; j < lines.size(); ++j) text += (j == i ? variant : lines[j]) + "\n";
      const auto r = scn::load_scenario(dir.write("scenario.toml", text));
      ++loads;
      // Either a scenario and no diagnostic, or diagnostics and no scenario, each with a message.
      CHECK(r.scenario.has_value() == r.diagnostics.empty());
      for (const auto& d : r.diagnostics) CHECK_FALSE(d.message.empty());
      if (!r.ok()) ++failures;
    }
  }
  CHECK(loads > 1000);
  CHECK(failures > loads / 2);
}
