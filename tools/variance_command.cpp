// dccsim variance: variance forecasts (and their backtest) from forecast-versus-actual history.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "models/variance.hpp"
#include "models/variance_forecast.hpp"
#include "scenarios/history_csv.hpp"
#include "tools/command_line.hpp"
#include "tools/json_writer.hpp"
#include "tools/output_files.hpp"
#include "tools/report.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

using scenarios::Diagnostic;

constexpr std::size_t kMinTrainingMonths = 3;
constexpr std::size_t kScreenRows = 40;

std::string pct(double v) { return std::isfinite(v) ? fmt::format("{:+.1f} %", v) : std::string("n/a"); }

std::string count_text(double v) {
  return std::isfinite(v) && v >= 0 ? group_thousands(static_cast<std::uint64_t>(std::llround(v))) : "n/a";
}

void write_population(JsonWriter& j, const models::PopulationModel& p) {
  j.begin_object();
  j.key("from_history").value(p.from_history);
  j.key("users").value(std::uint64_t{p.users});
  j.key("observations").value(std::uint64_t{p.observations});
  j.key("bias").value(p.bias);
  j.key("bias_low95").value(p.bias_low95);
  j.key("bias_high95").value(p.bias_high95);
  j.key("median_ratio").value(std::exp(p.bias));
  j.key("between_sd").value(p.between_sd);
  j.key("dispersion").value(p.dispersion);
  j.key("dispersion_low95").value(p.dispersion_low95);
  j.key("dispersion_high95").value(p.dispersion_high95);
  j.end_object();
}

std::string forecast_csv(const models::VarianceForecast& f) {
  std::string out =
      "user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,"
      "exception_probability\n";
  for (const auto& p : f.rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.row.user), sim::month_text(p.row.month),
                       csv_field(p.row.service), p.row.forecast, format_number(p.expected_actual, 1),
                       format_number(p.p80_low, 0), format_number(p.p80_high, 0), format_number(p.p95_low, 0), format_number(p.p95_high, 0),
                       format_number(p.expected_variance_pct, 2), format_number(p.exception_probability, 4));
  }
  return out;
}

struct Settings {
  std::string history_file;
  std::string forecasts_file;
  std::uint64_t seed = 1;
  std::size_t replications = 2000;
  models::ReportingConfig reporting;
};

void write_settings(JsonWriter& j, const Settings& s) {
  j.key("history_file").value(fs::path(s.history_file).filename().string());
  if (!s.forecasts_file.empty())
    j.key("forecasts_file").value(fs::path(s.forecasts_file).filename().string());
  j.key("seed").value(s.seed);
  j.key("replications").value(std::uint64_t{s.replications});
  j.key("thresholds").begin_object();
  j.key("sr_low").value(s.reporting.sr_low);
  j.key("sr_high").value(s.reporting.sr_high);
  j.key("csr_high").value(s.reporting.csr_high);
  j.end_object();
}

