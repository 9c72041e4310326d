#include "scenarios/sections/smki.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("smki: servers, service time, queue and target") {
  Doc d(
      "[smki]\nservers = 2\nservice = { dist = \"exponential\", mean = \"3s\" }\nqueue_limit = 7\ntarget = "
      "\"0s\"\n");
  const scn::Draft draft = read_section(d, &scn::read_smki);
  CHECK(draft.model.smki.servers == 2);
  CHECK(mean_of(draft.model.smki.service_s) == doctest::Approx(3.0));
  CHECK(draft.model.smki.queue_limit == 7);
  CHECK(draft.model.smki.target_response == models::SmkiConfig{}.target_response);
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{"t.toml:5: smki.target: must be positive, got \"0s\""});
}
