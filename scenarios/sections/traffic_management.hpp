#pragma once

// Section reader, [traffic_management]: token buckets, allocation and System Capacity at DSP ingress.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [traffic_management] into draft.model.traffic_management.
void read_traffic_management(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
