#include "scenarios/loader.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

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

TEST_CASE("loader: diagnostics come per file in order of first mention, then by line") {
  TempDir dir;
  dir.write("base.toml", "[scenario]\nname = \"b\"\n[dsp]\nservers = 0\n");
  const auto derived =
      dir.write("derived.toml", "extends = \"base.toml\"\n[smki]\nservers = 0\n[dsp]\nqueue_limit = -1\n");
  const std::vector<scn::Override> o{{"reporting.sr_low", "2"}};
  const auto r = scn::load_scenario(derived, o);
  const std::string base = (dir.path() / "base.toml").string();
  CHECK(lines_of(r) ==
        std::vector<std::string>{
            base + ":4: dsp.servers: must be between 1 and 1000000, got 0",
            derived.string() + ":3: smki.servers: must be between 1 and 1000000, got 0",
            derived.string() + ":5: dsp.queue_limit: must be between 0 and 9223372036854775807, got -1",
            "--set: reporting.sr_low: must be within [0, 1], got 2",
        });
}
