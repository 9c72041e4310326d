#pragma once

// Section reader, [alerts] and [alerts.<region>]: device alerts per CSP region, with their storms.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [alerts] (defaults) and [alerts.<region>] into draft.model.alerts.
void read_alerts(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
