#include "models/traffic/control_loop.hpp"

#include <doctest/doctest.h>

#include "tests/models/traffic/traffic_test_bench.hpp"

namespace models = dccsim::models;
namespace sim = dccsim::sim;
using models::testing::TrafficBench;

namespace {

// Sends `n` SRs of `user` spread evenly over [from, from + 60 s).
void send_minute(TrafficBench& b, std::uint32_t user, sim::Time from, int n) {
  for (int i = 0; i < n; ++i) {
    b.simulation.run_until(from + sim::Duration::from_ticks(sim::seconds(60).ticks() * i / n));
    b.send(user);
  }
}

models::ModelConfig controlled(models::Activation activation, models::AllocationPolicy allocation) {
  models::ModelConfig c = models::testing::two_users(sim::hours(1));
  c.traffic_management.activation = activation;
  c.traffic_management.system_capacity_per_s = 10;
  c.traffic_management.allocation = allocation;
  return c;
}

// The bench with its control loop started.
void start_control(TrafficBench& b) {
  b.control.emplace(b.config, b.span, b.simulation, b.traffic, b.dsp, b.csps, b.measures, 8);
  b.control->start();
}

}  // namespace

TEST_CASE("control loop: throttling switches on in the interval after load reached the threshold") {
  models::ModelConfig c = controlled(models::Activation::threshold, models::AllocationPolicy::equal);
  c.traffic_management.operating_threshold = 0.8;
  TrafficBench b(c);
  start_control(b);
  CHECK_FALSE(b.traffic.throttling());
  // Equal allocation: 5 tokens/s each, bucket depth 10 s of it.
  CHECK(b.traffic.users()[0].bucket.rate_per_s() == doctest::Approx(5));
  send_minute(b, 0, sim::Time::zero(), 420);  // 7 per s: below 8
  b.simulation.run_until(sim::Time::zero() + sim::seconds(60));
  CHECK_FALSE(b.traffic.throttling());
  send_minute(b, 0, sim::Time::zero() + sim::seconds(60), 540);  // 9 per s: above 8
  b.simulation.run_until(sim::Time::zero() + sim::seconds(120));
  CHECK(b.traffic.throttling());
  b.simulation.run_until(sim::Time::zero() + sim::seconds(180));  // idle minute
  CHECK_FALSE(b.traffic.throttling());
  b.simulation.run_until(b.horizon);
  b.control->throttling_series.advance(b.horizon);
  // Series of 15 min: throttling on for one minute of the first.
  CHECK(b.control->throttling_series.time_average(0) == doctest::Approx(1.0 / 15));
  CHECK(b.traffic.users()[0].result.allocation_max_per_s == doctest::Approx(5));
}

TEST_CASE("control loop: max-min fairness lends a quiet User's share to a busy one") {
  TrafficBench b(controlled(models::Activation::always, models::AllocationPolicy::max_min_fair));
  start_control(b);
  CHECK(b.traffic.throttling());
  for (int i = 0; i < 600; ++i) {  // A asks 10/s, B 1/s
    b.simulation.run_until(sim::Time::zero() + sim::milliseconds(100 * i));
    b.send(0);
    if (i % 10 == 0) b.send(1);
  }
  b.simulation.run_until(sim::Time::zero() + sim::seconds(60));
  const double a = b.traffic.users()[0].bucket.rate_per_s();
  const double bb = b.traffic.users()[1].bucket.rate_per_s();
  CHECK(a + bb == doctest::Approx(10));
  CHECK(bb == doctest::Approx(1).epsilon(0.05));
  CHECK(a > 8.5);
}

TEST_CASE("control loop: dynamic System Capacity follows measured load within its bounds") {
  models::ModelConfig c = models::testing::two_users(sim::hours(1));
  c.traffic_management.activation = models::Activation::always;
  c.traffic_management.capacity_mode = models::CapacityMode::dynamic;
  c.traffic_management.system_capacity_per_s = 1000;
  c.traffic_management.dynamic.min_per_s = 50;
  c.traffic_management.dynamic.max_per_s = 500;
  TrafficBench b(c);
  start_control(b);
  CHECK(b.control->capacity_per_s() == 1000);
  b.simulation.run_until(sim::Time::zero() + sim::seconds(60));
  // No load: the previous value stands as the estimate, and the maximum clamps it.
  CHECK(b.control->capacity_per_s() == 500);
  b.simulation.run_until(b.horizon);
  b.control->capacity_series.advance(b.horizon);
  CHECK(b.control->capacity_series.time_average(0) == doctest::Approx((1000.0 * 60 + 500.0 * 840) / 900));
}
