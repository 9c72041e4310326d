#include "sim/any_distribution.hpp"

#include <doctest/doctest.h>

#include <variant>
#include <vector>

#include "sim/continuous_distributions.hpp"
#include "sim/empirical_distributions.hpp"
#include "sim/random.hpp"

namespace dccsim::sim {
namespace {

// The wrapper must draw exactly what the distribution it holds draws, from the same stream state.
template <class D>
void check_same_draws(const D& dist) {
  const AnyDistribution any(dist);
  CHECK(std::holds_alternative<D>(any.get()));
  CHECK(any.mean() == dist.mean());
  RandomStream direct = make_stream(7, 0, 3);
  RandomStream wrapped = make_stream(7, 0, 3);
  for (int i = 0; i < 1000; ++i) REQUIRE(any.sample(wrapped) == dist.sample(direct));
  CHECK(wrapped == direct);
}

}  // namespace

TEST_SUITE("distributions") {
  TEST_CASE("any distribution: the default is the constant zero and consumes nothing") {
    const AnyDistribution zero;
    CHECK(zero.is_constant());
    CHECK(zero.mean() == 0.0);
    RandomStream stream = make_stream(1, 0, 0);
    const RandomStream before = stream;
    CHECK(zero.sample(stream) == 0.0);
    CHECK(stream == before);
  }

  TEST_CASE("any distribution: draws what the wrapped distribution draws") {
    check_same_draws(Deterministic::with_value(2.5).value());
    check_same_draws(Exponential::with_mean(3.0).value());
    check_same_draws(Uniform::with_bounds(1.0, 4.0).value());
    check_same_draws(Lognormal::with_mean_p95(10.0, 25.0).value());
    check_same_draws(Gamma::with_shape_scale(0.4, 2.0).value());
    check_same_draws(Erlang::with_shape_mean(3, 6.0).value());
    const std::vector<double> values{0.0, 1.0, 5.0};
    const std::vector<double> cumulative{0.0, 0.7, 1.0};
    check_same_draws(EmpiricalContinuous::from_cdf(values, cumulative).value());
    CHECK_FALSE(AnyDistribution(Exponential::with_mean(3.0).value()).is_constant());
    CHECK(AnyDistribution(Deterministic::with_value(2.5).value()).is_constant());
  }
}

}  // namespace dccsim::sim
