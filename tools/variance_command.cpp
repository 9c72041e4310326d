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
#include "scenarios/counts_csv.hpp"
#include "scenarios/csv.hpp"
#include "scenarios/units.hpp"
#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/text_format.hpp"
#include "tools/variance_writers.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

using scenarios::Diagnostic;

constexpr std::size_t kMinTrainingMonths = 3;

using scenarios::ascii_lower;

std::optional<std::uint64_t> parse_count(std::string_view text, std::string_view column, std::string& error) {
  const bool negative = !text.empty() && text.front() == '-';
  std::uint64_t value = 0;
  const std::string_view digits = negative ? text.substr(1) : text;
  const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                         [](char c) { return c >= '0' && c <= '9'; });
  if (negative && all_digits) {
    error = fmt::format("{} must not be negative, got {}", column, text);
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!all_digits || ec != std::errc{} || end != text.data() + text.size()) {
    error = fmt::format("{} must be a whole number >= 0, got \"{}\"", column, text);
    return std::nullopt;
  }
  return value;
}

// Canonical service label ("CSR", a family number, an SR id) from the built-in catalogue.
std::optional<std::string> service_of(std::string_view text, bool& is_csr, std::string& error) {
  static const models::Catalogue catalogue = models::default_catalogue();
  const auto key = scenarios::parse_service(text, catalogue, error);
  if (!key) return std::nullopt;
  is_csr = key->kind == models::ServiceKey::Kind::csr;
  return models::service_label(*key, catalogue);
}

// Reads a variance history (the variance.csv of `dccsim run`): every problem is a diagnostic.
std::vector<models::HistoryRow> read_history(const fs::path& path, std::vector<Diagnostic>& out) {
  static constexpr std::array<std::string_view, 5> kHeader{"user", "month", "service", "forecast", "actual"};
  std::vector<models::HistoryRow> rows;
  const auto table = scenarios::read_csv(path, kHeader, out);
  if (!table) return rows;
  const std::string file = path.string();
  std::optional<std::size_t> pct_column;
  std::optional<std::size_t> exception_column;
  for (std::size_t c = kHeader.size(); c < table->header.size(); ++c) {
    if (ascii_lower(table->header[c]) == "variance_pct") pct_column = c;
    if (ascii_lower(table->header[c]) == "exception") exception_column = c;
  }
  std::map<std::tuple<std::string, std::int64_t, std::string>, std::size_t> seen;
  std::map<std::string, std::pair<sim::YearMonth, std::size_t>>
      last_month;  // per User: latest month, its line
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& fields = table->rows[r];
    const std::size_t line = table->lines[r];
    models::HistoryRow row;
    bool ok = true;
    row.user = fields[0];
    if (row.user.empty()) {
      out.push_back({file, line, "user", "user is empty"});
      ok = false;
    }
    std::string error;
    if (const auto month = scenarios::parse_year_month(fields[1], error)) {
      row.month = *month;
    } else {
      out.push_back({file, line, "month", error});
      ok = false;
    }
    if (const auto service = service_of(fields[2], row.is_csr, error)) {
      row.service = *service;
    } else {
      out.push_back({file, line, "service", error});
      ok = false;
    }
    if (const auto f = parse_count(fields[3], "forecast", error)) {
      row.forecast = *f;
    } else {
      out.push_back({file, line, "forecast", error});
      ok = false;
    }
    if (const auto a = parse_count(fields[4], "actual", error)) {
      row.actual = *a;
    } else {
      out.push_back({file, line, "actual", error});
      ok = false;
    }
    if (!ok) continue;
    // The derived columns, when present, must agree with the counts: a mismatch means the file was
    // edited by hand or columns were shifted.
    // A blank cell is "not given" (spreadsheets leave them empty). The tolerance admits the
    // rounding of a printed percentage and of a mean actual over replications (up to half a count).
    if (pct_column && !fields[*pct_column].empty()) {
      const std::string& text = fields[*pct_column];
      const double expected = models::variance_pct(row.forecast, row.actual);
      const auto given = scenarios::parse_number(text);
      const double tolerance = 0.0051 + (row.forecast > 0 ? 50.0 / static_cast<double>(row.forecast) : 0.0);
      if (!std::isfinite(expected) || !given || std::abs(*given - expected) > tolerance) {
        out.push_back(
            {file, line, "variance_pct",
             fmt::format("variance_pct \"{}\" does not match forecast {} and actual {} (expected {})", text,
                         row.forecast, row.actual, std::isfinite(expected) ? format_number(expected, 2) : "empty")});
        ok = false;
      }
    }
    if (exception_column) {
      const std::string value = ascii_lower(fields[*exception_column]);
      if (value != "yes" && value != "no" && !value.empty()) {
        out.push_back({file, line, "exception",
                       fmt::format("exception must be yes or no, got \"{}\"", fields[*exception_column])});
        ok = false;
      }
    }
    const auto [it, inserted] =
        seen.emplace(std::make_tuple(row.user, row.month.serial(), row.service), line);
    if (!inserted) {
      out.push_back({file, line, "",
                     fmt::format("duplicate row for user {}, month {}, service {} (first at line {})",
                                 row.user, sim::month_text(row.month), row.service, it->second)});
      continue;
    }
    if (const auto last = last_month.find(row.user);
        last != last_month.end() && row.month < last->second.first) {
      out.push_back(
          {file, line, "month",
           fmt::format("month {} of user {} comes after {} (line {}): each User's months must not go "
                       "backwards",
                       sim::month_text(row.month), row.user, sim::month_text(last->second.first),
                       last->second.second)});
      continue;
    }
    last_month[row.user] = {row.month, line};
    if (ok) rows.push_back(std::move(row));
  }
  return rows;
}

