#include "models/measures/breaches.hpp"

namespace dccsim::models {

void add_measure_breaches(std::vector<Breach>& out, const std::vector<MeasureResult>& performance,
                          const MonthSpan& span) {
  for (const MeasureResult& m : performance) {
    if (m.status != MeasureStatus::below_minimum) continue;
    const std::size_t mi = span.find(m.month);
    out.push_back(Breach{span.start(mi), span.start(mi + 1), BreachKind::measure_below_minimum,
                         measure_class_name(m.measure), m.minimum - m.share_within_target});
  }
}

void sort_breaches(std::vector<Breach>& breaches) {
  std::stable_sort(breaches.begin(), breaches.end(),
                   [](const Breach& a, const Breach& b) { return a.start < b.start; });
}

}  // namespace dccsim::models
