#include "sim/distributions.hpp"

#include <doctest/doctest.h>

#include "sim/random.hpp"

namespace dccsim::sim {

TEST_SUITE("distributions") {
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
