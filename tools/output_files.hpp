#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/calendar.hpp"
#include "tools/result_tables.hpp"

namespace dccsim::tools {

/// What a run's outputs say about how it was made (beyond the results themselves).
struct RunInfo {
  std::string scenario;       ///< scenario name
  std::string scenario_file;  ///< file name of the scenario (no folders: outputs stay path-independent)
  sim::CivilDate epoch;       ///< time zero of the scenario
  std::uint64_t seed = 0;
  double warmup_s = 0;  ///< statistics deleted before this (0: none, a terminating study)
  sim::Time horizon;    ///< end of the simulated span
};

/// Writes `text` to `path` whole or not at all: a temporary file in the same folder, then a rename.
/// Throws std::runtime_error naming the path on an I/O failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

/// "2018-08-15T18:00:00Z" for a simulated instant.
std::string iso_time(const sim::Calendar& calendar, sim::Time t);

/// Breach rows as CSV; with replications, each row starts with its replication number.
std::string breaches_csv(const TablesAccumulator& acc);
/// Everything as one JSON document (deterministic: no wall-clock figures); with replications every
/// figure is the mean and has a `<name>_hw` sibling, its 95 % half-width.
std::string summary_json(const TablesAccumulator& acc, const RunInfo& info);

/// Writes the seven output files of `dccsim run` into `dir` (created if needed).
void write_run_outputs(const std::filesystem::path& dir, const TablesAccumulator& acc, const RunInfo& info);

}  // namespace dccsim::tools
