// compare.csv, compare.json and the screen summary of dccsim compare.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "tools/comparison.hpp"
#include "tools/json_writer.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

int shown_decimals(const MeasureSpec& s) { return std::max(s.decimals, 2); }

std::string plus_minus(double mean, double half_width, int decimals) {
  return format_number(mean, decimals) + " ± " + format_number(half_width, decimals);
}

std::string relative_text(double r) {
  if (!std::isfinite(r)) return "";
  return std::abs(r) < 0.0005 ? "0.0 %" : fmt::format("{:+.1f} %", r * 100);
}

std::string p_text(double p) { return std::isfinite(p) ? fmt::format("{:.4g}", p) : ""; }

void side_json(JsonWriter& j, const ComparisonSide& s) {
  j.begin_object();
  j.key("scenario_file").value(s.scenario_file);
  j.key("overrides").begin_array();
  for (const std::string& o : s.overrides) j.value(o);
  j.end_array();
  j.key("seed").value(s.seed);
  j.key("replication").value(s.replication);
  j.end_object();
}

// The writer turns NaN and infinities into null.
void number_or_null(JsonWriter& j, const char* key, double v) { j.key(key).value(v); }

}  // namespace

std::string compare_csv(const std::vector<ComparedMeasure>& measures) {
  std::string csv =
      "metric,headline,unit,direction,kind,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,"
      "relative_difference,margin,p_value,adjusted_p,verdict\n";
  for (const ComparedMeasure& m : measures) {
    const int dec = shown_decimals(m.spec);
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", m.spec.name,
                       m.spec.headline ? "yes" : "no", m.spec.unit, direction_text(m.spec.better),
                       measure_kind_name(m.spec.kind), format_number(m.a.mean, dec),
                       format_number(m.a.half_width, dec + 1), format_number(m.b.mean, dec),
                       format_number(m.b.half_width, dec + 1), format_number(m.difference.mean, dec),
                       format_number(m.difference.half_width, dec + 1), format_number(m.relative, 4),
                       format_number(m.margin, dec + 1), p_text(m.p_value), p_text(m.adjusted_p), m.verdict);
  }
  return csv;
}

std::string compare_json(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info) {
  JsonWriter j;
  j.begin_object();
  j.key("a").value(info.label_a);
  j.key("b").value(info.label_b);
  j.key("seed").value(info.a.seed);
  j.key("replications").value(info.replications);
  j.key("common_random_numbers").value(info.common_random_numbers);
  j.key("sides").begin_object();
  j.key("a");
  side_json(j, info.a);
  j.key("b");
  side_json(j, info.b);
  j.end_object();
  j.key("version").value(info.version);
  j.key("command_line").value(info.command_line);
  j.key("confidence").value(info.settings.confidence);
  j.key("procedure").value(comparison_procedure(measures, info.settings));
  j.key("margins").begin_object();
  for (std::size_t k = 0; k < kMeasureKindCount; ++k)
    j.key(std::string(measure_kind_name(static_cast<MeasureKind>(k))))
        .value(info.settings.margins.by_kind[k]);
  for (const auto& [name, v] : info.settings.margins.by_measure) j.key(name).value(v);
  j.end_object();
  j.key("metrics").begin_array();
  for (const ComparedMeasure& m : measures) {
    j.begin_object();
    j.key("metric").value(m.spec.name);
    j.key("headline").value(m.spec.headline);
    j.key("unit").value(std::string(m.spec.unit));
    j.key("direction").value(std::string(direction_text(m.spec.better)));
    j.key("kind").value(std::string(measure_kind_name(m.spec.kind)));
    number_or_null(j, "a_mean", m.a.mean);
    number_or_null(j, "a_hw", m.a.half_width);
    number_or_null(j, "b_mean", m.b.mean);
    number_or_null(j, "b_hw", m.b.half_width);
    number_or_null(j, "difference", m.difference.mean);
    number_or_null(j, "difference_hw", m.difference.half_width);
    number_or_null(j, "relative_difference", m.relative);
    number_or_null(j, "margin", m.margin);
    number_or_null(j, "p_value", m.p_value);
    number_or_null(j, "adjusted_p", m.adjusted_p);
    j.key("verdict").value(m.verdict);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string compare_screen(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info) {
  std::vector<std::vector<std::string>> rows;
  std::size_t identical = 0;
  std::size_t undecided = 0;
  std::map<std::string, std::size_t> others;
  for (const ComparedMeasure& m : measures) {
    if (!m.spec.headline) {
      ++others[m.verdict];
      continue;
    }
    // Shown: what decides, and the service levels whatever they say; the rest is counted.
    const bool decides =
        m.verdict.find(" better") != std::string::npos || m.verdict.find(" higher") != std::string::npos;
    const bool service_level = m.spec.name.size() > 20 &&
                               m.spec.name.compare(m.spec.name.size() - 20, 20, ".share_within_target") == 0;
    if (m.identical || (!decides && !service_level)) {
      ++(m.identical ? identical : undecided);
      continue;
    }
    const int dec = shown_decimals(m.spec);
    rows.push_back(
        {m.spec.name, plus_minus(m.a.mean, m.a.half_width, dec), plus_minus(m.b.mean, m.b.half_width, dec),
         plus_minus(m.difference.mean, m.difference.half_width, dec), relative_text(m.relative), m.verdict});
  }
  std::string out = fmt::format("A: {}\nB: {}\n", info.label_a, info.label_b);
  if (info.common_random_numbers) {
    out += fmt::format(
        "{} paired replications with common random numbers (seed {}), {:g} % intervals on A - B\n",
        info.replications, info.a.seed, info.settings.confidence * 100);
  } else {
    out += fmt::format(
        "{} paired replications on independent random streams (seed {} and {}): common random numbers are "
        "off, {:g} % intervals on A - B\n",
        info.replications, info.a.seed, info.b.seed, info.settings.confidence * 100);
  }
  out += comparison_procedure(measures, info.settings) + "\n\n";
  out += text_table({"headline measure", "A", "B", "A - B", "relative", "verdict"}, rows);
  if (undecided + identical > 0) {
    out += fmt::format(
        "({} more headline measures with no material or significant difference and {} identical "
        "under A and B: in compare.csv)\n",
        undecided, identical);
  }
  std::string counts;
  for (const auto& [verdict, n] : others)
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, verdict);
  if (!counts.empty()) out += "\nOther measures: " + counts + "\n";
  return out;
}

}  // namespace dccsim::tools
