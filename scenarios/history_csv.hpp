#pragma once

// The inputs of `dccsim variance`: a forecast-versus-actual history (the variance.csv that
// `dccsim run` writes) and the forecasts to predict from it, read against the built-in catalogue.

#include <filesystem>
#include <vector>

#include "models/variance_forecast.hpp"
#include "scenarios/diagnostic.hpp"

namespace dccsim::scenarios {

/// Reads a history CSV with header `user,month,service,forecast,actual` (any case, more columns
/// allowed). The optional columns `variance_pct` (must agree with forecast and actual) and `exception`
/// (yes, no or blank) are checked; a duplicate user-month-service or a User's month going backwards
/// is an error. Every problem is a diagnostic in `out`; bad rows are left out.
std::vector<models::HistoryRow> read_history_csv(const std::filesystem::path& path,
                                                 std::vector<Diagnostic>& out);

/// Reads the forecasts to predict, a counts CSV (`user,month,service,count`). A User whose id differs
/// from a `history` User's only in case is an error (a typo, not a new User); any other new User
/// is kept (the prediction gives it the population model).
std::vector<models::ForecastRow> read_forecasts_to_predict(const std::filesystem::path& path,
                                                           const std::vector<models::HistoryRow>& history,
                                                           std::vector<Diagnostic>& out);

}  // namespace dccsim::scenarios
