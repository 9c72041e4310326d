#include "scenarios/sections/scenario.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("scenario: name, epoch, horizon, seed and replication; the epoch sets the calendar") {
  Doc d("[scenario]\nname = \"n\"\nepoch = 2019-03-01\nhorizon = \"2d\"\nseed = 7\nreplication = 3\n");
  const scn::Draft draft = read_section(d, &scn::read_scenario);
  CHECK(lines_of(d.reporter.diagnostics).empty());
  CHECK(draft.model.name == "n");
  CHECK(draft.model.epoch == sim::CivilDate{2019, 3, 1});
  CHECK(draft.model.horizon == sim::days(2));
  CHECK(draft.model.seed == 7);
  CHECK(draft.model.replication == 3);
  REQUIRE(draft.calendar);
  CHECK(draft.calendar->at(sim::CivilDate{2019, 3, 2}) == sim::Time::zero() + sim::days(1));
  CHECK(draft.horizon_end() == sim::Time::zero() + sim::days(2));
}

TEST_CASE("scenario: a missing table and an epoch with a time of day") {
  Doc none("[dsp]\nservers = 1\n");
  const scn::Draft draft = read_section(none, &scn::read_scenario);
  CHECK(
      lines_of(none.reporter.diagnostics) ==
      std::vector<std::string>{"t.toml:1: scenario: missing required table [scenario] (with at least name)"});
  Doc timed("[scenario]\nname = \"n\"\nepoch = \"2019-03-01T06:00\"\n");
  const scn::Draft other = read_section(timed, &scn::read_scenario);
  CHECK(lines_of(timed.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:3: scenario.epoch: the epoch is a date (00:00 UTC), not a time of day"});
  CHECK(other.model.epoch == models::ModelConfig{}.epoch);  // the default stays, and gives the calendar
  CHECK(other.calendar.has_value());
}
