// The model's event loop allocates nothing per event: the event queue, the request pool and the
// statistics are sized up front or grow (by doubling) to their peak and stay.
#include <doctest/doctest.h>

#include "tests/support/allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#include "models/network.hpp"

using dccsim::testing::g_allocations;

namespace models = dccsim::models;
namespace sim = dccsim::sim;

TEST_CASE("allocation_free: a warm model allocates nothing per event") {
  models::ModelConfig c;
  c.horizon = sim::days(6);
  for (auto& csp : c.csps) {
    csp.wan_latency_s = sim::Exponential::with_mean(2.0).value();
    csp.device_latency_s = sim::Exponential::with_mean(1.0).value();
  }
  models::User u;
  u.id = "U";
  u.meters = {1000, 1000, 1000};
  u.forecasts = {{{2018, 8}, {models::ServiceKey::Kind::family, 4}, 300'000},
                 {{2018, 8}, {models::ServiceKey::Kind::sr_type, c.catalogue.find("1.1.1")}, 30'000},
                 {{2018, 8}, {models::ServiceKey::Kind::csr, 0}, 3'000}};
  u.future_dating.share = 0.5;
  u.retry.max_attempts = 2;
  u.retry.backoff_s = sim::Exponential::with_mean(10.0).value();
  c.users = {u};
  c.alerts[0].per_meter_per_day = 5;
  c.traffic_management.activation = models::Activation::threshold;
  c.traffic_management.system_capacity_per_s = 0.2;
  models::DccModel model(c);
  model.run_until(sim::Time::zero() + sim::days(2));  // pools reach their working size
  const std::uint64_t before = g_allocations.load();
  const std::uint64_t events_before = model.events();
  model.run_until(sim::Time::zero() + sim::days(5));
  CHECK(model.events() - events_before > 100'000);
  // A pool may still double once or twice towards a new peak of requests in flight; an allocation
  // per event or per request would show as hundreds of thousands.
  CHECK(g_allocations.load() - before <= 4);
}
