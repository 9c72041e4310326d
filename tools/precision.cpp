#include "tools/precision.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tools/tables_accumulator.hpp"

namespace dccsim::tools {
namespace {

bool absolute_precision(MeasureKind kind) {
  return kind == MeasureKind::share || kind == MeasureKind::utilisation;
}

double floor_of(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::time:
    case MeasureKind::queue:
    case MeasureKind::count:
    case MeasureKind::percent:
      return 1.0;
    case MeasureKind::rate:
      return 0.01;
    case MeasureKind::share:
    case MeasureKind::utilisation:
      break;
  }
  return 0.0;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool in_default_precision_set(const MeasureSpec& spec) {
  const std::string& n = spec.name;
  if (n == "throttle.admitted_share") return true;
  if (n.rfind("performance.", 0) == 0) return spec.headline && ends_with(n, ".share_within_target");
  return n.rfind("stations.", 0) == 0 && (ends_with(n, ".utilisation") || ends_with(n, ".wait_mean_s"));
}

double allowed_half_width(MeasureKind kind, double mean, double precision) {
  if (absolute_precision(kind)) return precision;
  return precision * std::max(std::abs(mean), floor_of(kind));
}

bool PrecisionTracker::watched(const MeasureSpec& spec) const {
  if (rule_.on.empty()) return in_default_precision_set(spec);
  return std::any_of(rule_.on.begin(), rule_.on.end(),
                     [&](const std::string& p) { return measure_matches(spec, p); });
}

void PrecisionTracker::add(const ResultTables& tables) {
  const MeasureValues m = measure_values(tables);
  if (first_) {
    for (const std::string& p : rule_.on) {
      if (std::none_of(m.specs.begin(), m.specs.end(),
                       [&](const MeasureSpec& s) { return measure_matches(s, p); }))
        unmatched_.push_back(p);
    }
    first_ = false;
  }
  for (std::size_t i = 0; i < m.specs.size(); ++i) {
    if (watched(m.specs[i])) tallies_.add(m.specs[i], m.values[i]);
  }
}

double PrecisionTracker::ratio(std::size_t i) const {
  const sim::Tally& t = tallies_.tally(i);
  if (t.count() < 2) return 0;  // undefined (no traffic) or not yet estimable: cannot bind
  const double allowed = allowed_half_width(tallies_.spec(i).kind, t.mean(), rule_.precision);
  const double hw = half_width95(t);
  if (hw == 0) return 0;
  return allowed > 0 ? hw / allowed : INFINITY;
}

std::optional<std::size_t> PrecisionTracker::binding() const {
  std::optional<std::size_t> worst;
  for (std::size_t i = 0; i < tallies_.size(); ++i) {
    if (tallies_.tally(i).count() < 2) continue;
    if (!worst || ratio(i) > ratio(*worst)) worst = i;
  }
  return worst;
}

bool PrecisionTracker::reached() const {
  const auto b = binding();
  return !b || ratio(*b) <= 1.0;
}

std::string PrecisionTracker::report() const {
  const auto b = binding();
  if (!b) return "no watched measure has two values yet";
  const MeasureSpec& s = tallies_.spec(*b);
  const sim::Tally& t = tallies_.tally(*b);
  const double allowed = allowed_half_width(s.kind, t.mean(), rule_.precision);
  std::string why;
  if (absolute_precision(s.kind)) {
    why = fmt::format("absolute for a {}", measure_kind_name(s.kind));
  } else if (std::abs(t.mean()) >= floor_of(s.kind)) {
    why = fmt::format("{:g} % of its mean {:.6g} {}", rule_.precision * 100, t.mean(), s.unit);
  } else {
    why = fmt::format("{:g} % of the {:g} {} floor: its mean {:.6g} is near zero", rule_.precision * 100,
                      floor_of(s.kind), s.unit, t.mean());
  }
  return fmt::format(
      "binding measure {}: half-width {:.6g} {} against {:.6g} {} allowed ({}); {} measures watched", s.name,
      half_width95(t), s.unit, allowed, s.unit, why, tallies_.size());
}

}  // namespace dccsim::tools
