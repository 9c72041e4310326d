#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/months.hpp"
#include "models/results.hpp"
#include "sim/statistics.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// Appends to `out` the breaches of one limit over the `n` intervals of `geometry`: an interval
/// whose `excess_at(i)` is positive is in breach, consecutive ones merge into one breach ending at
/// the last one's end (at most `horizon`) with the largest excess. Intervals starting before `from`
/// (the warm-up) are not part of the study.
template <class ExcessAt>
void add_interval_breaches(std::vector<Breach>& out, const sim::TimeSeries& geometry, std::size_t n,
                           BreachKind kind, const std::string& where, sim::Time from, sim::Time horizon,
                           const ExcessAt& excess_at) {
  std::optional<Breach> open;
  for (std::size_t i = 0; i < n; ++i) {
    const sim::Time start = geometry.interval_start(i);
    if (start < from) continue;
    const double excess = excess_at(i);
    if (excess > 0) {
      if (!open) open = Breach{start, start, kind, where, 0};
      open->end = std::min(start + geometry.interval(), horizon);
      open->peak_excess = std::max(open->peak_excess, excess);
    } else if (open) {
      out.push_back(*open);
      open.reset();
    }
  }
  if (open) out.push_back(*open);
}

/// Appends a breach spanning its month for every monthly measure below its minimum service level.
void add_measure_breaches(std::vector<Breach>& out, const std::vector<MeasureResult>& performance,
                          const MonthSpan& span);

/// Orders breaches by start, keeping the order of equal starts.
void sort_breaches(std::vector<Breach>& breaches);

}  // namespace dccsim::models
