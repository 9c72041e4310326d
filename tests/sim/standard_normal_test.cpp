#include "sim/standard_normal.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/random.hpp"
#include "tests/sim/distribution_checks.hpp"

namespace dccsim::sim {
namespace {

// standard_normal as a distribution object, for the helpers above.
struct StandardNormal {
  double sample(RandomStream& stream) const { return standard_normal(stream); }
};

}  // namespace

TEST_SUITE("distributions") {
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
}

}  // namespace dccsim::sim
