#include "sim/output_analysis.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/support/splitmix.hpp"

namespace dccsim::sim {
namespace {

using dccsim::testing::SplitMix64;

std::vector<double> ar1_series(std::uint64_t seed, std::size_t n, double mean, double phi) {
  SplitMix64 rng(seed);
  std::vector<double> series(n);
  double deviation = rng.normal() / std::sqrt(1.0 - phi * phi);  // stationary start
  for (double& x : series) {
    x = mean + deviation;
    deviation = phi * deviation + rng.normal();
  }
  return series;
}

TEST_CASE("output_analysis: t interval matches a hand-computed value") {
  const std::vector<double> samples = {1, 2, 3, 4, 5};
  const ConfidenceInterval ci = t_interval(samples);
  // sd = sqrt(2.5) = 1.5811388, t(0.975, 4) = 2.7764451: 2.7764451 × 1.5811388 / sqrt(5).
  CHECK(ci.mean == doctest::Approx(3.0));
  CHECK(ci.half_width == doctest::Approx(1.9632432).epsilon(1e-7));
  CHECK(ci.lower() == doctest::Approx(3.0 - 1.9632432).epsilon(1e-7));
  CHECK(ci.upper() == doctest::Approx(3.0 + 1.9632432).epsilon(1e-7));
  CHECK(ci.contains(4.9));
  CHECK_FALSE(ci.contains(5.0));
  CHECK(t_critical(0.95, 4.0) == doctest::Approx(2.7764451).epsilon(1e-7));
  CHECK(t_critical(0.99, 9.0) == doctest::Approx(3.2498355).epsilon(1e-7));
  CHECK(t_interval(samples, 0.90).half_width == doctest::Approx(2.1318468 * std::sqrt(0.5)).epsilon(1e-7));
}

TEST_CASE("output_analysis: t interval from a tally equals the span version") {
  const std::vector<double> samples = {0.3, 1.7, 2.2, 9.1, 4.4, 4.0};
  Tally tally;
  for (const double x : samples) tally.add(x);
  const ConfidenceInterval from_span = t_interval(samples, 0.9);
  const ConfidenceInterval from_tally = t_interval(tally, 0.9);
  CHECK(from_tally.mean == doctest::Approx(from_span.mean).epsilon(1e-14));
  CHECK(from_tally.half_width == doctest::Approx(from_span.half_width).epsilon(1e-12));
}

TEST_CASE("output_analysis: fewer than two samples or a bad level give no finite interval") {
  const std::vector<double> none;
  const std::vector<double> one = {4.0};
  CHECK(std::isnan(t_interval(none).mean));
  CHECK(std::isinf(t_interval(none).half_width));
  CHECK(t_interval(one).mean == 4.0);
  CHECK(std::isinf(t_interval(one).half_width));
  CHECK(t_interval(one).contains(1e300));
  CHECK(std::isinf(t_interval(Tally()).half_width));
  const std::vector<double> two = {1.0, 2.0};
  CHECK(std::isnan(t_interval(two, 1.0).half_width));
  CHECK(std::isnan(t_interval(two, 0.0).half_width));
}

TEST_CASE("output_analysis: the 95 % t interval covers the true mean about 95 % of the time") {
  // 2000 intervals from 10 N(5, 2^2) draws each; coverage ~ Binomial(2000, 0.95)/2000 has sd 0.0049,
  // so [0.93, 0.97] is about ±4 sd.
  SplitMix64 rng(2024);
  constexpr int kTrials = 2000;
  int covered = 0;
  std::vector<double> samples(10);
  for (int trial = 0; trial < kTrials; ++trial) {
    for (double& x : samples) x = 5.0 + 2.0 * rng.normal();
    if (t_interval(samples).contains(5.0)) ++covered;
  }
  const double coverage = covered / static_cast<double>(kTrials);
  MESSAGE("coverage: ", coverage);
  CHECK(coverage >= 0.93);
  CHECK(coverage <= 0.97);
}

TEST_CASE("output_analysis: paired difference interval detects a known shift") {
  SUBCASE("hand-computed") {
    const std::vector<double> a = {3, 5, 7};
    const std::vector<double> b = {1, 4, 4};
    // Differences {2, 1, 3}: mean 2, sd 1, t(0.975, 2) = 4.3026527.
    const ConfidenceInterval ci = paired_difference_interval(a, b, 0.95);
    CHECK(ci.mean == doctest::Approx(2.0));
    CHECK(ci.half_width == doctest::Approx(4.3026527 / std::sqrt(3.0)).epsilon(1e-7));
    CHECK(verdict(ci) == Verdict::no_significant_difference);
  }
  SUBCASE("common random numbers") {
    SplitMix64 rng(77);
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> same;
    for (int i = 0; i < 30; ++i) {
      const double common = 20.0 + 3.0 * rng.normal();
      b.push_back(common);
      a.push_back(common + 0.5 + 0.1 * rng.normal());
      same.push_back(common + 0.1 * rng.normal());
    }
    const ConfidenceInterval shifted = paired_difference_interval(a, b, 0.95);
    CHECK(shifted.contains(0.5));
    CHECK(shifted.half_width < 0.1);
    CHECK(verdict(shifted) == Verdict::A_greater);
    CHECK(verdict(paired_difference_interval(b, a, 0.95)) == Verdict::B_greater);
    CHECK(verdict(paired_difference_interval(same, b, 0.95)) == Verdict::no_significant_difference);
  }
}

TEST_CASE("output_analysis: lag-1 autocorrelation of known series") {
  const std::vector<double> alternating = {1, -1, 1, -1, 1, -1, 1, -1};
  CHECK(lag1_autocorrelation(alternating) == doctest::Approx(-7.0 / 8.0));
  const std::vector<double> ramp = {1, 2, 3, 4, 5};
  // Deviations -2..2: cross products 2 + 0 + 0 + 2 = 4 over squares 10.
  CHECK(lag1_autocorrelation(ramp) == doctest::Approx(0.4));
  const std::vector<double> constant = {3, 3, 3};
  CHECK(lag1_autocorrelation(constant) == 0.0);
  const std::vector<double> one = {3};
  CHECK(std::isnan(lag1_autocorrelation(one)));
  const std::vector<double> ar = ar1_series(5, 100'000, 0.0, 0.7);
  CHECK(lag1_autocorrelation(ar) == doctest::Approx(0.7).epsilon(0.02));
}

TEST_CASE("output_analysis: batch means on AR(1) covers the mean and r1 falls with batch size") {
  constexpr double kMean = 10.0;
  const std::vector<double> series = ar1_series(42, 100'000, kMean, 0.9);

  const BatchMeansResult big = batch_means(series, 20, 0.95);
  CHECK(big.batch_size == 5000);
  CHECK(big.batches == 20);
  CHECK(big.discarded == 0);
  CHECK(big.interval.contains(kMean));
  CHECK(big.acceptable);

  const BatchMeansResult medium = batch_means(series, 1000, 0.95);
  CHECK(medium.batch_size == 100);
  CHECK(std::abs(medium.lag1_autocorrelation) < 0.2);

  const BatchMeansResult tiny = batch_means(series, series.size(), 0.95);
  CHECK(tiny.batch_size == 1);
  CHECK(tiny.lag1_autocorrelation == doctest::Approx(0.9).epsilon(0.02));
  CHECK_FALSE(tiny.acceptable);

  const BatchMeansResult small = batch_means(series, 20'000, 0.95);
  CHECK(small.batch_size == 5);
  CHECK(small.lag1_autocorrelation > 0.5);
  CHECK(small.lag1_autocorrelation < tiny.lag1_autocorrelation);
  CHECK_FALSE(small.acceptable);
  // Correlated batch means understate the variance: the naive interval is narrower.
  CHECK(small.interval.half_width < big.interval.half_width);

  const BatchMeansResult uneven = batch_means(std::span<const double>(series).first(1003), 10, 0.95);
  CHECK(uneven.batch_size == 100);
  CHECK(uneven.discarded == 3);

  CHECK(std::isinf(batch_means(series, 1, 0.95).interval.half_width));
  CHECK_FALSE(batch_means(std::span<const double>(series).first(3), 5, 0.95).acceptable);
}

TEST_CASE("output_analysis: MSER-5 cuts at the end of a known initial transient") {
  // 10·exp(-i/20) + N(0, 1) for the first 200 observations, then 2000 stationary N(0, 1) ones. The
  // bias is 1.35 (above the noise sd) at i = 40 and 0.07 at i = 100; a cut before 40 leaves a visible
  // bias, and past 200 the series is stationary, so the cut must fall in [40, 200]. Over 200 seeds it
  // ranged over [40, 150] with median 60.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SplitMix64 rng(seed);
    std::vector<double> series;
    for (int i = 0; i < 2200; ++i) {
      const double bias = i < 200 ? 10.0 * std::exp(-i / 20.0) : 0.0;
      series.push_back(bias + rng.normal());
    }
    const MserResult result = mser5(series);
    INFO("seed ", seed, " truncation ", result.truncation);
    CHECK(result.truncation >= 40);
    CHECK(result.truncation <= 200);
    CHECK(result.truncation == 5 * result.truncated_batches);
    CHECK(result.reliable);
    CHECK(result.statistic > 0.0);
  }
}

TEST_CASE("output_analysis: MSER-5 cuts little from a stationary series") {
  // Over 200 seeds the cut from 2000 N(3, 1) observations had median 0 and 95th percentile 30.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SplitMix64 rng(100 + seed);
    std::vector<double> series;
    series.reserve(2000);
    for (int i = 0; i < 2000; ++i) series.push_back(3.0 + rng.normal());
    const MserResult result = mser5(series);
    INFO("seed ", seed, " truncation ", result.truncation);
    CHECK(result.truncation <= 100);
  }
}

TEST_CASE("output_analysis: MSER-5 edge cases") {
  const std::vector<double> short_series = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const MserResult none = mser5(short_series);
  CHECK(none.truncation == 0);
  CHECK(std::isnan(none.statistic));
  CHECK_FALSE(none.reliable);

  // A level that keeps drifting puts the minimum at the search limit: flagged unreliable.
  std::vector<double> drift;
  drift.reserve(1000);
  for (int i = 0; i < 1000; ++i) drift.push_back(static_cast<double>(i));
  const MserResult limit = mser5(drift);
  CHECK(limit.truncated_batches == 100);
  CHECK_FALSE(limit.reliable);

  const std::vector<double> constant(50, 2.0);
  const MserResult flat = mser5(constant);
  CHECK(flat.truncation == 0);
  CHECK(flat.statistic == 0.0);
}

}  // namespace
}  // namespace dccsim::sim
