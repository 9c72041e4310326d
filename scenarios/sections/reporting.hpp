#pragma once

// Section reader, [reporting]: exception thresholds, service levels and breach limits of the outputs.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [reporting] into draft.model.reporting.
void read_reporting(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
