#pragma once

// Distributions given by data: weighted values, and a piecewise-linear CDF.
// Written out by hand rather than taken from <random>, whose algorithms are implementation-defined:
// the same stream gives the same draws with any standard library. Every draw is a sequence of
// explicit statements, never two draws in one expression, because the order in which function
// arguments are evaluated is unspecified.

#include <algorithm>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "sim/alias_table.hpp"
#include "sim/param_result.hpp"
#include "sim/random.hpp"

namespace dccsim::sim {

/// Discrete empirical distribution: values drawn with probability proportional to their weights.
class EmpiricalDiscrete {
 public:
  /// Equal-length values (finite) and weights (as AliasTable::from_weights).
  static ParamResult<EmpiricalDiscrete> from_weights(std::span<const double> values,
                                                     std::span<const double> weights);

  /// One of the values; O(1), one 64-bit draw.
  double sample(RandomStream& stream) const { return values_[table_.sample(stream)]; }
  /// The weighted mean of the values.
  double mean() const { return mean_; }

 private:
  EmpiricalDiscrete(std::vector<double> values, AliasTable table, double mean)
      : values_(std::move(values)), table_(std::move(table)), mean_(mean) {}
  std::vector<double> values_;
  AliasTable table_;
  double mean_;
};

/// Continuous empirical distribution: a piecewise-linear CDF through (value, cumulative probability) points.
class EmpiricalContinuous {
 public:
  /// >= 2 points; values finite, non-decreasing (a repeat is an atom); cumulative rising from 0 to 1 exactly.
  static ParamResult<EmpiricalContinuous> from_cdf(std::span<const double> values,
                                                   std::span<const double> cumulative);

  /// A draw in [values.front(), values.back()]; O(log n), one uniform.
  double sample(RandomStream& stream) const {
    const double u = stream.uniform01();
    // cumulative_.front() == 0 <= u < 1 == cumulative_.back(), so 1 <= i < size and the segment
    // [i-1, i] has positive probability.
    const auto i = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                            cumulative_.begin());
    const double fraction = (u - cumulative_[i - 1]) / (cumulative_[i] - cumulative_[i - 1]);
    return values_[i - 1] + fraction * (values_[i] - values_[i - 1]);
  }
  /// The mean of the piecewise-linear distribution.
  double mean() const { return mean_; }

 private:
  EmpiricalContinuous(std::vector<double> values, std::vector<double> cumulative, double mean)
      : values_(std::move(values)), cumulative_(std::move(cumulative)), mean_(mean) {}
  std::vector<double> values_;
  std::vector<double> cumulative_;
  double mean_;
};

}  // namespace dccsim::sim
