#include "scenarios/sections/profiles.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("profiles: named profiles for Users and alerts; an invalid one stays flat and is reported once") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([profiles.peak]
hourly = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1]
[profiles.bad]
daily = [0, 0, 0, 0, 0, 0, 0]
[[users]]
id = "A"
profile = "peak"
[[users]]
id = "B"
profile = "bad"
[alerts.north]
profile = "peak"
)");
  CHECK(lines_of(r) ==
        std::vector<std::string>{prefix_of(dir) + "6: profiles.bad.daily: all weights are zero"});

  Doc d(
      "[profiles.peak]\nhourly = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1]\n"
      "[profiles.bad]\ndaily = [0, 0, 0, 0, 0, 0, 0]\n");
  const scn::Draft draft = read_section(d, &scn::read_profiles);
  REQUIRE(draft.profiles.size() == 2);
  CHECK(draft.profiles.at("peak").hourly[18] == 2);
  CHECK(draft.profiles.at("bad").daily[0] == 1);

  const auto ok =
      load_text(dir, kHeader +
                         "[profiles.peak]\nhourly = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                         "2, 0, 0, 0, 0, 0]\n"
                         "[[users]]\nid = \"A\"\nprofile = \"peak\"\n[alerts.north]\nprofile = \"peak\"\n");
  INFO(all_of(ok));
  REQUIRE(ok.ok());
  CHECK(ok.scenario->model.users[0].profile.hourly[18] == 2);
  CHECK(ok.scenario->model.alerts[0].profile.hourly[18] == 2);
  CHECK(ok.scenario->model.alerts[1].profile.hourly[18] == 1);
}
