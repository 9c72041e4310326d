#pragma once

// Section reader, [scenario]: name, epoch (which sets the calendar), horizon, seed and replication.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [scenario] into the draft's name, epoch, horizon, seed and replication, and sets its calendar.
void read_scenario(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
