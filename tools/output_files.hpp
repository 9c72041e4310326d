#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "models/results.hpp"
#include "sim/calendar.hpp"

namespace dccsim::tools {

/// What a run's outputs say about how it was made (beyond the results themselves).
struct RunInfo {
  std::string scenario;              ///< scenario name
  std::string scenario_file;         ///< file name of the scenario (no folders: outputs stay path-independent)
  sim::CivilDate epoch;              ///< time zero of the scenario
  std::uint64_t seed = 0;
};

/// Writes `text` to `path` whole or not at all: a temporary file in the same folder, then a rename.
/// Throws std::runtime_error naming the path on an I/O failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

/// "2018-08-15T18:00:00Z" for a simulated instant.
std::string iso_time(const sim::Calendar& calendar, sim::Time t);
/// "2018-08".
std::string month_text(sim::YearMonth m);

/// The variance report as CSV: user,month,service,forecast,actual,variance_pct,exception.
std::string variance_csv(const models::VarianceReport& report);
/// Per-station queueing figures as CSV.
std::string stations_csv(const models::ModelResults& r);
/// Code Performance Measures as CSV.
std::string performance_csv(const models::ModelResults& r);
/// Traffic Management per User as CSV.
std::string throttle_csv(const models::ModelResults& r);
/// Breach intervals as CSV.
std::string breaches_csv(const models::ModelResults& r, const sim::Calendar& calendar);
/// Per-interval series as CSV.
std::string timeseries_csv(const models::ModelResults& r, const sim::Calendar& calendar);
/// Everything as one JSON document (deterministic: no wall-clock figures).
std::string summary_json(const models::ModelResults& r, const RunInfo& info);

/// Writes the seven output files of `dccsim run` into `dir` (created if needed).
void write_run_outputs(const std::filesystem::path& dir, const models::ModelResults& r, const RunInfo& info);

}  // namespace dccsim::tools
