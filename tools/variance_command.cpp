// dccsim variance: variance forecasts (and their backtest) from forecast-versus-actual history.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

#include "models/variance.hpp"
#include "models/variance_forecast.hpp"
#include "scenarios/history_csv.hpp"
#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/provenance.hpp"
#include "tools/text_format.hpp"
#include "tools/variance_writers.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

using scenarios::Diagnostic;

constexpr std::size_t kMinTrainingMonths = 3;

bool report_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  return !diagnostics.empty();
}

po::options_description variance_options() {
  po::options_description options(
      "dccsim variance --forecasts F.csv --history H.csv [options]\n"
      "dccsim variance --backtest --history H.csv [options]");
  options.add_options()("help,h", "this text")("forecasts", po::value<std::string>(),
                                               "forecasts to predict: user,month,service,count")(
      "history", po::value<std::string>(),
      "history: user,month,service,forecast,actual[,...] (variance.csv)")(
      "months", po::value<Count>(), "predict only the first K months of the forecasts")(
      "replications", po::value<Count>()->default_value(Count{2000}), "Monte Carlo draws per line")(
      "seed", po::value<Count>()->default_value(Count{1}), "random seed")(
      "out", po::value<std::string>(), "output folder (default: out/variance)")(
      "backtest", "roll through the history predicting each month from the months before it")(
      "sr-low", po::value<double>(), "SR exception at or below this share of forecast (default 0.90)")(
      "sr-high", po::value<double>(), "SR exception at or above this share of forecast (default 1.10)")(
      "csr-high", po::value<double>(), "CSR exception at or above this share of forecast (default 1.10)")(
      "quiet,q", "no report, only errors");
  return options;
}

VarianceSettings variance_settings(const po::variables_map& vm, bool backtest) {
  if (!vm.count("history")) throw UsageError("variance: --history H.csv is required");
  if (backtest && vm.count("forecasts"))
    throw UsageError("variance: --backtest uses --history only, not --forecasts");
  if (!backtest && !vm.count("forecasts"))
    throw UsageError("variance: --forecasts F.csv is required (or --backtest)");
  VarianceSettings s;
  s.history_file = vm["history"].as<std::string>();
  if (vm.count("forecasts")) s.forecasts_file = vm["forecasts"].as<std::string>();
  s.seed = vm["seed"].as<Count>().value;
  s.replications = count_within(vm, "replications", 1, 1'000'000, "Monte Carlo draws per line");
  if (backtest && vm.count("months"))
    throw UsageError("variance: --months limits --forecasts; a --backtest predicts every month of --history");
  if (vm.count("months")) count_within(vm, "months", 1, 1200, "a hundred years of months at most");
  const auto threshold = [&vm](const char* name, double& out, double low, double high) {
    if (!vm.count(name)) return;
    const double v = vm[name].as<double>();
    if (!std::isfinite(v) || v < low || v > high) {
      throw UsageError(fmt::format("--{}: must lie within [{}, {}], got {}", name, low, high, v));
    }
    out = v;
  };
  threshold("sr-low", s.reporting.sr_low, 0.0, 1.0);
  threshold("sr-high", s.reporting.sr_high, 1.0, 1e6);
  threshold("csr-high", s.reporting.csr_high, 1.0, 1e6);
  return s;
}

int backtest_outputs(const std::vector<models::HistoryRow>& history,
                     const models::PredictionOptions& prediction, const VarianceSettings& s,
                     const fs::path& out_dir, bool quiet) {
  std::set<std::int64_t> months;
  for (const auto& h : history) months.insert(h.month.serial());
  if (months.size() <= kMinTrainingMonths) {
    std::fprintf(stderr, "%s: the backtest needs at least %zu months of history, the file has %zu\n",
                 s.history_file.c_str(), kMinTrainingMonths + 1, months.size());
    return kExitBadInput;
  }
  const models::BacktestResult result = models::backtest(history, {}, prediction, kMinTrainingMonths);
  create_output_folder(out_dir);
  write_file_atomically(out_dir / "backtest.csv", backtest_csv(result));
  write_file_atomically(out_dir / "backtest.json", backtest_json(result, s));
  if (!quiet) {
    std::fputs(backtest_report(result, s).c_str(), stdout);
    std::printf("\nOutputs in %s/\n", out_dir.string().c_str());
  }
  return kExitOk;
}

int forecast_outputs(const std::vector<models::HistoryRow>& history,
                     std::vector<models::ForecastRow> forecasts, std::optional<std::size_t> months,
                     const models::PredictionOptions& prediction, const VarianceSettings& s,
                     const fs::path& out_dir, bool quiet) {
  if (months && !forecasts.empty()) {
    sim::YearMonth first = forecasts.front().month;
    for (const auto& f : forecasts) first = std::min(first, f.month);
    const sim::YearMonth end = first.plus(static_cast<std::int64_t>(*months));
    std::erase_if(forecasts, [end](const models::ForecastRow& f) { return f.month >= end; });
  }
  const models::BehaviourFit fit = models::fit_behaviour(history);
  const models::VarianceForecast result = models::predict_variance(fit, forecasts, prediction);
  std::vector<std::string> new_users;
  for (const auto& p : result.rows) {
    const std::string who = p.row.user + (p.row.is_csr ? " (CSRs)" : " (SRs)");
    if (!p.has_history && std::find(new_users.begin(), new_users.end(), who) == new_users.end()) {
      new_users.push_back(who);
    }
  }
  create_output_folder(out_dir);
  write_file_atomically(out_dir / "variance_forecast.csv", forecast_csv(result));
  write_file_atomically(out_dir / "variance_forecast.json", forecast_json(fit, result, s));
  if (!quiet) {
    std::fputs(forecast_report(fit, result, s, new_users).c_str(), stdout);
    std::printf("\nOutputs in %s/\n", out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace

int command_variance(const std::vector<std::string>& args) {
  const po::options_description options = variance_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const bool backtest = vm.count("backtest") > 0;
  VarianceSettings s = variance_settings(vm, backtest);
  s.command_line = recorded_command_line("variance", args, options, nullptr, 0, {"history", "forecasts"});
  const bool quiet = vm.count("quiet") > 0;
  const fs::path out_dir = out_folder(vm, fs::path("out") / "variance");

  std::vector<Diagnostic> diagnostics;
  const std::vector<models::HistoryRow> history = scenarios::read_history_csv(s.history_file, diagnostics);
  const auto by_line = [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   by_line);  // CSV-level problems come first otherwise
  const std::size_t history_problems = diagnostics.size();
  std::vector<models::ForecastRow> forecasts;
  if (!backtest) forecasts = scenarios::read_forecasts_to_predict(s.forecasts_file, history, diagnostics);
  std::stable_sort(diagnostics.begin() + static_cast<std::ptrdiff_t>(history_problems), diagnostics.end(),
                   by_line);
  if (report_diagnostics(diagnostics)) return kExitBadInput;
  require_writable_folder(out_dir);

  models::PredictionOptions prediction;
  prediction.seed = s.seed;
  prediction.replications = s.replications;
  prediction.reporting = s.reporting;
  if (backtest) return backtest_outputs(history, prediction, s, out_dir, quiet);
  const std::optional<std::size_t> months =
      vm.count("months") ? std::optional<std::size_t>(vm["months"].as<Count>().value) : std::nullopt;
  return forecast_outputs(history, std::move(forecasts), months, prediction, s, out_dir, quiet);
}

}  // namespace dccsim::tools
