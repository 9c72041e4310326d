#pragma once

// The statistical checks the distribution tests share: golden draws, moments, Kolmogorov-Smirnov
// against a CDF, Pearson's chi-square against a pmf, binomial bounds on a count. Every bound is a
// confidence level (1e-4 or 4 standard errors), so a wrong distribution fails them.

#include <doctest/doctest.h>

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <utility>
#include <vector>

#include "sim/random.hpp"

namespace dccsim::sim {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Whether a factory's result is a rejection that says why, by each of its accessors.
template <class Result>
bool rejected(const Result& result) {
  return !result.ok() && !static_cast<bool>(result) && !result.error().empty();
}

// Golden values were printed with %.17g; 1e-15 relative leaves room for a last-bit difference in
// a libm function, nothing more.
inline bool same_draw(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-15 * std::fabs(expected);
}

template <class D>
void check_golden_real(const D& dist, std::initializer_list<double> expected) {
  RandomStream stream = make_stream(42, 0, 1);
  for (const double e : expected) {
    const double x = dist.sample(stream);
    CAPTURE(x);
    CAPTURE(e);
    CHECK(same_draw(x, e));
  }
}

template <class D>
void check_golden_count(const D& dist, std::initializer_list<std::uint64_t> expected) {
  RandomStream stream = make_stream(42, 0, 1);
  for (const std::uint64_t e : expected) CHECK(static_cast<std::uint64_t>(dist.sample(stream)) == e);
}

// Sample mean within 4 standard errors of the true mean, and sample variance within 4 of its own
// standard errors (estimated from the fourth central moment) of the true variance.
template <class D>
void check_moments(const D& dist, std::uint64_t seed, std::size_t n, double mean, double variance) {
  RandomStream stream = make_stream(seed, 0, 0);
  double s1 = 0.0;
  double s2 = 0.0;
  double s4 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(dist.sample(stream)) - mean;
    s1 += d;
    s2 += d * d;
    s4 += d * d * d * d;
  }
  const auto count = static_cast<double>(n);
  const double mean_offset = s1 / count;
  const double sample_variance = (s2 - s1 * s1 / count) / (count - 1.0);
  const double se_mean = std::sqrt(variance / count);
  const double se_variance = std::sqrt(std::max(s4 / count - variance * variance, 0.0) / count);
  CAPTURE(mean);
  CAPTURE(mean_offset);
  CAPTURE(se_mean);
  CAPTURE(variance);
  CAPTURE(sample_variance);
  CAPTURE(se_variance);
  CHECK(std::fabs(mean_offset) <= 4.0 * se_mean);
  CHECK(std::fabs(sample_variance - variance) <= 4.0 * se_variance);
}

// Kolmogorov-Smirnov against a continuous CDF at level 1e-4 (asymptotic critical value).
template <class D>
void check_cdf(const D& dist, std::uint64_t seed, std::size_t n, const std::function<double(double)>& cdf) {
  RandomStream stream = make_stream(seed, 0, 0);
  std::vector<double> draws(n);
  for (double& x : draws) x = dist.sample(stream);
  std::sort(draws.begin(), draws.end());
  const auto count = static_cast<double>(n);
  double distance = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double f = cdf(draws[i]);
    distance =
        std::max({distance, static_cast<double>(i + 1) / count - f, f - static_cast<double>(i) / count});
  }
  const double critical = std::sqrt(-0.5 * std::log(1e-4 / 2.0)) / std::sqrt(count);
  CAPTURE(distance);
  CAPTURE(critical);
  CHECK(distance < critical);
}

inline double chi_square_limit(std::size_t bins) {
  const boost::math::chi_squared_distribution<double> reference(static_cast<double>(bins - 1));
  return boost::math::quantile(boost::math::complement(reference, 1e-4));
}

// Pearson's chi-square of draws against exact probabilities of 0..max_k (the rest is one tail
// bin), with neighbouring values pooled until each bin expects at least 10 draws.
template <class D>
void check_pmf(const D& dist, std::uint64_t seed, std::size_t n, std::uint64_t max_k,
               const std::function<double(std::uint64_t)>& pmf) {
  RandomStream stream = make_stream(seed, 0, 0);
  std::vector<double> observed(max_k + 2, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::uint64_t>(dist.sample(stream));
    observed[std::min(k, max_k + 1)] += 1.0;
  }
  std::vector<double> expected(max_k + 2, 0.0);
  double covered = 0.0;
  for (std::uint64_t k = 0; k <= max_k; ++k) {
    expected[k] = pmf(k) * static_cast<double>(n);
    covered += pmf(k);
  }
  expected.back() = std::max(0.0, 1.0 - covered) * static_cast<double>(n);

  std::vector<std::pair<double, double>> bins;
  double o = 0.0;
  double e = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    o += observed[i];
    e += expected[i];
    if (e >= 10.0) {
      bins.emplace_back(o, e);
      o = 0.0;
      e = 0.0;
    }
  }
  REQUIRE(bins.size() >= 2);
  bins.back().first += o;
  bins.back().second += e;
  double statistic = 0.0;
  for (const auto& [obs, expect] : bins) statistic += (obs - expect) * (obs - expect) / expect;
  CAPTURE(bins.size());
  CAPTURE(statistic);
  CHECK(statistic < chi_square_limit(bins.size()));
}

inline double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Whether `count` successes of `n` trials lies in the central 1 - 1e-4 range of Binomial(n, p).
inline bool within_binomial_bounds(std::uint64_t count, std::uint64_t n, double p) {
  const boost::math::binomial_distribution<double> reference(static_cast<double>(n), p);
  const auto k = static_cast<double>(count);
  CAPTURE(k);
  CAPTURE(static_cast<double>(n) * p);
  return k >= boost::math::quantile(reference, 0.5e-4) &&
         k <= boost::math::quantile(boost::math::complement(reference, 0.5e-4));
}

}  // namespace dccsim::sim
