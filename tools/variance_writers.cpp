#include "tools/variance_writers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "tools/json_writer.hpp"
#include "tools/text_format.hpp"

namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

constexpr std::size_t kScreenRows = 40;

// The variance % the expected actual makes against the forecast; NaN without a forecast.
double expected_variance_pct(const models::TotalPrediction& t) {
  if (t.forecast == 0) return NAN;
  return (t.expected_actual - static_cast<double>(t.forecast)) / static_cast<double>(t.forecast) * 100.0;
}

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

void write_settings(JsonWriter& j, const VarianceSettings& s) {
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
  write_provenance(j, {s.command_line, {}, s.seed, std::uint64_t{s.replications}});
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

}  // namespace

std::string forecast_csv(const models::VarianceForecast& f) {
  std::string out =
      "user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,"
      "exception_probability\n";
  for (const auto& p : f.rows) {
    out +=
        fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.row.user), sim::month_text(p.row.month),
                    csv_field(p.row.service), p.row.forecast, format_number(p.expected_actual, 1),
                    format_number(p.p80_low, 0), format_number(p.p80_high, 0), format_number(p.p95_low, 0),
                    format_number(p.p95_high, 0), format_number(p.expected_variance_pct, 2),
                    format_number(p.exception_probability, 4));
  }
  return out;
}

std::string forecast_json(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                          const VarianceSettings& s) {
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
    j.key("expected_variance_pct").value(expected_variance_pct(t));
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

std::string forecast_report(const models::BehaviourFit& fit, const models::VarianceForecast& f,
                            const VarianceSettings& s, const std::vector<std::string>& new_users) {
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
    const double v = expected_variance_pct(t);
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
    out +=
        fmt::format("{},{},{},{},{},{},{},{},{}\n", sim::month_text(m.month), m.training_months, m.rows,
                    format_number(share(m.inside80, m.rows), 4), format_number(share(m.inside95, m.rows), 4),
                    m.exceptions, format_number(m.expected_exceptions, 2), format_number(m.brier, 4),
                    format_number(m.brier_naive, 4));
  }
  std::size_t exceptions = 0;
  double expected = 0;
  for (const auto& m : b.months) {
    exceptions += m.exceptions;
    expected += m.expected_exceptions;
  }
  out += fmt::format("all,,{},{},{},{},{},{},{}\n", b.rows, format_number(b.coverage80, 4),
                     format_number(b.coverage95, 4), exceptions, format_number(expected, 2),
                     format_number(b.brier, 4), format_number(b.brier_naive, 4));
  return out;
}

std::string backtest_json(const models::BacktestResult& b, const VarianceSettings& s) {
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

std::string backtest_report(const models::BacktestResult& b, const VarianceSettings& s) {
  std::string out = fmt::format("Backtest of variance forecasts on {} (seed {}, {} replications)\n\n",
                                fs::path(s.history_file).filename().string(), s.seed, s.replications);
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : b.months) {
    const auto n = static_cast<double>(std::max<std::size_t>(m.rows, 1));
    rows.push_back({sim::month_text(m.month), std::to_string(m.training_months), std::to_string(m.rows),
                    fmt::format("{:.1f} %", 100 * static_cast<double>(m.inside80) / n),
                    fmt::format("{:.1f} %", 100 * static_cast<double>(m.inside95) / n),
                    fmt::format("{} / {:.1f}", m.exceptions, m.expected_exceptions),
                    format_number(m.brier, 3), format_number(m.brier_naive, 3)});
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

}  // namespace dccsim::tools
