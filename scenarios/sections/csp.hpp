#pragma once

// Section reader, [csp] and [csp.<region>]: each region's CSP, with outages and maintenance windows.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [csp] (defaults) and [csp.<region>] into draft.model.csps.
void read_csps(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
