#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

#include "sim/standard_normal.hpp"

namespace dccsim::sim {

TEST_SUITE("distributions") {
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
}

}  // namespace dccsim::sim
