#pragma once

#include <string>

#include "tools/tables_accumulator.hpp"

// The CSV files of a run: one per table, and the breaches.
namespace dccsim::tools {

/// Table `table` as CSV: keys, the means over replications, derived columns; with more than one
/// replication the 95 % half-width of every number follows as `<name>_hw`, one decimal finer.
std::string table_csv(const TablesAccumulator& acc, TableId table);

/// Breach rows as CSV; with replications, each row starts with its replication number.
std::string breaches_csv(const TablesAccumulator& acc);

}  // namespace dccsim::tools
