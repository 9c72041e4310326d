#include "sim/empirical_distributions.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "sim/random.hpp"
#include "tests/sim/distribution_checks.hpp"

namespace dccsim::sim {

TEST_SUITE("distributions") {
  TEST_CASE("distributions: empirical golden sequences") {
    // First draws from make_stream(42, 0, 1); any change to an algorithm shows up here.
    const std::vector<double> values{1.0, 2.0, 5.0, 10.0};
    const std::vector<double> weights{0.1, 0.2, 0.3, 0.4};
    check_golden_real(EmpiricalDiscrete::from_weights(values, weights).value(), {2.0, 5.0, 5.0, 1.0, 10.0});
    const std::vector<double> points{0.0, 1.0, 5.0, 20.0};
    const std::vector<double> cumulative{0.0, 0.5, 0.9, 1.0};
    check_golden_real(EmpiricalContinuous::from_cdf(points, cumulative).value(),
                      {0.77247198903946979, 3.3179843641802522, 3.1016097812525847, 0.14357255635777366,
                       8.010344169463913});
  }

  TEST_CASE("distributions: invalid empirical parameters are rejected") {
    const std::vector<double> empty;
    const std::vector<double> one{1.0};
    const std::vector<double> two{1.0, 2.0};
    const std::vector<double> negative{1.0, -0.5};
    const std::vector<double> with_nan{1.0, kNaN};
    const std::vector<double> with_inf{1.0, kInf};
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
}

}  // namespace dccsim::sim
