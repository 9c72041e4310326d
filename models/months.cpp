#include "models/months.hpp"

#include <algorithm>

namespace dccsim::models {

MonthSpan::MonthSpan(const sim::Calendar& calendar, sim::Time horizon)
    : calendar_(&calendar), horizon_(horizon) {
  sim::YearMonth m = calendar.month_of(sim::Time::zero());
  for (;;) {
    const sim::Time start = std::max(calendar.start_of(m), sim::Time::zero());
    if (start >= horizon) break;
    months_.push_back(m);
    starts_.push_back(start);
    m = m.plus(1);
  }
  starts_.push_back(horizon);
}

std::size_t MonthSpan::find(sim::YearMonth m) const {
  for (std::size_t i = 0; i < months_.size(); ++i) {
    if (months_[i] == m) return i;
  }
  return months_.size();
}

double MonthSpan::window_fraction(sim::YearMonth m, sim::Time& start, sim::Time& end) const {
  const sim::Time month_start = calendar_->start_of(m);
  const sim::Time month_end = calendar_->start_of(m.plus(1));
  start = std::max(month_start, sim::Time::zero());
  end = std::min(month_end, horizon_);
  if (end <= start) return 0;
  return static_cast<double>((end - start).ticks()) / static_cast<double>((month_end - month_start).ticks());
}

}  // namespace dccsim::models