std::string forecast_json(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                          const Settings& s) {
  JsonWriter j;
  j.begin_object();
  write_settings(j, s);
  j.key("population").begin_object();
  j.key("sr");
  write_population(j, fit.population_of(false));
  j.key("csr");
  write_population(j, fit.population_of(true));
  j.end_object();
  j.key("users").begin_array();
  for (const models::UserModel& u : fit.users) {
    j.begin_object();
    j.key("user").value(u.user);
    j.key("class").value(u.is_csr ? "CSR" : "SR");
    j.key("observations").value(std::uint64_t{u.observations});
    j.key("months").value(std::uint64_t{u.months});
    j.key("own_bias").value(u.own_bias);
    j.key("shrinkage_weight").value(u.shrinkage_weight);
    j.key("bias").value(u.bias);
    j.key("median_ratio").value(std::exp(u.bias));
    j.key("trend_per_month").value(u.trend_per_month);
    j.key("dispersion").value(u.dispersion);
    j.end_object();
  }
  j.end_array();
  j.key("totals").begin_array();
  for (const auto& t : f.totals) {
    j.begin_object();
    j.key("month").value(sim::month_text(t.month));
    j.key("class").value(t.is_csr ? "CSR" : "SR");
    j.key("rows").value(std::uint64_t{t.rows});
    j.key("forecast").value(t.forecast);
    j.key("expected_actual").value(t.expected_actual);
    j.key("p80_low").value(t.p80_low);
    j.key("p80_high").value(t.p80_high);
    j.key("p95_low").value(t.p95_low);
    j.key("p95_high").value(t.p95_high);
    j.key("expected_variance_pct")
        .value(t.forecast > 0 ? (t.expected_actual - static_cast<double>(t.forecast)) /
                                    static_cast<double>(t.forecast) * 100.0
                              : NAN);
    j.key("expected_exceptions").value(t.expected_exceptions);
    j.end_object();
  }
  j.end_array();
  j.key("rows").begin_array();
  for (const auto& p : f.rows) {
    j.begin_object();
    j.key("user").value(p.row.user);
    j.key("month").value(sim::month_text(p.row.month));
    j.key("service").value(p.row.service);
    j.key("forecast").value(p.row.forecast);
    j.key("has_history").value(p.has_history);
    j.key("expected_actual").value(p.expected_actual);
    j.key("p80_low").value(p.p80_low);
    j.key("p80_high").value(p.p80_high);
    j.key("p95_low").value(p.p95_low);
    j.key("p95_high").value(p.p95_high);
    j.key("expected_variance_pct").value(p.expected_variance_pct);
    j.key("exception_probability").value(p.exception_probability);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string population_words(const char* what, const models::PopulationModel& p) {
  if (!p.from_history)
    return fmt::format("  {}: no usable history; the model borrows or assumes a wide default\n", what);
  return fmt::format(
      "  {}: {} Users, {} rows: actuals are typically {:.0f} % of forecast (95 % CI {:.0f}–{:.0f} %), "
      "month-to-month dispersion {:.2f} in log ratio, spread between Users {:.2f}\n",
      what, p.users, p.observations, 100 * std::exp(p.bias), 100 * std::exp(p.bias_low95),
      100 * std::exp(p.bias_high95), p.dispersion, p.between_sd);
}

std::string forecast_report(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                            const Settings& s, const std::vector<std::string>& new_users) {
  std::string out = fmt::format("Variance forecast from {} (seed {}, {} replications)\n\n",
                                fs::path(s.history_file).filename().string(), s.seed, s.replications);
  out += "Behaviour in the history\n";
  out += population_words("SRs ", fit.population_of(false));
  out += population_words("CSRs", fit.population_of(true));
  if (!new_users.empty()) {
    std::string list;
    for (const auto& u : new_users) list += (list.empty() ? "" : ", ") + u;
    out += fmt::format("  No history of their class, so the population model: {}\n", list);
  }
  out += "\nExpected traffic\n";
  for (const auto& t : f.totals) {
    const char* what = t.is_csr ? "CSRs" : "SRs";
    const double v = t.forecast > 0 ? (t.expected_actual - static_cast<double>(t.forecast)) /
                                          static_cast<double>(t.forecast) * 100.0
                                    : NAN;
    out += fmt::format(
        "  {} {}: about {} requests are expected versus a forecast of {} ({}); 80 % interval {}–{}, 95 % "
        "interval "
        "{}–{}; about {:.1f} of {} lines are expected to be exceptions\n",
        sim::month_text(t.month), what, count_text(t.expected_actual), group_thousands(t.forecast), pct(v),
        count_text(t.p80_low), count_text(t.p80_high), count_text(t.p95_low), count_text(t.p95_high),
        t.expected_exceptions, t.rows);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : f.rows) {
    if (rows.size() == kScreenRows) break;
    rows.push_back({p.row.user, sim::month_text(p.row.month), p.row.service, group_thousands(p.row.forecast),
                    count_text(p.expected_actual), count_text(p.p80_low) + "–" + count_text(p.p80_high),
                    count_text(p.p95_low) + "–" + count_text(p.p95_high), pct(p.expected_variance_pct),
                    fmt::format("{:.0f} %", 100 * p.exception_probability)});
  }
  out += "\n" + text_table({"user", "month", "service", "forecast", "expected", "80 % interval",
                            "95 % interval", "variance", "P(exception)"},
                           rows);
  if (f.rows.size() > rows.size()) {
    out += fmt::format("  ... and {} more lines in variance_forecast.csv\n", f.rows.size() - rows.size());
  }
  return out;
}

std::string backtest_csv(const models::BacktestResult& b) {
  std::string out =
      "month,training_months,rows,coverage80,coverage95,exceptions,expected_exceptions,brier,brier_naive\n";
  const auto share = [](std::size_t k, std::size_t n) {
    return n > 0 ? static_cast<double>(k) / static_cast<double>(n) : NAN;
  };
  for (const auto& m : b.months) {
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", sim::month_text(m.month), m.training_months, m.rows,
                       format_number(share(m.inside80, m.rows), 4), format_number(share(m.inside95, m.rows), 4), m.exceptions,
                       format_number(m.expected_exceptions, 2), format_number(m.brier, 4), format_number(m.brier_naive, 4));
  }
  std::size_t exceptions = 0;
  double expected = 0;
  for (const auto& m : b.months) {
    exceptions += m.exceptions;
    expected += m.expected_exceptions;
  }
  out += fmt::format("all,,{},{},{},{},{},{},{}\n", b.rows, format_number(b.coverage80, 4), format_number(b.coverage95, 4),
                     exceptions, format_number(expected, 2), format_number(b.brier, 4), format_number(b.brier_naive, 4));
  return out;
}

std::string backtest_json(const models::BacktestResult& b, const Settings& s) {
  JsonWriter j;
  j.begin_object();
  write_settings(j, s);
  j.key("rows").value(std::uint64_t{b.rows});
  j.key("coverage80").value(b.coverage80);
  j.key("coverage95").value(b.coverage95);
  j.key("brier").value(b.brier);
  j.key("brier_naive").value(b.brier_naive);
  j.key("months").begin_array();
  for (const auto& m : b.months) {
    j.begin_object();
    j.key("month").value(sim::month_text(m.month));
    j.key("training_months").value(std::uint64_t{m.training_months});
    j.key("rows").value(std::uint64_t{m.rows});
    j.key("inside80").value(std::uint64_t{m.inside80});
    j.key("inside95").value(std::uint64_t{m.inside95});
    j.key("exceptions").value(std::uint64_t{m.exceptions});
    j.key("expected_exceptions").value(m.expected_exceptions);
    j.key("brier").value(m.brier);
    j.key("brier_naive").value(m.brier_naive);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string backtest_report(const models::BacktestResult& b, const Settings& s) {
  std::string out = fmt::format("Backtest of variance forecasts on {} (seed {}, {} replications)\n\n",
                                fs::path(s.history_file).filename().string(), s.seed, s.replications);
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : b.months) {
    const auto n = static_cast<double>(std::max<std::size_t>(m.rows, 1));
    rows.push_back({sim::month_text(m.month), std::to_string(m.training_months), std::to_string(m.rows),
                    fmt::format("{:.1f} %", 100 * static_cast<double>(m.inside80) / n),
                    fmt::format("{:.1f} %", 100 * static_cast<double>(m.inside95) / n),
                    fmt::format("{} / {:.1f}", m.exceptions, m.expected_exceptions), format_number(m.brier, 3),
                    format_number(m.brier_naive, 3)});
  }
  out += text_table(
      {"month", "fitted on", "lines", "in 80 %", "in 95 %", "exceptions / expected", "Brier", "Brier naive"},
      rows);
  out += fmt::format(
      "\nOver {} lines in {} months, the 80 % intervals held {:.1f} % of actuals and the 95 % intervals "
      "{:.1f} %.\n"
      "Brier score of the exception probabilities {:.3f} against {:.3f} for the naive forecast "
      "(last month's ratio × forecast){}.\n",
      b.rows, b.months.size(), 100 * b.coverage80, 100 * b.coverage95, b.brier, b.brier_naive,
      b.brier_naive > 0 ? fmt::format(": skill {:.0f} %", 100 * (1 - b.brier / b.brier_naive))
                        : std::string());
  return out;
}

bool report_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  return !diagnostics.empty();
}

}  // namespace

