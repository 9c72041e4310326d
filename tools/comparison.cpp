#include "tools/comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "tools/comparison_statistics.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The verdict once the adjusted p-value is known.
std::string decide(const ComparedMeasure& m, double alpha) {
  if (!std::isfinite(m.adjusted_p)) return "not decided (percentile without spread)";
  if (m.identical || m.adjusted_p >= alpha) return "no significant difference";
  if (std::abs(m.difference.mean) < m.margin || m.difference.mean == 0) return "no material difference";
  const bool a_higher = m.difference.mean > 0;
  switch (m.spec.better) {
    case Better::higher:
      return a_higher ? "A better" : "B better";
    case Better::lower:
      return a_higher ? "B better" : "A better";
    case Better::neutral:
      break;
  }
  return a_higher ? "A higher" : "B higher";
}

ComparedMeasure compared(const PairedMeasures& paired, std::size_t i, const ComparisonSettings& s) {
  const MeasureTallies& diff = paired.difference();
  ComparedMeasure m;
  m.spec = diff.spec(i);
  const sim::Tally& d = diff.tally(i);
  m.difference = sim::t_interval(d, s.confidence);
  m.a = sim::t_interval(paired.a().tally(*paired.a().find(m.spec.name)), s.confidence);
  m.b = sim::t_interval(paired.b().tally(*paired.b().find(m.spec.name)), s.confidence);
  m.relative = m.b.mean != 0 ? m.difference.mean / std::abs(m.b.mean) : kNaN;
  const double margin = s.margins.of(m.spec);
  m.margin = is_absolute(m.spec.kind) ? margin : margin * std::abs(m.b.mean);
  m.identical = d.mean() == 0 && !(d.variance() > 0);
  m.p_value = paired_t_p_value(d);
  // A percentile of a log-bucketed histogram that never moves: its difference is the width of
  // a bucket, not evidence. It is reported but does not decide.
  if (m.spec.quantile && !m.identical && !(d.variance() > 0)) m.p_value = kNaN;
  return m;
}

// The headline set in the order a planner reads it: what got in, who was cut back, service
// levels, response times, station load, breaches.
int headline_rank(const std::string& name) {
  const auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (name == "throttle.admitted_share") return 0;
  if (ends(".rejected_share")) return 1;
  if (ends(".share_within_target")) return 2;
  if (ends(".response_p95_s")) return 3;
  if (ends(".utilisation")) return 4;
  if (ends(".utilisation_peak")) return 5;
  return 6;
}

}  // namespace

void PairedMeasures::add(const ResultTables& a, const ResultTables& b) {
  const MeasureValues va = measure_values(a);
  const MeasureValues vb = measure_values(b);
  a_.add(va);
  b_.add(vb);
  std::map<std::string_view, std::size_t> in_b;
  for (std::size_t i = 0; i < vb.specs.size(); ++i) in_b.emplace(vb.specs[i].name, i);
  for (std::size_t i = 0; i < va.specs.size(); ++i) {
    const auto it = in_b.find(va.specs[i].name);
    if (it == in_b.end()) continue;
    const double d = va.values[i] - vb.values[it->second];
    if (std::isfinite(d)) difference_.add(va.specs[i], d);
  }
}

double Margins::of(const MeasureSpec& spec) const {
  const auto it = by_measure.find(spec.name);
  return it != by_measure.end() ? it->second : by_kind[static_cast<std::size_t>(spec.kind)];
}

std::optional<std::string> Margins::set(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return fmt::format("expected KIND=VALUE or MEASURE=VALUE, got '{}'", text);
  const std::string_view key = text.substr(0, eq);
  const std::optional<double> value = parse_number(text.substr(eq + 1));
  if (!value || *value < 0) return fmt::format("{}: the margin must be a number >= 0", key);
  if (const auto kind = parse_measure_kind(key)) {
    by_kind[static_cast<std::size_t>(*kind)] = *value;
  } else if (key.find('.') != std::string_view::npos) {
    by_measure[std::string(key)] = *value;
  } else {
    return fmt::format(
        "{}: not a kind of measure (share, utilisation, percent, time, rate, count, queue) "
        "nor a measure name",
        key);
  }
  return std::nullopt;
}

std::string Margins::text() const {
  std::string out;
  for (std::size_t k = 0; k < kMeasureKindCount; ++k) {
    const auto kind = static_cast<MeasureKind>(k);
    out += (k ? ", " : "") + std::string(measure_kind_name(kind)) + " " +
           (is_absolute(kind) ? fmt::format("{:g}", by_kind[k]) : fmt::format("{:g} %", by_kind[k] * 100));
  }
  for (const auto& [name, v] : by_measure) out += fmt::format(", {} {:g}", name, v);
  return out;
}

std::vector<ComparedMeasure> compared_measures(const PairedMeasures& paired, const ComparisonSettings& s) {
  std::vector<ComparedMeasure> headline;
  std::vector<ComparedMeasure> rest;
  const MeasureTallies& diff = paired.difference();
  for (std::size_t i = 0; i < diff.size(); ++i) {
    if (diff.tally(i).count() < 2) continue;
    (diff.spec(i).headline ? headline : rest).push_back(compared(paired, i, s));
  }
  const double alpha = 1 - s.confidence;
  const auto adjust = [alpha](std::vector<ComparedMeasure>& family, bool holm) {
    // A measure equal under A and B in every pair is no hypothesis to test: it is left out of
    // the family (it could never be rejected, and would only dilute the others' adjustment).
    std::vector<double> p;
    for (const ComparedMeasure& m : family) p.push_back(m.identical ? kNaN : m.p_value);
    const std::vector<double> adjusted = holm ? holm_adjusted(p) : benjamini_hochberg_adjusted(p);
    for (std::size_t i = 0; i < family.size(); ++i) {
      family[i].adjusted_p = family[i].identical ? 1.0 : adjusted[i];
      family[i].verdict = decide(family[i], alpha);
    }
  };
  std::stable_sort(headline.begin(), headline.end(), [](const ComparedMeasure& x, const ComparedMeasure& y) {
    return headline_rank(x.spec.name) < headline_rank(y.spec.name);
  });
  adjust(headline, true);
  adjust(rest, false);
  headline.insert(headline.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return headline;
}

std::string comparison_procedure(const std::vector<ComparedMeasure>& measures, const ComparisonSettings& s) {
  std::size_t headline = 0;
  std::size_t rest = 0;
  for (const ComparedMeasure& m : measures) {
    if (m.identical || !std::isfinite(m.p_value)) continue;
    ++(m.spec.headline ? headline : rest);
  }
  return fmt::format(
      "Verdicts: two-sided paired t-tests on the replications' differences, Holm-adjusted across the {} "
      "headline measures and Benjamini-Hochberg-adjusted across the other {} that differ, at {:g} %; a "
      "significant "
      "difference smaller than its margin is no material difference (margins: {}; shares, utilisation "
      "and percent absolute, the rest relative to B). Neutral measures get A higher / B higher, never "
      "better; a percentile that never moves does not decide.",
      headline, rest, (1 - s.confidence) * 100, s.margins.text());
}

}  // namespace dccsim::tools
