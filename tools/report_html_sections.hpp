#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tools/report_html_charts.hpp"
#include "tools/report_html_inputs.hpp"

// The builders of report.html's sections, one per kind of output folder. Each reads the files it
// needs by name, adds a chart only when its data are there, and says in the page's notes what it
// left out and why.
namespace dccsim::tools {

/// Reads `dir/name` when it exists: nullopt, without a diagnostic, when it does not.
std::optional<OutputTable> read_if_present(const std::filesystem::path& dir, const std::string& name,
                                           ReportPage& page);

/// Reads `dir/name` (JSON) when it exists: nullopt, without a diagnostic, when it does not.
std::optional<Json> read_json_if_present(const std::filesystem::path& dir, const std::string& name,
                                         ReportPage& page);

/// What the charts of one run share: the simulated span and whether figures carry intervals.
struct RunContext {
  std::vector<double> span_ms;  ///< [epoch, horizon] in ms since 1970, or empty when unknown
  double replications = 1;      ///< from summary.json
  double sr_low_pct = 90;       ///< SR exception at or below this share of forecast (%)
  double sr_high_pct = 110;     ///< SR exception at or above
  double csr_high_pct = 110;    ///< CSR exception at or above
};

/// The files of a run folder the page reads, each absent when the folder lacks it.
struct RunFiles {
  std::optional<Json> summary;
  std::optional<OutputTable> timeseries;
  std::optional<OutputTable> breaches;
  std::optional<OutputTable> performance;
  std::optional<OutputTable> throttle;
  std::optional<OutputTable> variance;
};

/// Reads the run files of `dir`; malformed ones add diagnostics to the page.
RunFiles read_run_files(const std::filesystem::path& dir, ReportPage& page);

/// The facts at the top of a run's page (scenario, totals in the DCC report's words) and its context.
RunContext add_run_facts(const RunFiles& files, ReportPage& page);

/// Offered load, System Capacity, throughput and throttling; queues and utilisation per station;
/// share within target per class with breaches; the breach timeline (timeseries.csv, breaches.csv).
void add_run_time_charts(const RunFiles& files, const RunContext& context, ReportPage& page);

/// Code Performance Measures, response-time percentiles, throttling and variance per User
/// (performance.csv, throttle.csv, variance.csv).
void add_run_table_charts(const RunFiles& files, const RunContext& context, ReportPage& page);

/// The forest plot of A - B (compare.csv, compare.json).
void add_compare_sections(const std::filesystem::path& dir, ReportPage& page);

/// Each measure against the varied parameters (sweep_summary.csv, sweep_args.json).
void add_sweep_sections(const std::filesystem::path& dir, ReportPage& page);

/// Predictive intervals per month, system totals and per User (variance_forecast.csv / .json).
void add_variance_forecast_sections(const std::filesystem::path& dir, ReportPage& page);

}  // namespace dccsim::tools
