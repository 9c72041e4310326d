#include "sim/statistics.hpp"

#include <algorithm>

#include "sim/assert.hpp"

namespace dccsim::sim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double Tally::mean() const { return count_ == 0 ? kNaN : sum_.value() / static_cast<double>(count_); }

double Tally::variance() const {
  if (count_ < 2) return kNaN;
  return m2_ / static_cast<double>(count_ - 1);
}

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(other.count_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  count_ += other.count_;
  sum_.merge(other.sum_);
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double TimeWeighted::mean(Time now) const {
  DCCSIM_ASSERT(now >= last_, "time-weighted mean asked before the last update");
  const std::int64_t open = (now - last_).ticks();
  const std::int64_t total = closed_ticks_ + open;
  if (total == 0) return kNaN;
  return (integral_.value() + level_ * static_cast<double>(open)) / static_cast<double>(total);
}

Duration TimeWeighted::elapsed(Time now) const { return Duration::from_ticks(closed_ticks_) + (now - last_); }

void TimeWeighted::reset(Time now) {
  integral_.reset();
  closed_ticks_ = 0;
  last_ = now;
  max_level_ = level_;
}

void TimeWeighted::merge(const TimeWeighted& other) {
  integral_.merge(other.integral_);
  closed_ticks_ += other.closed_ticks_;
  max_level_ = std::max(max_level_, other.max_level_);
}

TimeSeries::TimeSeries(Time start, Duration interval, std::size_t intervals)
    : start_(start),
      interval_(interval),
      end_(start + interval * static_cast<std::int64_t>(intervals)),
      bins_(intervals),
      level_time_(start) {
  DCCSIM_ASSERT(interval > Duration::zero() && intervals >= 1,
                "time series needs intervals of positive length");
}

void TimeSeries::level(Time t, double new_level) {
  if (t < start_ || t >= end_) ++outside_level_count_;
  if (t > level_time_) advance(t);
  level_ = new_level;
}

void TimeSeries::advance(Time t) {
  DCCSIM_ASSERT(t >= level_time_ || t < start_, "time series level earlier than the previous one");
  Time from = level_time_;
  const Time to = std::min(t, end_);
  while (from < to) {
    Bin& bin = bins_[static_cast<std::size_t>((from - start_) / interval_)];
    const Time bin_end = start_ + interval_ * ((from - start_) / interval_ + 1);
    const Time segment_end = std::min(to, bin_end);
    const std::int64_t dt = (segment_end - from).ticks();
    bin.level_integral.add(level_ * static_cast<double>(dt));
    bin.level_ticks += dt;
    from = segment_end;
  }
  level_time_ = std::max(level_time_, t);
}

double TimeSeries::mean(std::size_t i) const {
  const Bin& bin = bins_[i];
  return bin.count == 0 ? kNaN : bin.sum / static_cast<double>(bin.count);
}

double TimeSeries::time_average(std::size_t i) const {
  const Bin& bin = bins_[i];
  return bin.level_ticks == 0 ? kNaN : bin.level_integral.value() / static_cast<double>(bin.level_ticks);
}

bool TimeSeries::merge(const TimeSeries& other) {
  if (start_ != other.start_ || interval_ != other.interval_ || bins_.size() != other.bins_.size()) {
    return false;
  }
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    Bin& bin = bins_[i];
    const Bin& theirs = other.bins_[i];
    bin.sum += theirs.sum;
    bin.count += theirs.count;
    bin.level_integral.merge(theirs.level_integral);
    bin.level_ticks += theirs.level_ticks;
  }
  outside_count_ += other.outside_count_;
  outside_level_count_ += other.outside_level_count_;
  return true;
}

}  // namespace dccsim::sim
