#include "sim/param_result.hpp"

#include <doctest/doctest.h>

#include <optional>

#include "sim/continuous_distributions.hpp"

namespace dccsim::sim {

TEST_SUITE("distributions") {
  TEST_CASE("distributions: a parameter result holds the value or says why not") {
    CHECK(Exponential::with_mean(1.0).error().empty());
    CHECK_THROWS_AS(static_cast<void>(Exponential::with_mean(-1.0).value()), std::bad_optional_access);
  }
}

}  // namespace dccsim::sim
