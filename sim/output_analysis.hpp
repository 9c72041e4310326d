#pragma once

#include <cstddef>
#include <limits>
#include <span>

#include "sim/statistics.hpp"

namespace dccsim::sim {

/// A symmetric confidence interval mean ± half_width.
struct ConfidenceInterval {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::infinity();

  /// mean - half_width.
  double lower() const { return mean - half_width; }
  /// mean + half_width.
  double upper() const { return mean + half_width; }
  /// Whether `x` lies in [lower(), upper()].
  bool contains(double x) const { return lower() <= x && x <= upper(); }
};

/// Two-sided Student t critical value t(1 - (1 - level)/2, dof); NaN unless 0 < level < 1 and dof > 0.
double t_critical(double level, double dof);

/// Student t interval (n-1 degrees of freedom) on the mean of independent samples; with fewer than 2
/// samples half_width is +infinity (mean NaN when empty); half_width NaN unless 0 < level < 1.
ConfidenceInterval t_interval(std::span<const double> samples, double level = 0.95);
/// Student t interval from a tally's count, mean and sample variance; same conventions as above.
ConfidenceInterval t_interval(const Tally& tally, double level = 0.95);

/// t interval on the paired differences a[i] - b[i] (common random numbers); a and b have equal sizes.
ConfidenceInterval paired_difference_interval(std::span<const double> a, std::span<const double> b,
                                              double level = 0.95);

/// Outcome of comparing A with B from an interval on A - B.
// NOLINTNEXTLINE(readability-identifier-naming): A and B name the two compared systems, as in `compare A B`.
enum class Verdict { A_greater, B_greater, no_significant_difference };

/// A_greater if the interval on A - B lies above 0, B_greater if below, else no_significant_difference.
Verdict verdict(const ConfidenceInterval& difference);

/// Lag-1 sample autocorrelation sum (x_i - m)(x_{i+1} - m) / sum (x_i - m)^2; NaN with fewer than 2
/// values, 0 for a constant series.
double lag1_autocorrelation(std::span<const double> series);

/// Result of a non-overlapping batch means analysis.
struct BatchMeansResult {
  ConfidenceInterval interval;  ///< t interval on the mean from the batch means (batches - 1 dof).
  double lag1_autocorrelation = std::numeric_limits<double>::quiet_NaN();  ///< Of the batch means.
  std::size_t batch_size = 0;                                              ///< Observations per batch.
  std::size_t batches = 0;                                                 ///< Batches used.
  std::size_t discarded = 0;  ///< Leading observations left out so that batches are equal.
  bool acceptable = false;    ///< |lag1_autocorrelation| <= 2/sqrt(batches); else use bigger batches.
};

/// Splits `series` into `batches` equal batches (the n mod batches oldest observations are dropped,
/// being nearest the warm-up) and builds a t interval on their means. `acceptable` is the approximate
/// two-sided 5 % test of zero lag-1 correlation for white noise, |r1| <= 2/sqrt(k): with k = 20 it
/// flags only |r1| > 0.45, more batches test more strictly. Fewer than 2 batches of at least 1
/// observation give an infinite half_width and acceptable = false.
BatchMeansResult batch_means(std::span<const double> series, std::size_t batches, double level = 0.95);

/// Result of the MSER-5 warm-up truncation rule.
struct MserResult {
  std::size_t truncation = 0;         ///< Observations to delete from the start (5 × truncated_batches).
  std::size_t truncated_batches = 0;  ///< d*, the minimising number of batches of 5.
  double statistic = std::numeric_limits<double>::quiet_NaN();  ///< MSER(d*).
  bool reliable = false;  ///< False if d* is at the search limit k/2: run longer before trusting it.
};

/// MSER-5 (White 1997): batch means Z_1..Z_k of 5 observations (a trailing remainder is ignored),
/// MSER(d) = sum_{i>d} (Z_i - mean_{>d})^2 / (k-d)^2 minimised over d in [0, k/2], smallest d on ties.
/// With fewer than 2 batches the truncation is 0 and the statistic NaN.
MserResult mser5(std::span<const double> series);

}  // namespace dccsim::sim