// Reads the forecasts to predict; a User whose id differs from a history User's only in case is
// unknown (a typo, not a new User), every other new User gets the population model.
std::vector<models::ForecastRow> read_forecasts(const fs::path& path,
                                                const std::vector<models::HistoryRow>& history,
                                                std::vector<Diagnostic>& out) {
  static const models::Catalogue catalogue = models::default_catalogue();
  std::vector<models::ForecastRow> rows;
  const auto counts = scenarios::read_counts_csv(path, catalogue, out);
  std::set<std::string> known;
  std::map<std::string, std::string> known_lower;
  for (const auto& h : history) {
    if (known.insert(h.user).second) known_lower.emplace(ascii_lower(h.user), h.user);
  }
  for (const scenarios::CountRow& c : counts) {
    if (!known.empty() && known.count(c.user) == 0) {
      if (const auto it = known_lower.find(ascii_lower(c.user)); it != known_lower.end()) {
        out.push_back({path.string(), c.line, "user",
                       fmt::format("unknown User \"{}\" (the history has \"{}\"; ids are case-sensitive)",
                                   c.user, it->second)});
        continue;
      }
    }
    models::ForecastRow row;
    row.user = c.user;
    row.month = c.month;
    row.service = models::service_label(c.service, catalogue);
    row.is_csr = c.service.kind == models::ServiceKey::Kind::csr;
    row.forecast = c.count;
    rows.push_back(std::move(row));
  }
  return rows;
}

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
      "months", po::value<std::size_t>(), "predict only the first K months of the forecasts")(
      "replications", po::value<std::size_t>()->default_value(2000), "Monte Carlo draws per line")(
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
  s.replications = vm["replications"].as<std::size_t>();
  if (s.replications < 1 || s.replications > 1'000'000) {
    throw UsageError("variance: --replications must lie within 1..1000000");
  }
  if (vm.count("months") && vm["months"].as<std::size_t>() < 1)
    throw UsageError("variance: --months must be >= 1");
  const auto threshold = [&vm](const char* name, double& out, double low, double high) {
    if (!vm.count(name)) return;
    const double v = vm[name].as<double>();
    if (!std::isfinite(v) || v < low || v > high) {
      throw UsageError(fmt::format("variance: --{} must lie within [{}, {}]", name, low, high));
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
  const VarianceSettings s = variance_settings(vm, backtest);
  const bool quiet = vm.count("quiet") > 0;
  const fs::path out_dir = out_folder(vm, fs::path("out") / "variance");

  std::vector<Diagnostic> diagnostics;
  const std::vector<models::HistoryRow> history = read_history(s.history_file, diagnostics);
  const auto by_line = [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   by_line);  // CSV-level problems come first otherwise
  const std::size_t history_problems = diagnostics.size();
  std::vector<models::ForecastRow> forecasts;
  if (!backtest) forecasts = read_forecasts(s.forecasts_file, history, diagnostics);
  std::stable_sort(diagnostics.begin() + static_cast<std::ptrdiff_t>(history_problems), diagnostics.end(),
                   by_line);
  if (report_diagnostics(diagnostics)) return kExitBadInput;

  models::PredictionOptions prediction;
  prediction.seed = s.seed;
  prediction.replications = s.replications;
  prediction.reporting = s.reporting;
  if (backtest) return backtest_outputs(history, prediction, s, out_dir, quiet);
  const std::optional<std::size_t> months =
      vm.count("months") ? std::optional<std::size_t>(vm["months"].as<std::size_t>()) : std::nullopt;
  return forecast_outputs(history, std::move(forecasts), months, prediction, s, out_dir, quiet);
}

}  // namespace dccsim::tools
