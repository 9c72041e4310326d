#pragma once

#include <bit>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/statistics.hpp"

namespace dccsim::sim {

/// One bucket of a LogHistogram as seen by writers: `count` values in [lower, upper).
struct HistogramBucket {
  double lower = 0.0;       ///< Inclusive lower bound.
  double upper = 0.0;       ///< Exclusive upper bound (inclusive for the last regular and overflow buckets).
  std::uint64_t count = 0;  ///< Observations in the bucket.
};

/// Log-bucketed histogram of non-negative finite values (durations, queue lengths) with bounded memory.
///
/// Buckets are the binade of the value split into 64 equal parts (HDR-style): the index is the
/// double's exponent and top 6 mantissa bits, one shift of its bit pattern, no std::log. A bucket
/// [L, U) has U/L <= 1 + 1/64, so its geometric midpoint is within 0.78 % of every value in it.
/// Values below `resolution` land in an underflow bucket, values above `highest` in an overflow
/// bucket; both are counted exactly. Memory: 8 bytes per bucket, 64 buckets per factor of two in
/// [resolution, highest], allocated at construction: the default 1e-6..1e9 holds 3189 buckets, so an
/// instance takes 25,616 bytes (25,512 of counts and 104 of fields).
class LogHistogram {
 public:
  /// Buckets covering [resolution, highest]; 0 < resolution (a normal double) <= highest, finite.
  explicit LogHistogram(double resolution = 1e-6, double highest = 1e9);

  /// Observes `v` >= 0 once.
  void add(double v) { add(v, 1); }
  /// Observes `v` >= 0 `n` times.
  void add(double v, std::uint64_t n) {
    // assert, not DCCSIM_ASSERT: the always-on check tripled the cost of add (1.9 -> 6.0 ns).
    assert(v >= 0.0 && std::isfinite(v));
    if (n == 0) return;
    count_ += n;
    sum_.add(v * static_cast<double>(n));
    if (v < min_) min_ = v;
    if (v > max_) max_ = v;
    if (v >= resolution_) {
      if (v <= highest_) {
        counts_[(std::bit_cast<std::uint64_t>(v) >> kShift) - lowest_key_] += n;
      } else {
        overflow_ += n;
      }
    } else {
      underflow_ += n;
    }
  }

  /// Number of observations.
  std::uint64_t count() const { return count_; }
  /// Exact mean from a compensated running sum; NaN when empty.
  double mean() const;
  /// Compensated sum of the observations.
  double sum() const { return sum_.value(); }
  /// Smallest observation, exact; NaN when empty.
  double min() const { return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : min_; }
  /// Largest observation, exact; NaN when empty.
  double max() const { return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : max_; }
  /// Nearest-rank q-quantile (the ceil(q·n)-th smallest, at least the first) within 0.78 % relative;
  /// exactly min() at q = 0 and max() at q = 1; min() if that rank is in the underflow bucket (absolute
  /// error below resolution()), max() if in the overflow bucket; NaN when empty or q outside [0, 1].
  double quantile(double q) const;
  /// Values observed below resolution().
  std::uint64_t underflow_count() const { return underflow_; }
  /// Values observed above highest().
  std::uint64_t overflow_count() const { return overflow_; }
  /// Smallest value resolved into log buckets.
  double resolution() const { return resolution_; }
  /// Largest value resolved into log buckets.
  double highest() const { return highest_; }
  /// Number of regular log buckets.
  std::size_t bucket_count() const { return counts_.size(); }
  /// Bytes held by this instance, including the bucket array.
  std::size_t memory_bytes() const { return sizeof(*this) + counts_.capacity() * sizeof(std::uint64_t); }

  /// Calls `visit(HistogramBucket)` for each non-empty bucket in increasing order: underflow as
  /// [0, resolution), regular buckets clipped to [resolution, highest], overflow as (highest, max()].
  template <class Visitor>
  void for_each_bucket(Visitor&& visit) const {
    if (underflow_ != 0) visit(HistogramBucket{0.0, resolution_, underflow_});
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] != 0) visit(HistogramBucket{bucket_lower(i), bucket_upper(i), counts_[i]});
    }
    if (overflow_ != 0) visit(HistogramBucket{highest_, max_, overflow_});
  }

  /// Pools another histogram with the same resolution and highest; returns false and changes nothing
  /// on a layout mismatch.
  [[nodiscard]] bool merge(const LogHistogram& other);
  /// Forgets all observations, keeping the layout.
  void reset();

 private:
  static constexpr int kSubBucketBits = 6;
  static constexpr int kShift = 52 - kSubBucketBits;

  static std::size_t bucket_count_for(double resolution, double highest);
  std::size_t bucket_index(double v) const;
  double bucket_lower(std::size_t i) const;
  double bucket_upper(std::size_t i) const;

  double resolution_;
  double highest_;
  std::uint64_t lowest_key_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t underflow_ = 0;
  std::uint64_t overflow_ = 0;
  std::uint64_t count_ = 0;
  CompensatedSum sum_;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace dccsim::sim
