#include "sim/discrete_distributions.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/random.hpp"
#include "tests/sim/distribution_checks.hpp"

namespace dccsim::sim {
namespace {

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

}  // namespace

TEST_SUITE("distributions") {
  TEST_CASE("distributions: discrete golden sequences") {
    // First draws from make_stream(42, 0, 1); any change to an algorithm shows up here.
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

  TEST_CASE("distributions: invalid discrete parameters are rejected") {
    for (const double bad : {kNaN, kInf, -kInf}) CHECK(rejected(Poisson::with_mean(bad)));
    for (const double bad : {-0.1, 1.1, kNaN, kInf}) {
      CHECK(rejected(Bernoulli::with_probability(bad)));
      CHECK(rejected(Binomial::with_trials(10, bad)));
    }
    CHECK(rejected(Poisson::with_mean(-1.0)));
    CHECK(rejected(Poisson::with_mean(2e12)));
    CHECK(rejected(Binomial::with_trials(Binomial::kMaxTrials + 1, 0.5)));
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
}

}  // namespace dccsim::sim
