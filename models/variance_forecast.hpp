#pragma once

// Variance forecasts: from Users' recorded forecast-versus-actual history, a behaviour model per
// User and class of traffic (SR, CSR), and from it a Monte Carlo predictive distribution of the
// coming months' actuals, intervals, variance and exception probabilities. The model and its
// assumptions are described in models/README.md ("Variance forecasts"). Plain data in, plain data
// out: reading and validating the CSVs is the caller's business.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/config.hpp"
#include "sim/calendar.hpp"

namespace dccsim::models {

/// One recorded month of a User for one service: what was forecast and what was sent.
struct HistoryRow {
  std::string user;
  sim::YearMonth month;
  std::string service;  ///< SR id, family number or "CSR", as in the variance report
  bool is_csr = false;
  std::uint64_t forecast = 0;
  std::uint64_t actual = 0;
};

/// One forecast line of a coming month to predict.
struct ForecastRow {
  std::string user;
  sim::YearMonth month;
  std::string service;  ///< SR id, family number or "CSR"
  bool is_csr = false;
  std::uint64_t forecast = 0;
};

/// Tuning of the fit; the defaults are the documented model.
struct FitOptions {
  std::size_t min_trend_months = 6;  ///< a User's trend is fitted only with at least this many months
  double trend_level = 0.99;         ///< two-sided confidence a slope needs to be kept (t-test)
  double prior_dispersion_df = 4.0;  ///< weight, in degrees of freedom, of the population dispersion
};

/// The population model of one class of traffic (all Users pooled), with 95 % intervals.
struct PopulationModel {
  bool from_history = false;     ///< false: no usable history, vague defaults (bias 0, dispersion 1)
  std::size_t users = 0;         ///< Users with at least one usable row
  std::size_t observations = 0;  ///< usable rows (forecast > 0)
  double bias = 0.0;             ///< mean over Users of E[log(actual / forecast)]
  double bias_se = 0.0;          ///< standard error of `bias`
  double bias_low95 = 0.0;       ///< 95 % interval on `bias`
  double bias_high95 = 0.0;
  double between_sd = 0.0;        ///< spread of Users' biases around `bias` (tau)
  double dispersion = 1.0;        ///< pooled within-User sd of log(actual / forecast) (s)
  double dispersion_df = 0.0;     ///< degrees of freedom behind `dispersion`
  double dispersion_low95 = 0.0;  ///< 95 % interval on `dispersion` (chi-square)
  double dispersion_high95 = std::numeric_limits<double>::infinity();
  std::vector<std::uint64_t> unforecast_actuals;  ///< actuals of rows with forecast 0 (resampled)
};

/// The fitted behaviour of one User for one class of traffic.
struct UserModel {
  std::string user;
  bool is_csr = false;
  std::size_t observations = 0;                                ///< usable rows (forecast > 0)
  std::size_t months = 0;                                      ///< distinct months among them
  double own_bias = std::numeric_limits<double>::quiet_NaN();  ///< the User's mean log ratio alone
  double shrinkage_weight = 0.0;                               ///< n / (n + k): weight of the User's own bias
  double bias = 0.0;             ///< shrunk level of log(actual / forecast) at `centre_month`
  double bias_var = 0.0;         ///< posterior variance of `bias`
  double centre_month = 0.0;     ///< mean month serial of the observations
  double trend_per_month = 0.0;  ///< slope of the log ratio; 0 unless significant
  double trend_se = 0.0;         ///< standard error of the slope (0 without trend)
  double own_dispersion = std::numeric_limits<double>::quiet_NaN();  ///< the User's residual sd alone
  double dispersion = 1.0;                        ///< residual sd shrunk towards the population
  double dispersion_df = 0.0;                     ///< degrees of freedom of the predictive Student t
  std::vector<std::uint64_t> unforecast_actuals;  ///< actuals of the User's rows with forecast 0
};

/// Everything learnt from a history.
struct BehaviourFit {
  std::array<PopulationModel, 2> population;  ///< [0] SRs, [1] CSRs
  std::vector<UserModel> users;               ///< sorted by (user, is_csr)
  FitOptions options;                         ///< what the fit was made with (stand-ins for new Users use it)
  /// The User's model for a class, or nullptr when the User has no row of that class.
  const UserModel* find(std::string_view user, bool is_csr) const;
  /// The population model of a class.
  const PopulationModel& population_of(bool is_csr) const { return population[is_csr ? 1 : 0]; }
};

/// Fits the population and per-User models; rows may come in any order.
BehaviourFit fit_behaviour(std::span<const HistoryRow> history, const FitOptions& options = {});

/// How predictions are drawn.
struct PredictionOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 2000;  ///< Monte Carlo draws per row, >= 1
  ReportingConfig reporting;        ///< exception thresholds
};

