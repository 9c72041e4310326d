#include "scenarios/sections/alert_throttle.hpp"

#include <cmath>

#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {

void read_alert_throttle(const TableView& root, Draft& draft, Reporter& r) {
  models::AlertThrottle& a = draft.model.alert_throttle;
  const TableView c = root.sub("alert_throttle");
  read_bool(r, c, "enabled", a.enabled);
  read_rate(r, c, "rate", a.rate_per_s);
  read_number(r, c, "depth", a.depth_tokens, 0, HUGE_VAL);
  read_number(r, c, "exempt_share", a.exempt_share, 0, 1);
}

}  // namespace dccsim::scenarios
