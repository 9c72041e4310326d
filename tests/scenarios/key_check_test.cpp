#include "scenarios/key_check.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("key_check: unknown keys are reported at their line with a suggestion") {
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

TEST_CASE("key_check: tables, arrays of tables and distribution keys written wrongly") {
  const std::string text =
      "dsp = 3\nusers = { id = \"A\" }\n[smki]\nservice = { dist = \"exponential\", mean = \"1s\", mena = "
      "\"1s\" }\n"
      "[catalogue]\nsr = [1]\n[profiles.busy]\nhourly = []\nweekly = []\n";
  const toml::table doc = toml::parse(std::string_view(text), std::string_view("k.toml"));
  scn::Reporter reporter{"k.toml", {}};
  scn::check_keys(doc, "", "", reporter);
  auto lines = lines_of(reporter.diagnostics);
  std::sort(lines.begin(), lines.end());
  CHECK(lines == std::vector<std::string>{
                     "k.toml:1: dsp: expected a table, got an integer",
                     "k.toml:2: users: expected an array of tables ([[users]]), got a table",
                     "k.toml:4: smki.service.mena: unknown distribution key (did you mean mean?)",
                     "k.toml:6: catalogue.sr[0]: expected a table, got an integer",
                     "k.toml:9: profiles.busy.weekly: unknown key",
                 });
}
