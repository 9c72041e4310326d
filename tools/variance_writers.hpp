#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/config.hpp"
#include "models/variance_forecast.hpp"
#include "tools/provenance.hpp"

// The outputs of dccsim variance: variance_forecast.csv/json, backtest.csv/json and their screen
// reports.
namespace dccsim::tools {

/// What a variance forecast or backtest was made with, as its outputs record it.
struct VarianceSettings {
  std::string history_file;
  std::string forecasts_file;  ///< empty for a backtest
  std::uint64_t seed = 1;
  std::size_t replications = 2000;  ///< Monte Carlo draws per line
  models::ReportingConfig reporting;
  std::vector<std::string> command_line;  ///< as recorded_command_line gives it
};

/// variance_forecast.csv: per User × month × service the expected actual, 80 % and 95 % prediction
/// intervals, expected variance % and probability of an exception.
std::string forecast_csv(const models::VarianceForecast& f);
/// variance_forecast.json: settings, fitted population and User models, totals and rows.
std::string forecast_json(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                          const VarianceSettings& s);
/// The forecast's screen report; `new_users` are the Users (with their class) without history.
std::string forecast_report(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                            const VarianceSettings& s, const std::vector<std::string>& new_users);

/// backtest.csv: per month interval coverage, exceptions against expected, Brier scores; then "all".
std::string backtest_csv(const models::BacktestResult& b);
/// backtest.json: settings, overall figures and months.
std::string backtest_json(const models::BacktestResult& b, const VarianceSettings& s);
/// The backtest's screen report.
std::string backtest_report(const models::BacktestResult& b, const VarianceSettings& s);

}  // namespace dccsim::tools
