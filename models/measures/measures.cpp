#include "models/measures/measures.hpp"

#include <algorithm>
#include <limits>

namespace dccsim::models {
namespace {

sim::TimeSeries series(sim::Duration interval, std::size_t intervals) {
  return sim::TimeSeries(sim::Time::zero(), interval, intervals);
}

}  // namespace

Measures::Measures(const ReportingConfig& reporting, const MonthSpan& span, sim::Simulation& simulation,
                   RequestPool& pool, sim::Time horizon, std::size_t intervals)
    : throughput_series(series(reporting.series_interval, intervals)),
      class_series{series(reporting.series_interval, intervals), series(reporting.series_interval, intervals),
                   series(reporting.series_interval, intervals), series(reporting.series_interval, intervals),
                   series(reporting.series_interval, intervals)},
      reporting_(&reporting),
      span_(&span),
      simulation_(&simulation),
      pool_(&pool),
      horizon_(horizon) {
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    responses_[k].assign(span.size(), 0);
    within_[k].assign(span.size(), 0);
    response_hist_[k].assign(span.size(), sim::LogHistogram());
  }
}

void Measures::deliver(std::uint32_t r) {
  const Request& q = (*pool_)[r];
  const sim::Time done = simulation_->now() + sim::Duration::from_ticks(q.response_ticks);
  if (done > horizon_) {
    // Still on its way back at the horizon: in flight, not completed.
    ++delivered_after_horizon_;
    pool_->release(r);
    return;
  }
  const std::int64_t response = (done - q.start_ref).ticks();
  const bool ok = response <= q.target_ticks;
  const auto m = static_cast<std::size_t>(q.measure);
  const std::size_t mi = span_->index(q.start_ref);
  ++responses_[m][mi];
  if (ok) ++within_[m][mi];
  response_hist_[m][mi].add(static_cast<double>(std::max<std::int64_t>(response, 0)) /
                            static_cast<double>(sim::kTicksPerSecond));
  class_series[m].add(done, ok ? 1.0 : 0.0);
  throughput_series.add(done, 1.0);
  if (q.measure == MeasureClass::on_demand) {
    ++interval_on_demand;
    if (ok) ++interval_on_demand_within;
  }
  finish(r, ok ? Outcome::completed_within : Outcome::completed_late);
}

void Measures::finish(std::uint32_t r, Outcome outcome, sim::Time failed_at) {
  if (outcome == Outcome::failed_timeout || outcome == Outcome::failed_outage) {
    const Request& q = (*pool_)[r];
    const auto m = static_cast<std::size_t>(q.measure);
    ++responses_[m][span_->index(q.start_ref)];
    class_series[m].add(std::min(failed_at, simulation_->now()), 0.0);
    if (q.measure == MeasureClass::on_demand) ++interval_on_demand;
  }
  switch (outcome) {
    case Outcome::completed_within:
      ++counts.completed_within;
      break;
    case Outcome::completed_late:
      ++counts.completed_late;
      break;
    case Outcome::rejected_throttled:
      ++counts.rejected_throttled;
      break;
    case Outcome::rejected_queue_full:
      ++counts.rejected_queue_full;
      break;
    case Outcome::failed_timeout:
      ++counts.failed_timeout;
      break;
    case Outcome::failed_outage:
      ++counts.failed_outage;
      break;
  }
  pool_->release(r);
}

void Measures::reset() {
  counts = RequestCounts{};
  counts.carried_in = pool_->live();
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    std::fill(responses_[k].begin(), responses_[k].end(), 0);
    std::fill(within_[k].begin(), within_[k].end(), 0);
    for (sim::LogHistogram& h : response_hist_[k]) h.reset();
  }
}

RequestCounts Measures::final_counts() {
  counts.in_flight = pool_->live() + delivered_after_horizon_;
  DCCSIM_ASSERT(counts.conserved(), "every request must end in exactly one state");
  return counts;
}

std::vector<MeasureResult> Measures::performance() const {
  std::vector<MeasureResult> out;
  for (std::size_t mi = 0; mi < span_->size(); ++mi) {
    for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
      const auto cls = static_cast<MeasureClass>(k);
      const bool core =
          cls == MeasureClass::on_demand || cls == MeasureClass::future_dated || cls == MeasureClass::alerts;
      if (!core && responses_[k][mi] == 0) continue;
      MeasureResult m;
      m.measure = cls;
      m.month = span_->months()[mi];
      m.responses = responses_[k][mi];
      m.within_target = within_[k][mi];
      m.target = reporting_->target_service_level;
      m.minimum = reporting_->minimum_service_level;
      if (m.responses == 0) {
        m.share_within_target = std::numeric_limits<double>::quiet_NaN();
        m.status = MeasureStatus::no_traffic;
      } else {
        m.share_within_target = static_cast<double>(m.within_target) / static_cast<double>(m.responses);
        m.status = m.share_within_target >= m.target    ? MeasureStatus::met
                   : m.share_within_target >= m.minimum ? MeasureStatus::below_target
                                                        : MeasureStatus::below_minimum;
      }
      m.response_s = response_hist_[k][mi];
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace dccsim::models
