#include "sim/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/support/splitmix.hpp"

namespace dccsim::sim {
namespace {

using dccsim::testing::SplitMix64;

Time at_s(double s) { return Time::zero() + from_seconds(s); }

TEST_CASE("statistics: counter adds and merges") {
  Counter a;
  Counter b;
  a.add();
  a.add(4);
  b.add(10);
  a.merge(b);
  CHECK(a.count() == 15);
  a.reset();
  CHECK(a.count() == 0);
}

TEST_CASE("statistics: compensated sum keeps increments a double would round away") {
  CompensatedSum sum;
  double naive = 1e16;
  sum.add(1e16);
  for (int i = 0; i < 1000; ++i) {
    sum.add(1.0);
    naive += 1.0;
  }
  CHECK(sum.value() == 1e16 + 1000.0);
  CHECK(naive == 1e16);
}

TEST_CASE("statistics: tally matches two-pass mean and variance on known data") {
  const std::vector<double> data = {2, 4, 4, 4, 5, 5, 7, 9};
  Tally tally;
  for (const double x : data) tally.add(x);
  CHECK(tally.count() == 8);
  CHECK(tally.sum() == 40.0);
  CHECK(tally.mean() == doctest::Approx(5.0).epsilon(1e-15));
  CHECK(tally.variance() == doctest::Approx(32.0 / 7.0).epsilon(1e-15));
  CHECK(tally.stddev() == doctest::Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
  CHECK(tally.min() == 2.0);
  CHECK(tally.max() == 9.0);

  SUBCASE("a large offset does not cancel the variance away") {
    Tally shifted;
    std::vector<double> values;
    values.reserve(10'000);
    SplitMix64 rng(7);
    for (int i = 0; i < 10'000; ++i) values.push_back(1e9 + rng.uniform());
    for (const double x : values) shifted.add(x);
    // x - 1e9 is exact here, so this reference mean is accurate to about an ulp.
    double offset_sum = 0.0;
    for (const double x : values) offset_sum += x - 1e9;
    const double mean = 1e9 + offset_sum / static_cast<double>(values.size());
    double squares = 0.0;
    for (const double x : values) squares += (x - mean) * (x - mean);
    const double two_pass = squares / static_cast<double>(values.size() - 1);
    CHECK(shifted.mean() == doctest::Approx(mean).epsilon(1e-15));
    CHECK(shifted.variance() == doctest::Approx(two_pass).epsilon(1e-6));
    CHECK(shifted.variance() == doctest::Approx(1.0 / 12.0).epsilon(0.05));
  }
}

TEST_CASE("statistics: tally is NaN where undefined") {
  Tally tally;
  CHECK(tally.count() == 0);
  CHECK(tally.sum() == 0.0);
  CHECK(std::isnan(tally.mean()));
  CHECK(std::isnan(tally.min()));
  CHECK(std::isnan(tally.max()));
  CHECK(std::isnan(tally.variance()));
  tally.add(3.5);
  CHECK(tally.mean() == 3.5);
  CHECK(std::isnan(tally.variance()));
}

TEST_CASE("statistics: tally merge equals one tally over the whole stream") {
  SplitMix64 rng(11);
  std::vector<double> values;
  values.reserve(10'000);
  for (int i = 0; i < 10'000; ++i) values.push_back(100.0 + 50.0 * rng.uniform() * rng.uniform());
  Tally whole;
  for (const double x : values) whole.add(x);

  // Unequal parts, one of them empty, merged in a tree as threads would.
  const std::vector<std::size_t> cuts = {0, 1, 1, 2500, 9000, values.size()};
  std::vector<Tally> parts(cuts.size() - 1);
  for (std::size_t p = 0; p + 1 < cuts.size(); ++p) {
    for (std::size_t i = cuts[p]; i < cuts[p + 1]; ++i) parts[p].add(values[i]);
  }
  Tally left = parts[0];
  left.merge(parts[1]);
  left.merge(parts[2]);
  Tally right = parts[3];
  right.merge(parts[4]);
  left.merge(right);

  CHECK(left.count() == whole.count());
  CHECK(left.sum() == doctest::Approx(whole.sum()).epsilon(1e-15));
  CHECK(left.mean() == doctest::Approx(whole.mean()).epsilon(1e-14));
  CHECK(left.variance() == doctest::Approx(whole.variance()).epsilon(1e-12));
  CHECK(left.min() == whole.min());
  CHECK(left.max() == whole.max());

  Tally empty;
  empty.merge(whole);
  CHECK(empty.variance() == whole.variance());
}

TEST_CASE("statistics: time-weighted average of a hand-computed step function") {
  TimeWeighted queue(at_s(0));
  queue.update(at_s(2), 3.0);
  queue.update(at_s(5), 1.0);
  queue.update(at_s(10), 0.0);
  // (0×2 + 3×3 + 1×5) / 10
  CHECK(queue.mean(at_s(10)) == doctest::Approx(1.4));
  // The open segment at level 0 counts up to `now`: 14 / 20.
  CHECK(queue.mean(at_s(20)) == doctest::Approx(0.7));
  CHECK(queue.elapsed(at_s(20)) == seconds(20));
  CHECK(queue.level() == 0.0);
  CHECK(queue.max_level() == 3.0);
  CHECK(std::isnan(TimeWeighted(at_s(4)).mean(at_s(4))));
}

TEST_CASE("statistics: time-weighted reset deletes the warm-up and keeps the level") {
  TimeWeighted busy(at_s(0), 5.0);
  busy.update(at_s(10), 2.0);
  busy.reset(at_s(10));
  CHECK(busy.max_level() == 2.0);
  busy.update(at_s(15), 4.0);
  // (2×5 + 4×5) / 10
  CHECK(busy.mean(at_s(20)) == doctest::Approx(3.0));
  CHECK(busy.elapsed(at_s(20)) == seconds(10));
}

TEST_CASE("statistics: time-weighted merge equals one accumulator over both spans") {
  TimeWeighted a(at_s(0));
  a.update(at_s(1), 2.0);
  a.advance(at_s(4));  // 6 over 4 s
  TimeWeighted b(at_s(100), 1.0);
  b.update(at_s(106), 3.0);
  b.advance(at_s(108));  // 6 + 6 over 8 s
  a.merge(b);
  CHECK(a.mean(at_s(4)) == doctest::Approx(18.0 / 12.0));
  CHECK(a.elapsed(at_s(4)) == seconds(12));
  CHECK(a.max_level() == 3.0);
}

TEST_CASE("statistics: time-weighted integral stays exact over a month at a high level") {
  // 2.6e12 ticks (30 days) at level 1e6 integrates to 2.6e18, whose ulp is 512: each later
  // 1-tick segment at level 200 is below half an ulp, so a plain double would drop all of them
  // (relative error 7.7e-11); the compensated integral keeps them.
  const std::int64_t month = 2'600'000'000'000;
  const int steps = 1'000'000;
  TimeWeighted level(Time::zero(), 1e6);
  level.update(Time::from_ticks(month), 200.0);
  for (int i = 1; i <= steps; ++i) level.update(Time::from_ticks(month + i), 200.0);
  const Time end = Time::from_ticks(month + steps);
  const double exact =
      (1e6 * static_cast<double>(month) + 200.0 * steps) / static_cast<double>(month + steps);
  CHECK(std::abs(level.mean(end) - exact) / exact < 1e-14);
}

TEST_CASE("statistics: time series places observations in intervals and counts outside ones") {
  TimeSeries series(at_s(100), seconds(10), 5);
  CHECK(series.size() == 5);
  CHECK(series.end() == at_s(150));
  CHECK(series.interval_start(3) == at_s(130));
  series.add(at_s(99.999999), 1.0);
  series.add(at_s(100), 2.0);
  series.add(at_s(109.999999), 3.0);
  series.add(at_s(110), 4.0);
  series.add(at_s(149.999999), 5.0);
  series.add(at_s(150), 6.0);
  CHECK(series.outside_count() == 2);
  CHECK(series.count(0) == 2);
  CHECK(series.sum(0) == 5.0);
  CHECK(series.mean(0) == 2.5);
  CHECK(series.count(1) == 1);
  CHECK(series.sum(1) == 4.0);
  CHECK(series.count(2) == 0);
  CHECK(std::isnan(series.mean(2)));
  CHECK(series.count(4) == 1);
  CHECK(series.sum(4) == 5.0);
}

TEST_CASE("statistics: time series time-averages a level per interval") {
  TimeSeries series(at_s(100), seconds(10), 5);
  series.level(at_s(95), 7.0);  // before the window: only counted
  series.level(at_s(100), 0.0);
  series.level(at_s(105), 2.0);
  series.level(at_s(125), 4.0);
  CHECK(std::isnan(series.time_average(3)));
  series.advance(at_s(170));
  series.level(at_s(180), 1.0);  // after the window: only counted
  CHECK(series.outside_level_count() == 2);
  CHECK(series.current_level() == 1.0);
  CHECK(series.time_average(0) == doctest::Approx(1.0));
  CHECK(series.time_average(1) == doctest::Approx(2.0));
  CHECK(series.time_average(2) == doctest::Approx(3.0));
  CHECK(series.time_average(3) == doctest::Approx(4.0));
  CHECK(series.time_average(4) == doctest::Approx(4.0));
  CHECK(series.level_coverage(4) == seconds(10));

  SUBCASE("a partly integrated interval averages over its covered part") {
    TimeSeries partial(at_s(0), seconds(10), 2);
    partial.level(at_s(2), 6.0);
    partial.advance(at_s(14));
    CHECK(partial.time_average(0) == doctest::Approx(4.8));
    CHECK(partial.time_average(1) == doctest::Approx(6.0));
    CHECK(partial.level_coverage(1) == seconds(4));
  }
}

TEST_CASE("statistics: time series merge pools same-geometry series and rejects others") {
  TimeSeries a(at_s(0), seconds(1), 4);
  TimeSeries b(at_s(0), seconds(1), 4);
  TimeSeries whole(at_s(0), seconds(1), 4);
  const std::vector<double> times = {0.5, 1.5, 1.7, 3.2, 4.5};
  for (std::size_t i = 0; i < times.size(); ++i) {
    (i % 2 == 0 ? a : b).add(at_s(times[i]), static_cast<double>(i));
    whole.add(at_s(times[i]), static_cast<double>(i));
  }
  a.level(at_s(1), 2.0);
  a.advance(at_s(4));
  b.level(at_s(2), 4.0);
  b.advance(at_s(4));
  REQUIRE(a.merge(b));
  CHECK(a.outside_count() == whole.outside_count());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a.count(i) == whole.count(i));
    CHECK(a.sum(i) == whole.sum(i));
  }
  CHECK(a.time_average(0) == doctest::Approx(0.0));
  CHECK(a.time_average(1) == doctest::Approx(1.0));
  CHECK(a.time_average(3) == doctest::Approx(3.0));
  CHECK(a.level_coverage(3) == seconds(2));

  const std::size_t before = a.count(1);
  CHECK_FALSE(a.merge(TimeSeries(at_s(0), seconds(2), 4)));
  CHECK_FALSE(a.merge(TimeSeries(at_s(1), seconds(1), 4)));
  CHECK_FALSE(a.merge(TimeSeries(at_s(0), seconds(1), 3)));
  CHECK(a.count(1) == before);
  CHECK(a.memory_bytes() >= 4 * 40);
}

}  // namespace
}  // namespace dccsim::sim
