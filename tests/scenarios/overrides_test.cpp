#include "scenarios/overrides.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenarios/reader.hpp"
#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("overrides: --set overrides the merged document before validation") {
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

TEST_CASE("overrides: --set overrides extends, which overrides the base") {
  const std::vector<scn::Override> overrides{{"dsp.servers", "7"}};
  const auto r = scn::load_scenario(kFixtures / "derived.toml", overrides);
  REQUIRE(r.ok());
  CHECK(r.scenario->model.dsp.servers == 7);
  CHECK(r.scenario->model.dsp.queue_limit == 1000);
}

TEST_CASE("overrides: bad --set overrides are reported against --set") {
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

TEST_CASE("overrides: parse_override splits KEY=VALUE") {
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

TEST_CASE("overrides: a value and each table it creates are marked as written by --set") {
  const std::string text = "[[users]]\nid = \"A\"\n";
  toml::table doc = toml::parse(std::string_view(text), std::string_view("s.toml"));
  std::vector<scn::Diagnostic> out;
  scn::apply_override(doc, {"users[0].retry.max_attempts", "3"}, out);
  scn::apply_override(doc, {"dsp.response_processing.mean", "\"2s\""}, out);
  scn::apply_override(doc, {"users.A.role", "other"}, out);
  CHECK(lines_of(out).empty());
  for (const char* path : {"users[0].retry", "users[0].retry.max_attempts", "users[0].role", "dsp",
                           "dsp.response_processing", "dsp.response_processing.mean"}) {
    const scn::Location at = scn::location_of(doc.at_path(path).node(), "s.toml");
    CHECK_MESSAGE(at.file == "--set", path);
    CHECK(at.line == 0);
  }
  CHECK(doc.at_path("users[0].role").value<std::string>() == "other");
  CHECK(scn::location_of(doc.at_path("users[0].id").node(), "s.toml").line == 2);
}

TEST_CASE("overrides: a problem inside a table that --set created names --set") {
  TempDir dir;
  const std::vector<scn::Override> o{{"users[0].retry.max_attempts", "3"}};
  const auto r = load_text(dir, kHeader + "[[users]]\nid = \"A\"\n", o);
  CHECK(lines_of(r) == std::vector<std::string>{
                           "--set: users[0].retry.backoff: missing required key when max_attempts > 1"});
}

TEST_CASE("overrides: keys that cannot take a value") {
  const std::string text = "[dsp]\nservers = 1\nresponse_processing = \"1s\"\n[[users]]\nid = \"A\"\n";
  toml::table doc = toml::parse(std::string_view(text), std::string_view("s.toml"));
  std::vector<scn::Diagnostic> out;
  scn::apply_override(doc, {"dsp.servers.x", "1"}, out);
  scn::apply_override(doc, {"dsp.response_processing.mean", "\"1s\""}, out);
  scn::apply_override(doc, {"dsp.response_processing", "{ dist = \"exponential\", mean = \"1s\" }"}, out);
  scn::apply_override(doc, {"users[0]", "1"}, out);
  scn::apply_override(doc, {"dsp[0].servers", "1"}, out);
  scn::apply_override(doc, {"users.A", "1"}, out);
  scn::apply_override(doc, {"dsp.response_processing.avg", "1"}, out);
  CHECK(lines_of(out) ==
        std::vector<std::string>{
            "--set: dsp.servers.x: servers is a value, not a table",
            "--set: dsp.response_processing.mean: response_processing is not a table here; set it whole",
            "--set: users[0]: an override must name a key inside the element, e.g. users[0].id",
            "--set: dsp[0].servers: dsp is not an array of tables",
            "--set: users.A: expected a key after the element id",
            "--set: dsp.response_processing.avg: unknown key avg in a distribution",
        });
  CHECK(doc.at_path("dsp.response_processing.dist").value<std::string>() == "exponential");
}

TEST_CASE("overrides: catalogue.sr.\"ID\".key changes a built-in SR without a [[catalogue.sr]] entry") {
  TempDir dir;
  const std::vector<dccsim::scenarios::Override> sets{{"catalogue.sr.\"4.1.1\".target", "60s"}};
  const auto r = load_text(dir, kHeader, sets);
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& types = r.scenario->model.catalogue.types;
  const int k = r.scenario->model.catalogue.find("4.1.1");
  REQUIRE(k >= 0);
  CHECK(types[static_cast<std::size_t>(k)].target_response == dccsim::sim::seconds(60));
  const auto other = load_text(dir, kHeader, std::vector<dccsim::scenarios::Override>{{"catalogue.sr.\"4.1.1\".target", "-1s"}});
  REQUIRE(other.diagnostics.size() == 1);
  CHECK(other.diagnostics[0].to_string() == "--set: catalogue.sr[0].target: duration \"-1s\" must not be negative");
}
