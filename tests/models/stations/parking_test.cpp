#include "models/stations/parking.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

struct Bench {
  sim::Simulation simulation;
  models::RequestPool pool;
  models::FutureParking parking;
  std::vector<std::uint32_t> executed;
  std::vector<sim::Time> executed_at;

  explicit Bench(sim::Time horizon) : parking(simulation, pool, horizon) {
    parking.bind(simulation.add_handler<&Bench::on_execute>(*this));
  }
  void on_execute(std::uint64_t r) {
    executed.push_back(static_cast<std::uint32_t>(r));
    executed_at.push_back(simulation.now());
  }
  std::uint32_t wait_until(sim::Time at) {
    const std::uint32_t r = pool.allocate();
    pool[r].execute_at = at;
    parking.wait(r);
    return r;
  }
};

}  // namespace

TEST_CASE("parking: each request executes at its instant; far waits hold one event per minute") {
  const sim::Time t0 = sim::Time::zero();
  Bench b(t0 + sim::days(2));
  const std::uint32_t late = b.wait_until(t0 + sim::hours(24) + sim::seconds(30));
  const std::uint32_t early = b.wait_until(t0 + sim::hours(24) + sim::seconds(5));
  const std::uint32_t soon = b.wait_until(t0 + sim::seconds(20));  // in the current minute: direct
  const std::uint32_t other = b.wait_until(t0 + sim::hours(30));
  CHECK(b.parking.parked() == 3);
  // One unpark per occupied minute plus the direct one, not one event per wait.
  CHECK(b.simulation.pending() == 3);
  b.simulation.run();
  CHECK(b.executed == std::vector<std::uint32_t>{soon, early, late, other});
  CHECK(b.executed_at[0] == t0 + sim::seconds(20));
  CHECK(b.executed_at[1] == t0 + sim::hours(24) + sim::seconds(5));
  CHECK(b.executed_at[2] == t0 + sim::hours(24) + sim::seconds(30));
  CHECK(b.executed_at[3] == t0 + sim::hours(30));
  CHECK(b.parking.parked() == 0);
}

TEST_CASE("parking: a request executing after the horizon stays in flight") {
  const sim::Time t0 = sim::Time::zero();
  Bench b(t0 + sim::hours(1));
  b.wait_until(t0 + sim::hours(2));
  const std::uint32_t at_horizon = b.wait_until(t0 + sim::hours(1));
  b.simulation.run();
  CHECK(b.executed == std::vector<std::uint32_t>{at_horizon});
  CHECK(b.pool.live() == 2);  // the parking releases nothing: the owner decides
}
