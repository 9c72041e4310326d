#include "sim/time.hpp"

#include <doctest/doctest.h>

namespace sim = dccsim::sim;

TEST_CASE("time: unit helpers are exact tick counts") {
  CHECK(sim::seconds(1).ticks() == 1'000'000);
  CHECK(sim::milliseconds(3).ticks() == 3'000);
  CHECK(sim::minutes(2) == sim::seconds(120));
  CHECK(sim::hours(1) == sim::minutes(60));
  CHECK(sim::days(1) == sim::hours(24));
  CHECK(sim::days(31).ticks() == 2'678'400'000'000);
}

TEST_CASE("time: arithmetic between points and spans") {
  const sim::Time t0 = sim::Time::zero() + sim::hours(5);
  const sim::Time t1 = t0 + sim::seconds(30);
  CHECK(t1 - t0 == sim::seconds(30));
  CHECK(t1 > t0);
  CHECK((t1 - sim::seconds(30)) == t0);
  CHECK(sim::hours(1) / sim::minutes(15) == 4);
  CHECK(sim::minutes(70) % sim::hours(1) == sim::minutes(10));
  CHECK(sim::seconds(10) * 3 == sim::seconds(30));
  CHECK(-sim::seconds(1) < sim::Duration::zero());
}

TEST_CASE("time: fractional seconds round to the nearest tick") {
  CHECK(sim::from_seconds(0.1).ticks() == 100'000);
  CHECK(sim::from_seconds(1.0000004).ticks() == 1'000'000);
  CHECK(sim::from_seconds(1.0000006).ticks() == 1'000'001);
  CHECK(sim::from_seconds(-0.0000006).ticks() == -1);
  CHECK(sim::seconds(90).seconds() == doctest::Approx(90.0));
}
