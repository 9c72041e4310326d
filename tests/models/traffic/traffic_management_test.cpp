#include "models/traffic/traffic_management.hpp"

#include <doctest/doctest.h>

#include "tests/models/traffic/traffic_test_bench.hpp"

namespace models = dccsim::models;
namespace sim = dccsim::sim;
using models::testing::TrafficBench;

namespace {

models::ModelConfig throttled(models::ThrottleAction action) {
  models::ModelConfig c = models::testing::two_users(sim::hours(1));
  c.traffic_management.activation = models::Activation::always;
  c.traffic_management.action = action;
  c.traffic_management.delay_queue_limit = 2;
  c.traffic_management.buckets.push_back({"A", 1.0, 2.0});  // 1 token/s, depth 2, starts full
  return c;
}

}  // namespace

TEST_CASE("traffic management: without tokens an SR is rejected, retried after its backoff, then given up") {
  models::ModelConfig c = throttled(models::ThrottleAction::reject);
  c.users[0].retry.max_attempts = 2;
  c.users[0].retry.backoff_s = sim::Deterministic::with_value(0.5).value();
  TrafficBench b(c);
  b.traffic.set_throttling(true);
  const std::uint32_t cell = b.cells.find(0, sim::YearMonth{2018, 8}, models::ServiceKey{}, true);
  for (int i = 0; i < 5; ++i) b.send(0, cell);
  const models::UserThrottle& a = b.traffic.users()[0].result;
  CHECK(a.offered == 5);
  CHECK(a.admitted == 2);  // the full bucket's two tokens
  CHECK(a.rejected == 3);
  b.simulation.run_until(b.horizon);
  // At 0.5 s half a token has refilled: each retry is rejected again and given up.
  CHECK(a.retried == 3);
  CHECK(a.offered == 8);
  CHECK(a.rejected == 6);
  CHECK(a.given_up == 3);
  CHECK(b.cells[cell].actual == 8);  // every attempt is an SR sent
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.rejected_throttled == 3);
  CHECK(counts.completed_within == 2);
  CHECK(counts.conserved());
}

TEST_CASE("traffic management: a delayed SR waits in a bounded FIFO, released as tokens refill") {
  TrafficBench b(throttled(models::ThrottleAction::delay));
  b.traffic.set_throttling(true);
  for (int i = 0; i < 6; ++i) b.send(0);
  const models::UserThrottle& a = b.traffic.users()[0].result;
  CHECK(a.admitted == 2);
  CHECK(a.delayed == 2);
  CHECK(a.rejected == 2);  // the delay queue was full
  b.simulation.run_until(sim::Time::zero() + sim::milliseconds(999));
  CHECK(a.admitted == 2);
  b.simulation.run_until(sim::Time::zero() + sim::seconds(1));
  CHECK(a.admitted == 3);
  b.simulation.run_until(sim::Time::zero() + sim::seconds(2));
  CHECK(a.admitted == 4);
  b.simulation.run_until(b.horizon);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.rejected_queue_full == 2);
  CHECK(counts.completed_within == 4);
}

TEST_CASE("traffic management: inactive throttling passes SRs but drains the bucket; exempt types pass") {
  models::ModelConfig c = throttled(models::ThrottleAction::reject);
  c.traffic_management.exempt_sr_types = {1};
  TrafficBench b(c);
  b.traffic.set_throttling(false);
  for (int i = 0; i < 4; ++i) b.send(0);
  CHECK(b.traffic.users()[0].result.admitted == 4);
  b.traffic.set_throttling(true);
  b.send(0);  // the bucket was drained while inactive
  CHECK(b.traffic.users()[0].result.rejected == 1);
  b.send(1);  // a User with no bucket of its own has none to spend: rejected too
  CHECK(b.traffic.users()[1].result.rejected == 1);
  b.send(1, models::kNil, 1);  // exempt
  CHECK(b.traffic.users()[1].result.admitted == 1);
  b.simulation.run_until(b.horizon);
  CHECK(b.measures.final_counts().conserved());
}
