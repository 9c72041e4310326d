#pragma once

#include <string>

#include "tools/run_info.hpp"
#include "tools/tables_accumulator.hpp"

namespace dccsim::tools {

/// Everything as one JSON document (deterministic: no wall-clock figures); with replications every
/// figure is the mean and has a `<name>_hw` sibling, its 95 % half-width.
std::string summary_json(const TablesAccumulator& acc, const RunInfo& info);

}  // namespace dccsim::tools
