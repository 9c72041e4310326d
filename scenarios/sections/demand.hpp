#pragma once

// Section reader, [demand]: the forecasts, actuals and variance-forecast CSVs, attached to their Users.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads the CSVs [demand] names (relative to the file naming them) into the Users' counts.
void read_demand(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
