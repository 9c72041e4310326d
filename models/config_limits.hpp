#pragma once

#include <cstdint>
#include <vector>

#include "models/config_check.hpp"
#include "sim/time.hpp"

// The magnitudes one run of the model can carry. Each limit says what it protects: a draw the
// distributions resolve, a counter that would overflow, memory preallocated per interval, or a
// number of events that would make the run go on for days. check_config applies them all.
namespace dccsim::models::limits {

/// The longest horizon (10 years): the model keeps a parking slot per minute of the horizon.
inline constexpr sim::Duration kMaxHorizon = sim::days(3'653);
/// The longest spread, jitter, storm or duration anything may be given (100 years).
inline constexpr sim::Duration kMaxSpan = sim::days(36'525);
/// The largest monthly count, burst or draw mean the Poisson and Binomial draws resolve.
inline constexpr double kMaxCount = 1e12;
/// Requests one run may expect, counting every allowed retry: about a day of computing at the
/// model's ~1e6 requests/s; above it a run looks like a hang.
inline constexpr double kMaxRequests = 1e11;
/// Meters of one User in one region (GB has about 3e7 smart meters in all).
inline constexpr double kMaxMeters = 1e9;
/// Time-series intervals over the horizon: each is a row of timeseries.csv.
inline constexpr double kMaxSeriesIntervals = 1e6;
/// Values the time series preallocate (intervals × series, 40 bytes each: about 1 GB).
inline constexpr double kMaxSeriesCells = 2.5e7;
/// Traffic Management reallocations, or CSP outages, over the horizon: each walks every User.
inline constexpr double kMaxControlEvents = 1e7;
/// Distinct (month, service) lines of one User inside the horizon (matched pairwise when built).
inline constexpr std::size_t kMaxLinesPerUser = 10'000;

/// Appends to `problems` every magnitude of `config` beyond these limits.
void check_limits(const ModelConfig& config, std::vector<ConfigProblem>& problems);

}  // namespace dccsim::models::limits
