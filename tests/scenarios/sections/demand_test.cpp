#include "scenarios/sections/demand.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("demand: CSV rows naming an unknown User; months outside the horizon skipped with one note") {
  TempDir dir;
  dir.write("f.csv",
            "user,month,service,count\nA,2018-08,4,10\nZED,2018-08,4,10\nA,2018-10,4,10\nA,2018-07,4,-1\n");
  const auto r = load_text(dir, kHeader + "[demand]\nforecasts = \"f.csv\"\n[[users]]\nid = \"A\"\n");
  const std::string csv = (dir.path() / "f.csv").string();
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {csv + ":3: user: unknown User \"ZED\""}));
  CHECK(has(r, {csv + ":5: count: count must not be negative"}));
  CHECK(r.diagnostics.size() == 2);

  dir.write("g.csv", "user,month,service,count\nA,2018-08,4,10\nA,2018-10,4,10\nA,2018-07,4,1\nA,2018-11,CSR,1\n");
  const auto ok = load_text(dir, kHeader + "[demand]\nforecasts = \"g.csv\"\n[[users]]\nid = \"A\"\n");
  INFO(all_of(ok));
  REQUIRE(ok.ok());
  REQUIRE(ok.notes.size() == 1);
  CHECK(ok.notes[0].message == "3 forecast and actuals rows lie wholly outside the horizon and are skipped");
  CHECK(ok.scenario->model.users[0].forecasts.size() == 1);
}

TEST_CASE("demand: a variance forecast of dccsim variance is taken as demand") {
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

TEST_CASE("demand: a missing CSV is reported at the key that names it") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + "[demand]\nactuals = \"nowhere.csv\"\n");
  const std::string f = (dir.path() / "scenario.toml").string();
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        f + ":4: demand.actuals: file not found: " + (dir.path() / "nowhere.csv").string());
}

TEST_CASE("demand: recorded behaviour needs actuals") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + "[[users]]\nid = \"A\"\nbehaviour = { kind = \"recorded\" }\n");
  CHECK(has(r, {"users[0].behaviour.kind: kind = \"recorded\" needs demand.actuals"}));
}

TEST_CASE("demand: a CSV named in a base is relative to the base, not to the extending file") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "common");
  dir.write("common/f.csv", "user,month,service,count\nA,2018-08,4,10\n");
  dir.write("common/base.toml", "[demand]\nforecasts = \"f.csv\"\n");
  const auto r = scn::load_scenario(
      dir.write("s.toml", "extends = \"common/base.toml\"\n" + kHeader + "[[users]]\nid = \"A\"\n"));
  INFO(all_of(r));
  REQUIRE(r.ok());
  REQUIRE(r.scenario->model.users[0].forecasts.size() == 1);
  CHECK(r.scenario->model.users[0].forecasts[0].count == 10);
}
