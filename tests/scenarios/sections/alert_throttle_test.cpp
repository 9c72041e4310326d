#include "scenarios/sections/alert_throttle.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("alert_throttle: the per-region alert bucket") {
  Doc d("[alert_throttle]\nenabled = true\nrate = \"5000/s\"\ndepth = 2e4\nexempt_share = 1.5\n");
  const scn::Draft draft = read_section(d, &scn::read_alert_throttle);
  const models::AlertThrottle& a = draft.model.alert_throttle;
  CHECK(a.enabled);
  CHECK(a.rate_per_s == 5000.0);
  CHECK(a.depth_tokens == 20000.0);
  CHECK(a.exempt_share == models::AlertThrottle{}.exempt_share);
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{"t.toml:5: alert_throttle.exempt_share: must be within [0, 1], got 1.5"});
}