int command_variance(const std::vector<std::string>& args) {
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
  const po::variables_map vm = parse_command(args, options, {});
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const bool backtest = vm.count("backtest") > 0;
  if (!vm.count("history")) throw UsageError("variance: --history H.csv is required");
  if (backtest && vm.count("forecasts"))
    throw UsageError("variance: --backtest uses --history only, not --forecasts");
  if (!backtest && !vm.count("forecasts"))
    throw UsageError("variance: --forecasts F.csv is required (or --backtest)");
  Settings s;
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
  const bool quiet = vm.count("quiet") > 0;
  const fs::path out_dir =
      vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("out") / "variance";

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

  models::PredictionOptions prediction;
  prediction.seed = s.seed;
  prediction.replications = s.replications;
  prediction.reporting = s.reporting;

  if (backtest) {
    std::set<std::int64_t> months;
    for (const auto& h : history) months.insert(h.month.serial());
    if (months.size() <= kMinTrainingMonths) {
      std::fprintf(stderr, "%s: the backtest needs at least %zu months of history, the file has %zu\n",
                   s.history_file.c_str(), kMinTrainingMonths + 1, months.size());
      return kExitBadInput;
    }
    const models::BacktestResult result = models::backtest(history, {}, prediction, kMinTrainingMonths);
    fs::create_directories(out_dir);
    write_file_atomically(out_dir / "backtest.csv", backtest_csv(result));
    write_file_atomically(out_dir / "backtest.json", backtest_json(result, s));
    if (!quiet) {
      std::fputs(backtest_report(result, s).c_str(), stdout);
      std::printf("\nOutputs in %s/\n", out_dir.string().c_str());
    }
    return kExitOk;
  }

  if (vm.count("months") && !forecasts.empty()) {
    sim::YearMonth first = forecasts.front().month;
    for (const auto& f : forecasts) first = std::min(first, f.month);
    const sim::YearMonth end = first.plus(static_cast<std::int64_t>(vm["months"].as<std::size_t>()));
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
  fs::create_directories(out_dir);
  write_file_atomically(out_dir / "variance_forecast.csv", forecast_csv(result));
  write_file_atomically(out_dir / "variance_forecast.json", forecast_json(fit, result, s));
  if (!quiet) {
    std::fputs(forecast_report(fit, result, s, new_users).c_str(), stdout);
    std::printf("\nOutputs in %s/\n", out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
