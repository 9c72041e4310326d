#pragma once

#include <cstddef>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// The calendar months a run covers: those overlapping [0, horizon), with their start instants
/// (the first clamped to 0) and the horizon as the end of the last.
class MonthSpan {
 public:
  MonthSpan(const sim::Calendar& calendar, sim::Time horizon);

  /// Months overlapping the run, in order.
  const std::vector<sim::YearMonth>& months() const { return months_; }
  std::size_t size() const { return months_.size(); }
  /// Start of month `i` inside the run; start(size()) is the horizon.
  sim::Time start(std::size_t i) const { return starts_[i]; }
  /// Index of the month holding `t` (the last month for t at or after the horizon).
  std::size_t index(sim::Time t) const {
    // Few months and mostly increasing times: a short scan beats a search.
    std::size_t i = 0;
    while (i + 1 < months_.size() && t >= starts_[i + 1]) ++i;
    return i;
  }
  /// Index of month `m`, or size() when the run does not cover it.
  std::size_t find(sim::YearMonth m) const;
  /// The part of month `m` inside [0, horizon): its bounds and its share of the month's length
  /// (0, bounds unspecified, when it lies outside).
  double window_fraction(sim::YearMonth m, sim::Time& start, sim::Time& end) const;

 private:
  const sim::Calendar* calendar_;
  sim::Time horizon_;
  std::vector<sim::YearMonth> months_;
  std::vector<sim::Time> starts_;
};

}  // namespace dccsim::models