/// The predictive distribution of one forecast row.
struct RowPrediction {
  ForecastRow row;
  bool has_history = false;      ///< false: the population model was used
  double expected_actual = 0.0;  ///< mean given the fitted dispersion (see models/README.md)
  double p80_low = 0.0;          ///< 80 % prediction interval (10th and 90th percentiles)
  double p80_high = 0.0;
  double p95_low = 0.0;  ///< 95 % prediction interval (2.5th and 97.5th percentiles)
  double p95_high = 0.0;
  double expected_variance_pct = 0.0;  ///< (expected - forecast) / forecast × 100; NaN when forecast is 0
  double exception_probability = 0.0;  ///< share of draws that are exceptions under the thresholds
};

/// System total of one class for one month, summed over Users in every replication.
struct TotalPrediction {
  sim::YearMonth month;
  bool is_csr = false;
  std::uint64_t forecast = 0;
  double expected_actual = 0.0;
  double p80_low = 0.0;
  double p80_high = 0.0;
  double p95_low = 0.0;
  double p95_high = 0.0;
  double expected_exceptions = 0.0;  ///< sum of the rows' exception probabilities
  std::size_t rows = 0;
};

/// The predictions for a set of forecast rows.
struct VarianceForecast {
  std::vector<RowPrediction> rows;      ///< in the order of the forecast rows
  std::vector<TotalPrediction> totals;  ///< by month, SRs before CSRs
};

/// Monte Carlo predictive distribution of every forecast row, and the system totals. Each row draws
/// from its own stream named "variance/<user>/<month>/<service>", and each User's parameters from
/// "variance/<user>/<class>/parameters", so results depend on the seed alone.
VarianceForecast predict_variance(const BehaviourFit& fit, std::span<const ForecastRow> forecasts,
                                  const PredictionOptions& options);

/// Backtest figures of one predicted month.
struct BacktestMonth {
  sim::YearMonth month;
  std::size_t training_months = 0;  ///< distinct months fitted on
  std::size_t rows = 0;
  std::size_t inside80 = 0;  ///< actuals inside their 80 % interval
  std::size_t inside95 = 0;
  std::size_t exceptions = 0;        ///< rows that were exceptions
  double expected_exceptions = 0.0;  ///< sum of predicted probabilities
  double brier = 0.0;                ///< mean squared error of the exception probabilities
  double brier_naive = 0.0;          ///< same for the naive last-ratio baseline (0/1 probabilities)
};

/// A rolling-origin backtest over a history.
struct BacktestResult {
  std::vector<BacktestMonth> months;
  std::size_t rows = 0;
  double coverage80 =
      std::numeric_limits<double>::quiet_NaN();  ///< share of actuals inside the 80 % interval
  double coverage95 = std::numeric_limits<double>::quiet_NaN();
  double brier = std::numeric_limits<double>::quiet_NaN();
  double brier_naive = std::numeric_limits<double>::quiet_NaN();
};

/// For each month after the first `min_training_months` months of the history, fits on the months
/// before it and predicts its rows from their recorded forecasts; scores intervals and exception
/// probabilities against the naive baseline actual = last recorded ratio × forecast.
BacktestResult backtest(std::span<const HistoryRow> history, const FitOptions& fit_options,
                        const PredictionOptions& options, std::size_t min_training_months = 3);

/// log((actual + 0.5) / (forecast + 0.5)): the log ratio the model works on, finite at zero counts.
double log_ratio(std::uint64_t forecast, std::uint64_t actual);

}  // namespace dccsim::models
