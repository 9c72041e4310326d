#include "sim/output_analysis.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <vector>

#include "sim/assert.hpp"

namespace dccsim::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

ConfidenceInterval make_interval(std::size_t n, double mean, double variance, double level) {
  if (n == 0) return ConfidenceInterval{kNaN, kInfinity};
  if (n < 2) return ConfidenceInterval{mean, kInfinity};
  const double dof = static_cast<double>(n - 1);
  const double standard_error = std::sqrt(variance / static_cast<double>(n));
  return ConfidenceInterval{mean, t_critical(level, dof) * standard_error};
}

// Two passes over the values: the spans are in memory, and it is more accurate than one.
template <class Value>
ConfidenceInterval two_pass_interval(std::size_t n, Value value, double level) {
  if (n == 0) return ConfidenceInterval{kNaN, kInfinity};
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += value(i);
  const double mean = sum / static_cast<double>(n);
  double squares = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = value(i) - mean;
    squares += d * d;
  }
  const double variance = n < 2 ? kNaN : squares / static_cast<double>(n - 1);
  return make_interval(n, mean, variance, level);
}

}  // namespace

double t_critical(double level, double dof) {
  if (!(level > 0.0 && level < 1.0) || !(dof > 0.0)) return kNaN;
  const boost::math::students_t distribution(dof);
  return boost::math::quantile(boost::math::complement(distribution, (1.0 - level) / 2.0));
}

ConfidenceInterval t_interval(std::span<const double> samples, double level) {
  return two_pass_interval(
      samples.size(), [samples](std::size_t i) { return samples[i]; }, level);
}

ConfidenceInterval t_interval(const Tally& tally, double level) {
  return make_interval(static_cast<std::size_t>(tally.count()), tally.mean(), tally.variance(), level);
}

ConfidenceInterval paired_difference_interval(std::span<const double> a, std::span<const double> b,
                                              double level) {
  DCCSIM_ASSERT(a.size() == b.size(), "paired samples must have equal sizes");
  return two_pass_interval(
      a.size(), [a, b](std::size_t i) { return a[i] - b[i]; }, level);
}

Verdict verdict(const ConfidenceInterval& difference) {
  if (difference.lower() > 0.0) return Verdict::A_greater;
  if (difference.upper() < 0.0) return Verdict::B_greater;
  return Verdict::no_significant_difference;
}

double lag1_autocorrelation(std::span<const double> series) {
  const std::size_t n = series.size();
  if (n < 2) return kNaN;
  double sum = 0.0;
  for (const double x : series) sum += x;
  const double mean = sum / static_cast<double>(n);
  double squares = 0.0;
  double cross = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = series[i] - mean;
    squares += d * d;
    if (i + 1 < n) cross += d * (series[i + 1] - mean);
  }
  if (squares == 0.0) return 0.0;
  return cross / squares;
}

BatchMeansResult batch_means(std::span<const double> series, std::size_t batches, double level) {
  BatchMeansResult result;
  result.batches = batches;
  result.batch_size = batches == 0 ? 0 : series.size() / batches;
  if (batches < 2 || result.batch_size == 0) {
    result.discarded = series.size();
    return result;
  }
  result.discarded = series.size() - batches * result.batch_size;
  std::vector<double> means(batches);
  const double size = static_cast<double>(result.batch_size);
  for (std::size_t j = 0; j < batches; ++j) {
    const std::span<const double> batch =
        series.subspan(result.discarded + j * result.batch_size, result.batch_size);
    double sum = 0.0;
    for (const double x : batch) sum += x;
    means[j] = sum / size;
  }
  result.interval = t_interval(means, level);
  result.lag1_autocorrelation = lag1_autocorrelation(means);
  result.acceptable = std::abs(result.lag1_autocorrelation) <= 2.0 / std::sqrt(static_cast<double>(batches));
  return result;
}

MserResult mser5(std::span<const double> series) {
  constexpr std::size_t kBatch = 5;
  const std::size_t k = series.size() / kBatch;
  MserResult result;
  if (k < 2) return result;
  std::vector<double> means(k);
  for (std::size_t j = 0; j < k; ++j) {
    double sum = 0.0;
    for (std::size_t i = 0; i < kBatch; ++i) sum += series[j * kBatch + i];
    means[j] = sum / static_cast<double>(kBatch);
  }
  // Welford over the suffix Z_d..Z_k, walking d down from k-1, yields every MSER(d) in one pass.
  const std::size_t limit = k / 2;
  double mean = 0.0;
  double squares = 0.0;
  for (std::size_t d = k; d-- > 0;) {
    const double remaining = static_cast<double>(k - d);
    const double delta = means[d] - mean;
    mean += delta / remaining;
    squares += delta * (means[d] - mean);
    if (d > limit) continue;
    const double statistic = squares / (remaining * remaining);
    // Walking down, <= keeps the smallest d among ties.
    if (!(statistic > result.statistic)) {
      result.statistic = statistic;
      result.truncated_batches = d;
    }
  }
  result.truncation = kBatch * result.truncated_batches;
  result.reliable = result.truncated_batches < limit;
  return result;
}

}  // namespace dccsim::sim
