#pragma once

#include <filesystem>

#include "tools/run_info.hpp"
#include "tools/tables_accumulator.hpp"

namespace dccsim::tools {

/// Writes the seven output files of `dccsim run` into `dir` (created if needed): variance,
/// stations, performance, throttle, breaches and timeseries CSVs and summary.json.
void write_run_outputs(const std::filesystem::path& dir, const TablesAccumulator& acc, const RunInfo& info);

/// Writes `dir`/timing.json: the wall-clock figures, kept apart so every other output is
/// byte-identical per seed.
void write_timing(const std::filesystem::path& dir, double wall_s, double events, unsigned threads);

}  // namespace dccsim::tools
