#include "sim/histogram.hpp"

#include <algorithm>

#include "sim/assert.hpp"

namespace dccsim::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

LogHistogram::LogHistogram(double resolution, double highest)
    : resolution_(resolution),
      highest_(highest),
      lowest_key_(std::bit_cast<std::uint64_t>(resolution) >> kShift),
      counts_(bucket_count_for(resolution, highest)) {}

std::size_t LogHistogram::bucket_count_for(double resolution, double highest) {
  DCCSIM_ASSERT(resolution >= std::numeric_limits<double>::min() && resolution <= highest &&
                    highest <= std::numeric_limits<double>::max(),
                "histogram range must be normal, ordered and finite");
  const std::uint64_t lowest = std::bit_cast<std::uint64_t>(resolution) >> kShift;
  const std::uint64_t top = std::bit_cast<std::uint64_t>(highest) >> kShift;
  return static_cast<std::size_t>(top - lowest + 1);
}

double LogHistogram::bucket_lower(std::size_t i) const {
  const double lower = std::bit_cast<double>((lowest_key_ + i) << kShift);
  return std::max(lower, resolution_);
}

double LogHistogram::bucket_upper(std::size_t i) const {
  const double upper = std::bit_cast<double>((lowest_key_ + i + 1) << kShift);
  return std::min(upper, highest_);
}

double LogHistogram::mean() const { return count_ == 0 ? kNaN : sum_.value() / static_cast<double>(count_); }

double LogHistogram::quantile(double q) const {
  if (count_ == 0 || !(q >= 0.0 && q <= 1.0)) return kNaN;
  if (q == 0.0) return min_;
  if (q == 1.0) return max_;
  const double wanted = std::ceil(q * static_cast<double>(count_));
  const std::uint64_t rank = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(wanted), 1, count_);
  if (rank <= underflow_) return min_;
  if (rank > count_ - overflow_) return max_;
  // Only buckets between those of min_ and max_ can be non-empty, and high quantiles (the common
  // question) are found fastest walking down from max_.
  const std::size_t first = bucket_index(min_);
  const std::size_t last = bucket_index(max_);
  const auto estimate = [this](std::size_t i) {
    return std::clamp(std::sqrt(bucket_lower(i) * bucket_upper(i)), min_, max_);
  };
  if (rank - underflow_ <= (count_ - overflow_ - underflow_) / 2) {
    std::uint64_t through = underflow_;
    for (std::size_t i = first; i < last; ++i) {
      through += counts_[i];
      if (through >= rank) return estimate(i);
    }
    return estimate(last);
  }
  // Walking down, `from` counts the observations in bucket i and above; bucket i holds the rank once
  // it reaches count - rank + 1.
  const std::uint64_t needed = count_ - rank + 1;
  std::uint64_t from = overflow_;
  for (std::size_t i = last; i > first; --i) {
    from += counts_[i];
    if (from >= needed) return estimate(i);
  }
  return estimate(first);
}

std::size_t LogHistogram::bucket_index(double v) const {
  if (!(v >= resolution_)) return 0;
  if (v > highest_) return counts_.size() - 1;
  return static_cast<std::size_t>((std::bit_cast<std::uint64_t>(v) >> kShift) - lowest_key_);
}

bool LogHistogram::merge(const LogHistogram& other) {
  if (resolution_ != other.resolution_ || highest_ != other.highest_) return false;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  underflow_ += other.underflow_;
  overflow_ += other.overflow_;
  count_ += other.count_;
  sum_.merge(other.sum_);
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  return true;
}

void LogHistogram::reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  underflow_ = 0;
  overflow_ = 0;
  count_ = 0;
  sum_.reset();
  min_ = std::numeric_limits<double>::infinity();
  max_ = -std::numeric_limits<double>::infinity();
}

}  // namespace dccsim::sim
