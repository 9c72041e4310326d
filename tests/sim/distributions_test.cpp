#include "sim/distributions.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "sim/random.hpp"

namespace dccsim::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Golden values were printed with %.17g; 1e-15 relative leaves room for a last-bit difference in
// a libm function, nothing more.
bool same_draw(double actual, double expected) {
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

double chi_square_limit(std::size_t bins) {
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

double poisson_pmf(double mean, std::uint64_t k) {
  const auto x = static_cast<double>(k);
  if (mean == 0.0) return k == 0 ? 1.0 : 0.0;
  return std::exp(x * std::log(mean) - mean - std::lgamma(x + 1.0));
}

double binomial_pmf(std::uint64_t n, double p, std::uint64_t k) {
  if (k > n) return 0.0;
  const auto nn = static_cast<double>(n);
  const auto x = static_cast<double>(k);
  return std::exp(std::lgamma(nn + 1.0) - std::lgamma(x + 1.0) - std::lgamma(nn - x + 1.0) + x * std::log(p) +
                  (nn - x) * std::log1p(-p));
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Whether `count` successes of `n` trials lies in the central 1 - 1e-4 range of Binomial(n, p).
bool within_binomial_bounds(std::uint64_t count, std::uint64_t n, double p) {
  const boost::math::binomial_distribution<double> reference(static_cast<double>(n), p);
  const auto k = static_cast<double>(count);
  CAPTURE(k);
  CAPTURE(static_cast<double>(n) * p);
  return k >= boost::math::quantile(reference, 0.5e-4) &&
         k <= boost::math::quantile(boost::math::complement(reference, 0.5e-4));
}

// standard_normal as a distribution object, for the helpers above.
struct StandardNormal {
  double sample(RandomStream& stream) const { return standard_normal(stream); }
};

}  // namespace

TEST_SUITE("distributions") {
  TEST_CASE("distributions: golden sequences") {
    // First draws from make_stream(42, 0, 1); any change to an algorithm shows up here.
    check_golden_real(Exponential::with_mean(2.0).value(),
                      {1.9026134231413552, 0.62450032604807892, 0.68452720978439363, 5.2681238658135952,
                       0.1666133079970083});
    check_golden_real(Uniform::with_bounds(-1.0, 3.0).value(),
                      {0.54494397807893957, 1.9271937456721009, 1.8406439125010339, -0.71285488728445268,
                       2.6802758445190378});
    check_golden_real(Normal::with_mean_sd(1.0, 2.0).value(),
                      {3.112940443357112, -1.2457907609683261, -0.68637859140424773, 1.5954040812371884,
                       0.40722724021749512});
    check_golden_real(
        Lognormal::with_mean_p95(10.0, 25.0).value(),
        {16.45800835999745, 3.4984119006809751, 4.2675866714633468, 9.5992520292087402, 6.2938185283024142});
    check_golden_real(
        Gamma::with_shape_scale(2.5, 3.0).value(),
        {12.370384365663856, 3.4422931891230437, 5.2770727374771216, 5.2919170030121165, 6.4821266556577175});
    check_golden_real(Gamma::with_shape_scale(0.3, 3.0).value(),
                      {2.3216125797137952, 2.2597335850661446, 2.1061140684744646, 6.8487337974570153,
                       0.050139686933668159});
    check_golden_real(
        Erlang::with_shape_mean(3, 6.0).value(),
        {3.211640958973828, 5.7574956872124297, 2.4215079890865949, 3.1370754223981652, 11.859817595497756});
    check_golden_real(
        Erlang::with_shape_mean(40, 6.0).value(),
        {7.0049174459818504, 5.1884399805524142, 5.6743664907537754, 5.6778994827496811, 5.9461735327575047});
    const std::vector<double> values{1.0, 2.0, 5.0, 10.0};
    const std::vector<double> weights{0.1, 0.2, 0.3, 0.4};
    check_golden_real(EmpiricalDiscrete::from_weights(values, weights).value(), {2.0, 5.0, 5.0, 1.0, 10.0});
    const std::vector<double> points{0.0, 1.0, 5.0, 20.0};
    const std::vector<double> cumulative{0.0, 0.5, 0.9, 1.0};
    check_golden_real(EmpiricalContinuous::from_cdf(points, cumulative).value(),
                      {0.77247198903946979, 3.3179843641802522, 3.1016097812525847, 0.14357255635777366,
                       8.010344169463913});
    check_golden_count(Bernoulli::with_probability(0.3).value(), {0, 0, 0, 1, 0});
    check_golden_count(Poisson::with_mean(3.0).value(), {2, 4, 4, 1, 6});
    check_golden_count(Poisson::with_mean(50.0).value(), {48, 54, 62, 57, 51});
    check_golden_count(Poisson::with_mean(1e9).value(),
                       {999989728, 1000019695, 1000054488, 1000030581, 1000002510});
    check_golden_count(Binomial::with_trials(20, 0.3).value(), {5, 7, 7, 3, 9});
    check_golden_count(Binomial::with_trials(1'000'000, 0.6).value(),
                       {600012, 599371, 599436, 600582, 599420});
    check_golden_count(Binomial::with_trials(10'000'000'000, 0.2).value(),
                       {1999998868, 2000050622, 2000045465, 1999952446, 2000047339});
  }

  TEST_CASE("distributions: invalid parameters are rejected") {
    const auto rejected = [](const auto& result) {
      return !result.ok() && !static_cast<bool>(result) && !result.error().empty();
    };
    for (const double bad : {0.0, -1.0, kNaN, kInf, -kInf}) {
      CAPTURE(bad);
      CHECK(rejected(Exponential::with_mean(bad)));
      CHECK(rejected(Exponential::with_rate(bad)));
      CHECK(rejected(Lognormal::with_median_sigma(bad, 1.0)));
      CHECK(rejected(Lognormal::with_mean_p95(bad, 2.0)));
      CHECK(rejected(Lognormal::with_mean_p95(1.0, bad)));
      CHECK(rejected(Gamma::with_shape_scale(bad, 1.0)));
      CHECK(rejected(Gamma::with_shape_scale(1.0, bad)));
      CHECK(rejected(Erlang::with_shape_mean(2, bad)));
    }
    CHECK(rejected(Exponential::with_rate(1e-320)));  // 1/rate overflows
    for (const double bad : {kNaN, kInf, -kInf}) {
      CHECK(rejected(Deterministic::with_value(bad)));
      CHECK(rejected(Uniform::with_bounds(bad, 1.0)));
      CHECK(rejected(Uniform::with_bounds(0.0, bad)));
      CHECK(rejected(Normal::with_mean_sd(bad, 1.0)));
      CHECK(rejected(Normal::with_mean_sd(0.0, bad)));
      CHECK(rejected(Lognormal::with_mu_sigma(bad, 1.0)));
      CHECK(rejected(Lognormal::with_mu_sigma(0.0, bad)));
      CHECK(rejected(Poisson::with_mean(bad)));
    }
    CHECK(rejected(Uniform::with_bounds(2.0, 1.0)));
    CHECK(rejected(Uniform::with_bounds(-1.7e308, 1.7e308)));  // width overflows
    CHECK(rejected(Normal::with_mean_sd(0.0, -1.0)));
    CHECK(rejected(Lognormal::with_mu_sigma(0.0, -0.1)));
    CHECK(rejected(Lognormal::with_median_sigma(1.0, -0.1)));
    CHECK(rejected(Lognormal::with_mean_p95(10.0, 9.99)));  // p95 below the mean
    CHECK(rejected(Lognormal::with_mean_p95(10.0, 38.7)));  // above mean * exp(z^2 / 2) = 38.68...
    CHECK(rejected(Erlang::with_shape_mean(0, 1.0)));
    for (const double bad : {-0.1, 1.1, kNaN, kInf}) {
      CHECK(rejected(Bernoulli::with_probability(bad)));
      CHECK(rejected(Binomial::with_trials(10, bad)));
    }
    CHECK(rejected(Poisson::with_mean(-1.0)));
    CHECK(rejected(Poisson::with_mean(2e12)));
    CHECK(rejected(Binomial::with_trials(Binomial::kMaxTrials + 1, 0.5)));

    const std::vector<double> empty;
    const std::vector<double> one{1.0};
    const std::vector<double> two{1.0, 2.0};
    const std::vector<double> zeros{0.0, 0.0};
    const std::vector<double> negative{1.0, -0.5};
    const std::vector<double> with_nan{1.0, kNaN};
    const std::vector<double> with_inf{1.0, kInf};
    const std::vector<double> overflowing{1.7e308, 1.7e308};
    CHECK(rejected(AliasTable::from_weights(empty)));
    CHECK(rejected(AliasTable::from_weights(zeros)));
    CHECK(rejected(AliasTable::from_weights(negative)));
    CHECK(rejected(AliasTable::from_weights(with_nan)));
    CHECK(rejected(AliasTable::from_weights(with_inf)));
    CHECK(rejected(AliasTable::from_weights(overflowing)));
    CHECK(rejected(EmpiricalDiscrete::from_weights(one, two)));
    CHECK(rejected(EmpiricalDiscrete::from_weights(with_nan, two)));
    CHECK(rejected(EmpiricalDiscrete::from_weights(two, negative)));
    CHECK(rejected(EmpiricalDiscrete::from_weights(empty, empty)));

    const std::vector<double> cdf{0.0, 1.0};
    const std::vector<double> cdf3{0.0, 0.5, 1.0};
    const std::vector<double> decreasing_cdf{0.0, 0.6, 0.4, 1.0};
    const std::vector<double> values4{1.0, 2.0, 3.0, 4.0};
    const std::vector<double> decreasing_values{1.0, 3.0, 2.0};
    const std::vector<double> not_from_zero{0.1, 1.0};
    const std::vector<double> not_to_one{0.0, 0.99};
    const std::vector<double> above_one{0.0, 1.5, 1.0};
    CHECK(rejected(EmpiricalContinuous::from_cdf(one, one)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(two, cdf3)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(values4, decreasing_cdf)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(decreasing_values, cdf3)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(two, not_from_zero)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(two, not_to_one)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(decreasing_values, above_one)));
    CHECK(rejected(EmpiricalContinuous::from_cdf(with_inf, cdf)));
    CHECK(EmpiricalContinuous::from_cdf(two, cdf).ok());

    CHECK(Exponential::with_mean(1.0).error().empty());
    CHECK_THROWS_AS(static_cast<void>(Exponential::with_mean(-1.0).value()), std::bad_optional_access);
  }

  TEST_CASE("distributions: exponential matches its CDF and moments") {
    const auto by_mean = Exponential::with_mean(2.5).value();
    const auto by_rate = Exponential::with_rate(0.4).value();
    CHECK(by_rate.mean() == doctest::Approx(2.5));
    CHECK(by_mean.rate() == doctest::Approx(0.4));
    CHECK(by_mean.variance() == doctest::Approx(6.25));
    check_moments(by_mean, 101, 200'000, 2.5, 6.25);
    check_cdf(by_rate, 102, 100'000, [](double x) { return -std::expm1(-x / 2.5); });
  }

  TEST_CASE("distributions: deterministic draws its value and consumes nothing") {
    const auto constant = Deterministic::with_value(-3.25).value();
    RandomStream stream = make_stream(1, 0, 0);
    const RandomStream before = stream;
    CHECK(constant.sample(stream) == -3.25);
    CHECK(stream == before);
    CHECK(constant.mean() == -3.25);
    CHECK(constant.variance() == 0.0);
  }

  TEST_CASE("distributions: uniform covers its interval") {
    const auto uniform = Uniform::with_bounds(-2.0, 6.0).value();
    CHECK(uniform.mean() == 2.0);
    CHECK(uniform.variance() == doctest::Approx(64.0 / 12.0));
    check_moments(uniform, 103, 200'000, 2.0, 64.0 / 12.0);
    check_cdf(uniform, 104, 100'000, [](double x) { return (x + 2.0) / 8.0; });
    const auto point = Uniform::with_bounds(1.5, 1.5).value();
    RandomStream stream = make_stream(1, 0, 0);
    CHECK(point.sample(stream) == 1.5);
  }

  TEST_CASE("distributions: normal matches its CDF and moments") {
    const auto normal = Normal::with_mean_sd(-1.0, 3.0).value();
    check_moments(normal, 105, 200'000, -1.0, 9.0);
    check_cdf(normal, 106, 100'000, [](double x) { return normal_cdf((x + 1.0) / 3.0); });
    // Tails: both sides beyond 3 sd, each with probability 0.00135.
    RandomStream stream = make_stream(107, 0, 0);
    constexpr int kN = 1'000'000;
    int low = 0;
    int high = 0;
    for (int i = 0; i < kN; ++i) {
      const double z = standard_normal(stream);
      low += z < -3.0 ? 1 : 0;
      high += z > 3.0 ? 1 : 0;
    }
    const double p = normal_cdf(-3.0);
    const double se = std::sqrt(p * (1.0 - p) / kN);
    CHECK(std::fabs(low / static_cast<double>(kN) - p) < 4.0 * se);
    CHECK(std::fabs(high / static_cast<double>(kN) - p) < 4.0 * se);
    const auto constant = Normal::with_mean_sd(4.0, 0.0).value();
    CHECK(constant.sample(stream) == 4.0);
  }

  TEST_CASE("distributions: standard normal ziggurat tables match their definition") {
    const double* x = detail::kNormalZigguratX;
    const double* f = detail::kNormalZigguratF;
    constexpr std::size_t kLayers = detail::kNormalLayers;
    const double r = x[1];
    const double v =
        r * std::exp(-0.5 * r * r) + std::sqrt(std::acos(-1.0) / 2.0) * std::erfc(r / std::sqrt(2.0));
    CHECK(x[0] == doctest::Approx(v / std::exp(-0.5 * r * r)).epsilon(1e-14));
    CHECK(x[kLayers] == 0.0);
    CHECK(f[kLayers] == 1.0);
    for (std::size_t i = 0; i <= kLayers; ++i) {
      CAPTURE(i);
      CHECK(f[i] == doctest::Approx(std::exp(-0.5 * x[i] * x[i])).epsilon(1e-14));
      if (i > 0) CHECK(x[i] < x[i - 1]);
      // Every layer above the base strip is a rectangle of the same area as the base strip (with its tail).
      if (i >= 1 && i < kLayers) CHECK(x[i] * (f[i + 1] - f[i]) == doctest::Approx(v).epsilon(1e-12));
    }
  }

  TEST_CASE("distributions: standard normal is N(0, 1) in the body, on the layer edges and in the tails") {
    check_moments(StandardNormal{}, 113, 1'000'000, 0.0, 1.0);
    check_cdf(StandardNormal{}, 114, 1'000'000, normal_cdf);

    // Counts between consecutive ziggurat edges (both signs, plus the tails beyond x[0]): a wrong layer,
    // wedge or tail shows up as a bin off its probability.
    std::vector<double> edges;
    for (std::size_t i = 0; i < detail::kNormalLayers; ++i) {
      edges.push_back(detail::kNormalZigguratX[i]);
      edges.push_back(-detail::kNormalZigguratX[i]);
    }
    edges.push_back(0.0);
    std::sort(edges.begin(), edges.end());
    constexpr std::uint64_t kN = 10'000'000;
    constexpr std::array<double, 3> kSigmas{3.0, 4.0, 5.0};
    std::vector<double> observed(edges.size() + 1, 0.0);
    std::array<std::uint64_t, kSigmas.size()> below{};
    std::array<std::uint64_t, kSigmas.size()> above{};
    std::vector<double> tail;
    RandomStream stream = make_stream(115, 0, 0);
    for (std::uint64_t n = 0; n < kN; ++n) {
      const double z = standard_normal(stream);
      observed[static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), z) - edges.begin())] +=
          1.0;
      for (std::size_t k = 0; k < kSigmas.size(); ++k) {
        below[k] += z < -kSigmas[k] ? 1u : 0u;
        above[k] += z > kSigmas[k] ? 1u : 0u;
      }
      if (std::fabs(z) > 3.0) tail.push_back(std::fabs(z));
    }
    double statistic = 0.0;
    for (std::size_t b = 0; b < observed.size(); ++b) {
      const double low = b == 0 ? 0.0 : normal_cdf(edges[b - 1]);
      const double high = b == edges.size() ? 1.0 : normal_cdf(edges[b]);
      const double expected = (high - low) * static_cast<double>(kN);
      statistic += (observed[b] - expected) * (observed[b] - expected) / expected;
    }
    CAPTURE(statistic);
    CHECK(statistic < chi_square_limit(observed.size()));

    for (std::size_t k = 0; k < kSigmas.size(); ++k) {
      CAPTURE(kSigmas[k]);
      const double p = normal_cdf(-kSigmas[k]);
      CHECK(within_binomial_bounds(below[k], kN, p));
      CHECK(within_binomial_bounds(above[k], kN, p));
      CHECK(within_binomial_bounds(below[k] + above[k], kN, 2.0 * p));
    }

    // The shape beyond 3 sigma, where the wedges of the lowest layers and the tail method take over.
    const double tail_mass = 2.0 * normal_cdf(-3.0);
    std::sort(tail.begin(), tail.end());
    const auto count = static_cast<double>(tail.size());
    double distance = 0.0;
    for (std::size_t i = 0; i < tail.size(); ++i) {
      const double cdf = 1.0 - 2.0 * normal_cdf(-tail[i]) / tail_mass;
      distance = std::max(
          {distance, static_cast<double>(i + 1) / count - cdf, cdf - static_cast<double>(i) / count});
    }
    CAPTURE(count);
    CAPTURE(distance);
    CHECK(distance < std::sqrt(-0.5 * std::log(1e-4 / 2.0)) / std::sqrt(count));
  }

  TEST_CASE("distributions: lognormal from mean and p95 reproduces both") {
    const std::vector<std::pair<double, double>> cases{
        {10.0, 25.0}, {1.0, 1.0001}, {0.2, 0.7}, {3.0, 3.0 * 3.86}, {5.0e-3, 1.0e-2}};
    for (const auto& c : cases) {
      // Named copies, not structured bindings: clang 14 rejects those inside CAPTURE's lambda.
      const double mean = c.first;
      const double p95 = c.second;
      CAPTURE(mean);
      CAPTURE(p95);
      const auto lognormal = Lognormal::with_mean_p95(mean, p95).value();
      CHECK(lognormal.sigma() >= 0.0);
      CHECK(lognormal.sigma() <= Lognormal::kZ95);
      CHECK(lognormal.mean() == doctest::Approx(mean).epsilon(1e-12));
      CHECK(std::exp(lognormal.mu() + Lognormal::kZ95 * lognormal.sigma()) ==
            doctest::Approx(p95).epsilon(1e-12));
      check_moments(lognormal, 108, 200'000, mean, lognormal.variance());
      // The share of draws at or below p95 is 0.95 within 4 standard errors.
      RandomStream stream = make_stream(109, 0, 0);
      constexpr int kN = 100'000;
      int below = 0;
      for (int i = 0; i < kN; ++i) below += lognormal.sample(stream) <= p95 ? 1 : 0;
      CHECK(std::fabs(below / static_cast<double>(kN) - 0.95) < 4.0 * std::sqrt(0.95 * 0.05 / kN));
    }
    // p95 == mean is the degenerate sigma = 0; the upper limit gives sigma = z exactly.
    const auto degenerate = Lognormal::with_mean_p95(4.0, 4.0).value();
    CHECK(degenerate.sigma() == 0.0);
    RandomStream stream = make_stream(1, 0, 0);
    CHECK(degenerate.sample(stream) == doctest::Approx(4.0));
    const double limit = std::exp(0.5 * Lognormal::kZ95 * Lognormal::kZ95);
    const auto widest = Lognormal::with_mean_p95(1.0, limit * (1.0 - 1e-15)).value();
    CHECK(widest.sigma() == doctest::Approx(Lognormal::kZ95).epsilon(1e-6));
  }

  TEST_CASE("distributions: lognormal from mu, sigma and median") {
    const auto by_median = Lognormal::with_median_sigma(20.0, 0.5).value();
    CHECK(by_median.median() == doctest::Approx(20.0));
    CHECK(by_median.mu() == doctest::Approx(std::log(20.0)));
    CHECK(by_median.mean() == doctest::Approx(20.0 * std::exp(0.125)));
    const auto direct = Lognormal::with_mu_sigma(1.0, 0.8).value();
    check_cdf(direct, 110, 100'000, [](double x) { return normal_cdf((std::log(x) - 1.0) / 0.8); });
    check_moments(by_median, 111, 200'000, by_median.mean(), by_median.variance());
  }

  TEST_CASE("distributions: gamma matches its CDF for small and large shapes") {
    for (const double shape : {0.05, 0.3, 1.0, 2.5, 30.0}) {
      CAPTURE(shape);
      const auto gamma = Gamma::with_shape_scale(shape, 2.0).value();
      CHECK(gamma.mean() == doctest::Approx(shape * 2.0));
      check_cdf(gamma, 112, 100'000, [shape](double x) { return boost::math::gamma_p(shape, x / 2.0); });
      check_moments(gamma, 113, 200'000, shape * 2.0, shape * 4.0);
    }
  }

  TEST_CASE("distributions: erlang matches gamma on both sampling paths") {
    for (const std::uint32_t shape : {1U, 2U, 16U, 17U, 60U}) {
      CAPTURE(shape);
      const auto erlang = Erlang::with_shape_mean(shape, 12.0).value();
      const double phase_mean = 12.0 / shape;
      CHECK(erlang.mean() == doctest::Approx(12.0));
      CHECK(erlang.variance() == doctest::Approx(12.0 * phase_mean));
      check_cdf(erlang, 114, 100'000,
                [shape, phase_mean](double x) { return boost::math::gamma_p(shape, x / phase_mean); });
      check_moments(erlang, 115, 200'000, 12.0, 12.0 * phase_mean);
    }
  }

  TEST_CASE("distributions: alias table frequencies match the weights") {
    const std::vector<double> weights{0.0, 1.0, 2.0, 0.0, 3.0, 10.0, 0.5, 1e-3};
    const auto table = AliasTable::from_weights(weights).value();
    CHECK(table.size() == weights.size());
    constexpr std::size_t kN = 1'000'000;
    RandomStream stream = make_stream(116, 0, 0);
    std::vector<double> counts(weights.size(), 0.0);
    for (std::size_t i = 0; i < kN; ++i) counts[table.sample(stream)] += 1.0;
    CHECK(counts[0] == 0.0);
    CHECK(counts[3] == 0.0);
    const std::vector<std::size_t> drawn{1, 2, 4, 5, 6, 7};
    double total = 0.0;
    for (const std::size_t i : drawn) total += weights[i];
    double statistic = 0.0;
    for (const std::size_t i : drawn) {
      const double expected = weights[i] / total * static_cast<double>(kN);
      statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    CHECK(statistic < chi_square_limit(drawn.size()));

    // A large uneven table.
    RandomStream weight_stream = make_stream(117, 0, 0);
    std::vector<double> many(1000);
    for (double& w : many) {
      const double u = weight_stream.uniform01();
      w = 0.1 + u * u * u;
    }
    const auto big = AliasTable::from_weights(many).value();
    std::vector<double> big_counts(many.size(), 0.0);
    for (std::size_t i = 0; i < kN; ++i) big_counts[big.sample(stream)] += 1.0;
    double big_total = 0.0;
    for (const double w : many) big_total += w;
    double big_statistic = 0.0;
    for (std::size_t i = 0; i < many.size(); ++i) {
      const double expected = many[i] / big_total * static_cast<double>(kN);
      big_statistic += (big_counts[i] - expected) * (big_counts[i] - expected) / expected;
    }
    CHECK(big_statistic < chi_square_limit(many.size()));

    const std::vector<double> single{4.0};
    const auto one = AliasTable::from_weights(single).value();
    for (int i = 0; i < 100; ++i) REQUIRE(one.sample(stream) == 0);
  }

  TEST_CASE("distributions: empirical discrete draws only its values") {
    const std::vector<double> values{1.0, 2.0, 5.0, 10.0};
    const std::vector<double> weights{1.0, 2.0, 3.0, 4.0};
    const auto dist = EmpiricalDiscrete::from_weights(values, weights).value();
    CHECK(dist.mean() == doctest::Approx(6.0));
    check_moments(dist, 118, 200'000, 6.0, 12.4);
    RandomStream stream = make_stream(119, 0, 0);
    for (int i = 0; i < 1000; ++i) {
      const double x = dist.sample(stream);
      REQUIRE(std::find(values.begin(), values.end(), x) != values.end());
    }
  }

  TEST_CASE("distributions: empirical continuous interpolates its CDF") {
    const std::vector<double> values{0.0, 1.0, 5.0, 20.0};
    const std::vector<double> cumulative{0.0, 0.5, 0.9, 1.0};
    const auto dist = EmpiricalContinuous::from_cdf(values, cumulative).value();
    CHECK(dist.mean() == doctest::Approx(2.7));
    const auto cdf = [&](double x) {
      if (x <= values.front()) return 0.0;
      if (x >= values.back()) return 1.0;
      const auto i =
          static_cast<std::size_t>(std::upper_bound(values.begin(), values.end(), x) - values.begin());
      return cumulative[i - 1] +
             (x - values[i - 1]) / (values[i] - values[i - 1]) * (cumulative[i] - cumulative[i - 1]);
    };
    check_cdf(dist, 120, 100'000, cdf);
    // Second moment of a segment [a, b] is (a^2 + ab + b^2) / 3.
    const double second =
        0.5 * (1.0 / 3.0) + 0.4 * (1.0 + 5.0 + 25.0) / 3.0 + 0.1 * (25.0 + 100.0 + 400.0) / 3.0;
    check_moments(dist, 121, 200'000, 2.7, second - 2.7 * 2.7);

    // A repeated value with a rise in probability is an atom; a flat stretch is never drawn.
    const std::vector<double> atom_values{0.0, 1.0, 1.0, 2.0, 3.0};
    const std::vector<double> atom_cdf{0.0, 0.3, 0.6, 1.0, 1.0};
    const auto atom = EmpiricalContinuous::from_cdf(atom_values, atom_cdf).value();
    RandomStream stream = make_stream(122, 0, 0);
    constexpr int kN = 100'000;
    int at_one = 0;
    int outside = 0;
    for (int i = 0; i < kN; ++i) {
      const double x = atom.sample(stream);
      outside += x >= 0.0 && x <= 2.0 ? 0 : 1;
      at_one += x == 1.0 ? 1 : 0;
    }
    CHECK(outside == 0);
    CHECK(std::fabs(at_one / static_cast<double>(kN) - 0.3) < 4.0 * std::sqrt(0.3 * 0.7 / kN));
  }

  TEST_CASE("distributions: bernoulli frequency") {
    const auto coin = Bernoulli::with_probability(0.3).value();
    CHECK(coin.mean() == 0.3);
    check_moments(coin, 123, 200'000, 0.3, 0.21);
    RandomStream stream = make_stream(124, 0, 0);
    const auto never = Bernoulli::with_probability(0.0).value();
    const auto always = Bernoulli::with_probability(1.0).value();
    for (int i = 0; i < 10'000; ++i) {
      REQUIRE_FALSE(never.sample(stream));
      REQUIRE(always.sample(stream));
    }
  }

  TEST_CASE("distributions: poisson mean and variance") {
    for (const double mean : {0.5, 7.0, 10.0, 50.0, 1e6, 1e9}) {
      CAPTURE(mean);
      const auto poisson = Poisson::with_mean(mean).value();
      CHECK(poisson.mean() == mean);
      check_moments(poisson, 125, 200'000, mean, mean);
    }
    const auto zero = Poisson::with_mean(0.0).value();
    RandomStream stream = make_stream(126, 0, 0);
    for (int i = 0; i < 1000; ++i) REQUIRE(zero.sample(stream) == 0);
    check_moments(Poisson::with_mean(Poisson::kMaxMean).value(), 127, 20'000, Poisson::kMaxMean,
                  Poisson::kMaxMean);
  }

  TEST_CASE("distributions: poisson frequencies match the exact pmf") {
    // Both sides of the inversion/PTRS switch at 10, and a wide one for the PTRS tails.
    for (const double mean : {0.5, 7.0, 9.99, 10.0, 50.0, 300.0}) {
      CAPTURE(mean);
      const auto max_k = static_cast<std::uint64_t>(mean + 12.0 * std::sqrt(mean) + 20.0);
      check_pmf(Poisson::with_mean(mean).value(), 128, 400'000, max_k,
                [mean](std::uint64_t k) { return poisson_pmf(mean, k); });
    }
  }

  TEST_CASE("distributions: binomial mean and variance") {
    const std::vector<std::pair<std::uint64_t, double>> cases{
        {20, 0.3}, {1000, 0.02}, {1'000'000, 0.6}, {10'000'000'000, 0.2}, {1'000'000'000'000, 0.5}};
    for (const auto& c : cases) {
      const std::uint64_t n = c.first;
      const double p = c.second;
      CAPTURE(n);
      CAPTURE(p);
      const auto binomial = Binomial::with_trials(n, p).value();
      const auto trials = static_cast<double>(n);
      CHECK(binomial.mean() == doctest::Approx(trials * p));
      CHECK(binomial.variance() == doctest::Approx(trials * p * (1.0 - p)));
      check_moments(binomial, 129, 200'000, trials * p, trials * p * (1.0 - p));
    }
    RandomStream stream = make_stream(130, 0, 0);
    const auto none = Binomial::with_trials(50, 0.0).value();
    const auto all = Binomial::with_trials(50, 1.0).value();
    const auto empty = Binomial::with_trials(0, 0.5).value();
    const auto huge_all = Binomial::with_trials(Binomial::kMaxTrials, 1.0).value();
    for (int i = 0; i < 1000; ++i) {
      REQUIRE(none.sample(stream) == 0);
      REQUIRE(all.sample(stream) == 50);
      REQUIRE(empty.sample(stream) == 0);
      REQUIRE(huge_all.sample(stream) == Binomial::kMaxTrials);
    }
    const auto tiny_p = Binomial::with_trials(10'000'000'000, 3e-10).value();
    check_moments(tiny_p, 131, 200'000, 3.0, 3.0 * (1.0 - 3e-10));
  }

  TEST_CASE("distributions: binomial frequencies match the exact pmf") {
    // Inversion, inversion by symmetry, BTRD at its threshold, BTRD by symmetry, BTRD far tails.
    const std::vector<std::pair<std::uint64_t, double>> cases{
        {20, 0.3}, {40, 0.8}, {200, 0.05}, {30, 0.5}, {100, 0.3}, {100, 0.7}, {1000, 0.02}, {2000, 0.4}};
    for (const auto& c : cases) {
      const std::uint64_t n = c.first;
      const double p = c.second;
      CAPTURE(n);
      CAPTURE(p);
      check_pmf(Binomial::with_trials(n, p).value(), 132, 400'000, n,
                [n, p](std::uint64_t k) { return binomial_pmf(n, p, k); });
    }
  }

  TEST_CASE("distributions: the same stream gives the same draws") {
    const auto gamma = Gamma::with_shape_scale(0.7, 1.0).value();
    const auto binomial = Binomial::with_trials(5000, 0.3).value();
    RandomStream a = make_stream(133, 2, 9);
    RandomStream b = make_stream(133, 2, 9);
    for (int i = 0; i < 1000; ++i) {
      REQUIRE(gamma.sample(a) == gamma.sample(b));
      REQUIRE(binomial.sample(a) == binomial.sample(b));
    }
  }
}

}  // namespace dccsim::sim
