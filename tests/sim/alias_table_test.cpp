#include "sim/alias_table.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "sim/random.hpp"
#include "tests/sim/distribution_checks.hpp"

namespace dccsim::sim {

TEST_SUITE("distributions") {
  TEST_CASE("distributions: invalid alias table weights are rejected") {
    const std::vector<double> empty;
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
}

}  // namespace dccsim::sim
