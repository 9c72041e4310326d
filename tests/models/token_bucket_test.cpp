#include "models/token_bucket.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/distributions.hpp"
#include "sim/output_analysis.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace dccsim::models {
namespace {

using sim::Time;

constexpr Time kStart = Time::zero();
constexpr Time kMonthEnd = Time::zero() + sim::days(31);

Time at_ticks(std::int64_t ticks) { return Time::from_ticks(ticks); }

TEST_CASE("token_bucket: a month of one-tick and irregular steps equals one big step exactly") {
  for (const double rate : {0.3, 0.001, 123.456789}) {
    CAPTURE(rate);
    TokenBucket stepped(rate, 1e9, 0.0, kStart);
    TokenBucket jumped = stepped;
    // A million one-tick steps, then steps of 1 tick to 2 s until the end of the month.
    std::int64_t t = 0;
    for (; t < 1'000'000; ++t) stepped.settle(at_ticks(t));
    sim::RandomStream stream = sim::make_stream(7, 0, 1);
    while (t < kMonthEnd.ticks()) {
      t += static_cast<std::int64_t>(stream.uniform_int(2'000'000)) + 1;
      if (t > kMonthEnd.ticks()) t = kMonthEnd.ticks();
      stepped.settle(at_ticks(t));
    }
    jumped.settle(kMonthEnd);
    CHECK(stepped == jumped);  // the same integer level, to the last pico-token
    CHECK(stepped.tokens(kMonthEnd) == jumped.tokens(kMonthEnd));
  }
  // 0.3/s × 2,678,400 s is exactly 803,520 tokens: no drift.
  TokenBucket bucket(0.3, 1e9, 0.0, kStart);
  CHECK(bucket.tokens(kMonthEnd) == 803'520.0);
}

TEST_CASE("token_bucket: consumption over a month is exact") {
  // 100 tokens/s, one token taken at irregular instants: the level is 100 × T minus what was taken.
  TokenBucket bucket(100.0, 1e9, 0.0, kStart);
  sim::RandomStream stream = sim::make_stream(7, 0, 2);
  std::int64_t t = 0;
  std::uint64_t taken = 0;
  std::uint64_t refused = 0;
  for (;;) {
    t += static_cast<std::int64_t>(stream.uniform_int(2'000'000)) + 1;
    if (t > kMonthEnd.ticks()) break;
    if (bucket.try_consume(at_ticks(t), 1)) {
      ++taken;
    } else {
      ++refused;
    }
  }
  CHECK(refused == 0);
  CHECK(taken > 2'000'000);
  CHECK(bucket.tokens(kMonthEnd) == 267'840'000.0 - static_cast<double>(taken));
}

TEST_CASE("token_bucket: fractional rates are exact at their resolution") {
  TokenBucket bucket(0.3, 100.0, 0.0, kStart);
  CHECK(bucket.rate_per_s() == 0.3);
  CHECK(bucket.tokens(kStart + sim::seconds(10)) == 3.0);
  CHECK(bucket.tokens(kStart + sim::seconds(100)) == 30.0);
  // 1/3 per second is stored as 0.333333 per second (micro-token resolution).
  TokenBucket third(1.0 / 3.0, 1e6, 0.0, kStart);
  CHECK(third.rate_per_s() == 0.333333);
  CHECK(third.tokens(kStart + sim::seconds(1'000'000)) == 333'333.0);
}

TEST_CASE("token_bucket: a rate change takes effect at the change instant") {
  TokenBucket bucket(2.0, 100.0, 0.0, kStart);
  bucket.set_rate(kStart + sim::seconds(10), 0.5, 100.0);  // 20 tokens accrued at the old rate
  CHECK(bucket.rate_per_s() == 0.5);
  CHECK(bucket.tokens(kStart + sim::seconds(10)) == 20.0);
  CHECK(bucket.tokens(kStart + sim::seconds(30)) == 30.0);
  // Halving the depth clamps the level; the lower rate refills from there.
  bucket.set_rate(kStart + sim::seconds(30), 0.5, 25.0);
  CHECK(bucket.depth_tokens() == 25.0);
  CHECK(bucket.tokens(kStart + sim::seconds(30)) == 25.0);
  REQUIRE(bucket.try_consume(kStart + sim::seconds(30), 5));
  CHECK(bucket.tokens(kStart + sim::seconds(34)) == 22.0);
  // Rate 0 freezes the level.
  bucket.set_rate(kStart + sim::seconds(34), 0.0, 25.0);
  CHECK(bucket.tokens(kMonthEnd) == 22.0);
}

TEST_CASE("token_bucket: depth caps the level") {
  TokenBucket bucket(5.0, 10.0, 50.0, kStart);  // the initial level is clamped to the depth
  CHECK(bucket.tokens(kStart) == 10.0);
  CHECK(bucket.tokens(kMonthEnd) == 10.0);
  REQUIRE(bucket.try_consume(kStart + sim::seconds(1), 7));
  CHECK(bucket.tokens(kStart + sim::seconds(1)) == 3.0);
  CHECK(bucket.tokens(kStart + sim::milliseconds(2'000)) == 8.0);
  CHECK(bucket.tokens(kStart + sim::seconds(3)) == 10.0);
  CHECK_FALSE(bucket.try_consume(kStart + sim::seconds(3), 11));
  CHECK(bucket.tokens(kStart + sim::seconds(3)) == 10.0);  // a failed attempt takes nothing
}

TEST_CASE("token_bucket: consume_available drains to zero and no further") {
  TokenBucket bucket(1.0, 10.0, 2.5, kStart);
  bucket.consume_available(kStart, 4);
  CHECK(bucket.tokens(kStart) == 0.0);
  CHECK_FALSE(bucket.try_consume(kStart + sim::milliseconds(999), 1));
  bucket.consume_available(kStart + sim::seconds(3), 1);
  CHECK(bucket.tokens(kStart + sim::seconds(3)) == 2.0);
}

TEST_CASE("token_bucket: available_at is the exact first tick") {
  TokenBucket bucket(0.3, 5.0, 0.0, kStart);
  // 1 token needs 1e12 / 300,000 = 3,333,333.3 ticks: rounded up to 3,333,334.
  const Time one = bucket.available_at(kStart, 1);
  CHECK(one.ticks() == 3'333'334);
  CHECK(bucket.available_at(kStart, 2).ticks() == 6'666'667);
  TokenBucket early = bucket;
  CHECK_FALSE(early.try_consume(one - sim::microseconds(1), 1));
  TokenBucket exact = bucket;
  CHECK(exact.try_consume(one, 1));
  // A whole number of ticks: 1 token at 0.5/s is available at exactly 2 s, not a tick before.
  TokenBucket half(0.5, 5.0, 0.0, kStart);
  const Time two = half.available_at(kStart, 1);
  CHECK(two == kStart + sim::seconds(2));
  CHECK_FALSE(TokenBucket(half).try_consume(two - sim::microseconds(1), 1));
  // From a later instant with a partial level.
  CHECK(half.available_at(kStart + sim::milliseconds(500), 1) == kStart + sim::seconds(2));
  // Already there, never (above the depth), never (rate 0).
  CHECK(half.available_at(kStart + sim::seconds(4), 2) == kStart + sim::seconds(4));
  CHECK(half.available_at(kStart, 6) == Time::max());
  CHECK(TokenBucket(0.0, 5.0, 0.0, kStart).available_at(kStart, 1) == Time::max());
  CHECK(TokenBucket(0.0, 5.0, 1.0, kStart).available_at(kStart, 1) == kStart);
  CHECK(half.available_at(kStart, 0) == kStart);
}

// Steady-state conforming share for Poisson arrivals (rate lambda) into a bucket of rate r and
// depth b >= 1 tokens, one token per request, non-conforming requests rejected. The deficit
// b - level, in units of 1/r seconds, is the workload of an M/D/1 queue with unit service in which an
// arrival is admitted iff the workload is <= x = b - 1: an M/D/1 with balking. By level crossing,
// the workload distribution below x is that of the unrestricted queue up to a constant, i.e.
// proportional to Erlang's H(x) = sum_{k=0}^{floor x} (rho (k - x))^k / k! e^{rho (x - k)} with
// rho = lambda / r (valid for any rho); rate balance (admitted × 1/r = P(busy)) fixes the
// constant, and PASTA gives share = P(workload <= x) = H / (1 + rho H).
double conforming_share_closed_form(double lambda, double rate, double depth) {
  const double rho = lambda / rate;
  const double x = depth - 1.0;
  double h = 0.0;
  double factorial = 1.0;
  for (int k = 0; k <= static_cast<int>(std::floor(x)); ++k) {
    if (k > 0) factorial *= k;
    h += std::pow(rho * (k - x), k) / factorial * std::exp(rho * (x - k));
  }
  return h / (1.0 + rho * h);
}

// One replication: Poisson arrivals into a bucket full at the start; the share of conforming
// requests among `arrivals` after `warmup` discarded ones.
double simulated_conforming_share(double lambda, double rate, double depth, std::uint64_t replication,
                                  std::size_t warmup, std::size_t arrivals) {
  sim::RandomStream stream = sim::make_stream(2024, replication, 0);
  const sim::Exponential gap_s = sim::Exponential::with_rate(lambda).value();
  TokenBucket bucket(rate, depth, depth, kStart);
  Time t = kStart;
  std::size_t conforming = 0;
  for (std::size_t i = 0; i < warmup + arrivals; ++i) {
    t += sim::from_seconds(gap_s.sample(stream));
    const bool ok = bucket.try_consume(t, 1);
    if (i >= warmup && ok) ++conforming;
  }
  return static_cast<double>(conforming) / static_cast<double>(arrivals);
}

sim::ConfidenceInterval conforming_share_interval(double lambda, double rate, double depth) {
  constexpr std::size_t kReplications = 20;
  std::vector<double> shares;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    shares.push_back(simulated_conforming_share(lambda, rate, depth, r, 2'000, 100'000));
  }
  return sim::t_interval(shares);
}

TEST_CASE("token_bucket: closed form reproduces the quoted oracle digits") {
  CHECK(std::abs(conforming_share_closed_form(90.0, 100.0, 10.0) - 0.983368) < 1e-6);
  CHECK(std::abs(conforming_share_closed_form(120.0, 100.0, 10.0) - 0.829089) < 1e-6);
  CHECK(std::abs(conforming_share_closed_form(100.0, 100.0, 1.0) - 0.5) < 1e-12);
  // Depth 1 is a renewal argument too: a conforming request empties the bucket, refill takes 1/r,
  // then the next arrival conforms, so the share is r / (lambda + r).
  CHECK(std::abs(conforming_share_closed_form(30.0, 100.0, 1.0) - 100.0 / 130.0) < 1e-12);
}

TEST_CASE("token_bucket: Poisson conforming share matches the oracle, lambda 90/s into 100/s depth 10") {
  constexpr double kOracle = 0.983368;
  const sim::ConfidenceInterval ci = conforming_share_interval(90.0, 100.0, 10.0);
  CHECK(ci.contains(kOracle));
  CHECK_FALSE(ci.contains(kOracle * 0.99));
  CHECK_FALSE(ci.contains(kOracle * 1.01));
  CHECK(ci.half_width < 0.001);
}

TEST_CASE("token_bucket: Poisson conforming share matches the oracle, lambda 120/s into 100/s depth 10") {
  constexpr double kOracle = 0.829089;
  const sim::ConfidenceInterval ci = conforming_share_interval(120.0, 100.0, 10.0);
  CHECK(ci.contains(kOracle));
  CHECK_FALSE(ci.contains(kOracle * 0.99));
  CHECK_FALSE(ci.contains(kOracle * 1.01));
  CHECK(ci.half_width < 0.001);
}

TEST_CASE("token_bucket: Poisson conforming share matches the oracle, depth 1 and lambda = rate") {
  constexpr double kOracle = 0.5;
  const sim::ConfidenceInterval ci = conforming_share_interval(100.0, 100.0, 1.0);
  CHECK(ci.contains(kOracle));
  CHECK_FALSE(ci.contains(kOracle * 0.95));
  CHECK_FALSE(ci.contains(kOracle * 1.05));
  CHECK(ci.half_width < 0.001);
}

}  // namespace
}  // namespace dccsim::models
