#pragma once

// Section reader, [alert_throttle]: alert storm protection at DSP ingress.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [alert_throttle] into draft.model.alert_throttle.
void read_alert_throttle(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
