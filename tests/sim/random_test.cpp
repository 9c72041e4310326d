#include "sim/random.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace dccsim::sim {
namespace {

// Pearson's statistic against equal expected counts.
double chi_square_equal(const std::vector<std::uint64_t>& counts) {
  const double total = static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}));
  const double expected = total / static_cast<double>(counts.size());
  double statistic = 0.0;
  for (const std::uint64_t c : counts) {
    const double diff = static_cast<double>(c) - expected;
    statistic += diff * diff / expected;
  }
  return statistic;
}

// The chi-square quantile exceeded with probability 1e-4 by a correct generator.
double chi_square_limit(std::size_t bins) {
  const boost::math::chi_squared_distribution<double> reference(static_cast<double>(bins - 1));
  return boost::math::quantile(boost::math::complement(reference, 1e-4));
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> uniforms(RandomStream stream, std::size_t n) {
  std::vector<double> out(n);
  for (double& u : out) u = stream.uniform01();
  return out;
}

}  // namespace

TEST_SUITE("random") {
  TEST_CASE("random: streams are reproducible") {
    RandomStream a = make_stream(42, 3, 7);
    RandomStream b = make_stream(42, 3, 7);
    CHECK(a == b);
    for (int i = 0; i < 1000; ++i) REQUIRE(a.next_u64() == b.next_u64());
    CHECK(a == b);
    b.next_u64();
    CHECK_FALSE(a == b);
  }

  TEST_CASE("random: golden sequences") {
    // Any change to the engine, the key derivation or the conversions shows up here.
    RandomStream bits = make_stream(42, 0, 1);
    for (const std::uint64_t expected : {0x62e05cb500137799ULL, 0xbb57246fadea2439ULL, 0xb5cd1c1ff17fd58cULL,
                                         0x126095e51472de3bULL, 0xeb89a3b21df48054ULL}) {
      CHECK(bits.next_u64() == expected);
    }
    RandomStream zero = make_stream(0, 0, 0);
    for (const std::uint64_t expected :
         {0xaa296a169012bf30ULL, 0xe115e661d350d30aULL, 0x4e9d05ae2c16511eULL}) {
      CHECK(zero.next_u64() == expected);
    }
    RandomStream other = make_stream(2024, 7, 123456789);
    for (const std::uint64_t expected :
         {0xafe20bfaf0fb80c5ULL, 0xa79b753b07323bd6ULL, 0xf45671729806dec1ULL}) {
      CHECK(other.next_u64() == expected);
    }
    RandomStream closed = make_stream(42, 0, 1);
    for (const double expected : {0.38623599451973489, 0.73179843641802522, 0.71016097812525847,
                                  0.071786278178886831, 0.92006896112975944}) {
      CHECK(closed.uniform01() == expected);
    }
    RandomStream open = make_stream(42, 0, 1);
    for (const double expected : {0.386235994519735, 0.73179843641802533, 0.71016097812525858,
                                  0.071786278178886831, 0.92006896112975955}) {
      CHECK(open.uniform01_open() == expected);
    }
    RandomStream ints = make_stream(42, 0, 1);
    for (const std::uint64_t expected : {386U, 731U, 710U, 71U, 920U})
      CHECK(ints.uniform_int(1000) == expected);
  }

  TEST_CASE("random: different triples give different streams") {
    const std::array<std::array<std::uint64_t, 3>, 9> keys = {
        {{1, 2, 3}, {3, 2, 1}, {2, 1, 3}, {1, 2, 4}, {1, 3, 3}, {2, 2, 3}, {0, 0, 0}, {0, 0, 1}, {1, 0, 0}}};
    std::vector<std::uint64_t> firsts;
    firsts.reserve(keys.size());
    for (const auto& key : keys) firsts.push_back(make_stream(key[0], key[1], key[2]).next_u64());
    std::sort(firsts.begin(), firsts.end());
    CHECK(std::adjacent_find(firsts.begin(), firsts.end()) == firsts.end());
  }

  TEST_CASE("random: creating another stream does not perturb a stream") {
    RandomStream alone = make_stream(9, 1, 3);
    std::vector<std::uint64_t> expected(100);
    for (auto& x : expected) x = alone.next_u64();

    RandomStream three = make_stream(9, 1, 3);
    RandomStream seven = make_stream(9, 1, 7);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      seven.next_u64();
      REQUIRE(three.next_u64() == expected[i]);
      seven.uniform01();
    }
  }

  TEST_CASE("random: neighbouring streams are uncorrelated") {
    // Each correlation is about N(0, 1/n) for independent streams; 4.5 standard errors.
    constexpr std::size_t kN = 100'000;
    const double limit = 4.5 / std::sqrt(static_cast<double>(kN));
    const std::vector<double> base = uniforms(make_stream(5, 2, 3), kN);
    CHECK(std::fabs(correlation(base, uniforms(make_stream(5, 2, 4), kN))) < limit);
    CHECK(std::fabs(correlation(base, uniforms(make_stream(5, 3, 3), kN))) < limit);
    CHECK(std::fabs(correlation(base, uniforms(make_stream(6, 2, 3), kN))) < limit);
    CHECK(std::fabs(correlation(base, uniforms(make_stream(3, 2, 5), kN))) < limit);
    // Lag one within a stream.
    const std::vector<double> shifted(base.begin() + 1, base.end());
    const std::vector<double> trimmed(base.begin(), base.end() - 1);
    CHECK(std::fabs(correlation(trimmed, shifted)) < limit);
  }

  TEST_CASE("random: first draws across consecutive keys are uniform") {
    // Weak seeding shows up as structure in the first outputs of related keys.
    constexpr std::uint64_t kKeys = 50'000;
    constexpr std::size_t kBins = 100;
    std::vector<std::uint64_t> by_id(kBins, 0);
    std::vector<std::uint64_t> by_replication(kBins, 0);
    std::vector<std::uint64_t> by_seed(kBins, 0);
    for (std::uint64_t k = 0; k < kKeys; ++k) {
      ++by_id[make_stream(1, 0, k).uniform_int(kBins)];
      ++by_replication[make_stream(1, k, 0).uniform_int(kBins)];
      ++by_seed[make_stream(k, 0, 0).uniform_int(kBins)];
    }
    const double limit = chi_square_limit(kBins);
    CHECK(chi_square_equal(by_id) < limit);
    CHECK(chi_square_equal(by_replication) < limit);
    CHECK(chi_square_equal(by_seed) < limit);
  }

  TEST_CASE("random: uniform01 is uniform on the half-open unit interval") {
    constexpr std::size_t kN = 1'000'000;
    constexpr std::size_t kBins = 1000;
    RandomStream stream = make_stream(11, 0, 0);
    std::vector<std::uint64_t> counts(kBins, 0);
    double sum = 0.0;
    std::size_t outside = 0;
    for (std::size_t i = 0; i < kN; ++i) {
      const double u = stream.uniform01();
      if (!(u >= 0.0 && u < 1.0)) {
        ++outside;
        continue;
      }
      sum += u;
      ++counts[static_cast<std::size_t>(u * kBins)];
    }
    CHECK(outside == 0);
    CHECK(chi_square_equal(counts) < chi_square_limit(kBins));
    // Mean 1/2, standard deviation sqrt(1/12).
    CHECK(std::fabs(sum / kN - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / kN));
  }

  TEST_CASE("random: uniform01_open stays inside (0, 1)") {
    RandomStream stream = make_stream(12, 0, 0);
    std::vector<std::uint64_t> counts(100, 0);
    int outside = 0;
    for (int i = 0; i < 200'000; ++i) {
      const double u = stream.uniform01_open();
      if (!(u > 0.0 && u < 1.0)) {
        ++outside;
        continue;
      }
      ++counts[static_cast<std::size_t>(u * 100.0)];
    }
    CHECK(outside == 0);
    CHECK(chi_square_equal(counts) < chi_square_limit(counts.size()));
  }

  TEST_CASE("random: unit conversions reach but never cross their bounds") {
    constexpr std::uint64_t kAllOnes = ~std::uint64_t{0};
    CHECK(to_uniform01(0) == 0.0);
    CHECK(to_uniform01(kAllOnes) == 1.0 - 0x1.0p-53);
    CHECK(to_uniform01_open(0) == 0x1.0p-53);
    CHECK(to_uniform01_open(kAllOnes) == 1.0 - 0x1.0p-53);
    CHECK(to_uniform01_open(kAllOnes) < 1.0);
    CHECK(std::log(to_uniform01_open(0)) > -37.0);
  }

  TEST_CASE("random: uniform_int is unbiased") {
    RandomStream stream = make_stream(13, 0, 0);
    CHECK(stream.uniform_int(0) == 0);
    CHECK(stream.uniform_int(1) == 0);

    std::vector<std::uint64_t> counts(7, 0);
    for (int i = 0; i < 700'000; ++i) ++counts[stream.uniform_int(7)];
    CHECK(chi_square_equal(counts) < chi_square_limit(counts.size()));

    // With n = 3 * 2^62 a plain modulo would put half the draws below 2^62 instead of a third.
    constexpr std::uint64_t kN = 3ULL << 62;
    constexpr int kDraws = 300'000;
    int below = 0;
    int outside = 0;
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t x = stream.uniform_int(kN);
      outside += x < kN ? 0 : 1;
      below += x < (1ULL << 62) ? 1 : 0;
    }
    CHECK(outside == 0);
    const double share = static_cast<double>(below) / kDraws;
    CHECK(std::fabs(share - 1.0 / 3.0) < 4.0 * std::sqrt(2.0 / 9.0 / kDraws));
  }

  TEST_CASE("random: works as a UniformRandomBitGenerator") {
    static_assert(std::uniform_random_bit_generator<RandomStream>);
    static_assert(RandomStream::min() == 0);
    static_assert(RandomStream::max() == ~std::uint64_t{0});
    std::vector<int> a(50);
    std::iota(a.begin(), a.end(), 0);
    std::vector<int> b = a;
    RandomStream sa = make_stream(14, 0, 0);
    RandomStream sb = make_stream(14, 0, 0);
    std::shuffle(a.begin(), a.end(), sa);
    std::shuffle(b.begin(), b.end(), sb);
    CHECK(a == b);
    RandomStream direct = make_stream(14, 0, 1);
    RandomStream via_call = make_stream(14, 0, 1);
    CHECK(direct.next_u64() == via_call());
  }
}

}  // namespace dccsim::sim
