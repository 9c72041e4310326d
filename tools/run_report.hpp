#pragma once

#include <string>

#include "tools/run_info.hpp"
#include "tools/tables_accumulator.hpp"

namespace dccsim::tools {

/// The readable summary `dccsim run` prints, from the accumulated tables: variance totals in the DCC
/// report's words, exceptions, Code Performance Measures, busiest stations, breaches, throttling per
/// User, accounting. Counts carry thousands separators; with more than one replication every
/// estimate is the mean ± its 95 % half-width (inputs such as forecasts and service levels as given).
std::string run_report(const TablesAccumulator& acc, const RunInfo& info);

}  // namespace dccsim::tools
