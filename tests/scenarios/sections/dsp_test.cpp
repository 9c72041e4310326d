#include "scenarios/sections/dsp.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("dsp: servers, discipline, queue and response path") {
  Doc d("[dsp]\nservers = 12\ndiscipline = \"priority\"\nqueue_limit = 0\nresponse_processing = \"20ms\"\n");
  const scn::Draft draft = read_section(d, &scn::read_dsp);
  CHECK(lines_of(d.reporter.diagnostics).empty());
  CHECK(draft.model.dsp.servers == 12);
  CHECK(draft.model.dsp.discipline == models::Discipline::priority);
  CHECK(draft.model.dsp.queue_limit == 0);
  CHECK(mean_of(draft.model.dsp.response_processing_s) == doctest::Approx(0.02));
}
