#include "scenarios/sections/reporting.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("reporting: thresholds, service levels and limits") {
  Doc d(
      "[reporting]\nsr_low = 0.8\ntarget_service_level = 0.95\nminimum_service_level = 0.97\nseries_interval "
      "= \"5min\"\n");
  const scn::Draft draft = read_section(d, &scn::read_reporting);
  const models::ReportingConfig& rep = draft.model.reporting;
  CHECK(rep.sr_low == 0.8);
  CHECK(rep.series_interval == sim::minutes(5));
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:4: reporting.minimum_service_level: must not exceed target_service_level"});
}
