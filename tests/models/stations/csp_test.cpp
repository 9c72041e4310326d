#include "models/stations/csp.hpp"

#include <doctest/doctest.h>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

sim::Time at(std::int64_t s) { return sim::Time::zero() + sim::seconds(s); }

// The CSP stage with the measures it answers to, over a small horizon.
struct Bench {
  models::ModelConfig config;
  sim::Calendar calendar{sim::CivilDate{2018, 8, 1}};
  sim::Time horizon = at(3600);
  models::MonthSpan span{calendar, horizon};
  sim::Simulation simulation;
  models::RequestPool pool;
  models::Measures measures{config.reporting, span, simulation, pool, horizon, 4};
  models::CspStage csps;

  explicit Bench(models::ModelConfig c)
      : config(std::move(c)), csps(config, simulation, pool, measures, horizon, 4) {}

  // A command to `region` taking `round_trip_s` (< 0: the device never answers).
  std::uint32_t command(std::uint8_t region, double round_trip_s) {
    const std::uint32_t r = pool.allocate();
    ++measures.counts.generated;
    models::Request& q = pool[r];
    q.region = region;
    q.csp_ticks = round_trip_s < 0 ? -1 : models::to_ticks(round_trip_s);
    q.response_ticks = 0;
    q.target_ticks = sim::seconds(1000).ticks();
    q.start_ref = simulation.now();
    q.measure = models::MeasureClass::on_demand;
    return r;
  }
  // Sends `n` commands at time `t` (an event, so they arrive in order at `t`).
  void send_at(sim::Time t, int n, std::uint8_t region, double round_trip_s) {
    simulation.run_until(t);
    for (int i = 0; i < n; ++i) csps.arrive(command(region, round_trip_s));
  }
};

models::ModelConfig base() {
  models::ModelConfig c;
  for (auto& csp : c.csps) {
    csp.concurrency = 2;
    csp.queue_limit = 3;
    csp.timeout = sim::seconds(60);
    csp.maintenance.clear();
    csp.mtbf = sim::Duration::zero();
  }
  return c;
}

}  // namespace

TEST_CASE("csp: at most `concurrency` commands in flight, FIFO beyond, full queue rejects") {
  Bench b(base());
  b.send_at(at(0), 6, 0, 10);
  models::CspRegion& north = b.csps.regions()[0];
  CHECK(north.in_flight == 2);
  CHECK(north.queue.size == 3);
  CHECK(north.stats.rejected == 1);
  b.simulation.run_until(at(10));
  CHECK(north.in_flight == 2);  // the next two started as the first two finished
  CHECK(north.queue.size == 1);
  b.simulation.run_until(b.horizon);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.completed_within == 5);
  CHECK(counts.rejected_queue_full == 1);
  // Each region is its own station.
  CHECK(b.csps.regions()[1].stats.arrivals == 0);
  CHECK(north.stats.wait_s.max() == doctest::Approx(20.0));
}

TEST_CASE("csp: a device that does not answer in time fails at the timeout; a long wait is abandoned") {
  models::ModelConfig c = base();
  c.csps[2].concurrency = 1;
  Bench b(c);
  b.send_at(at(0), 1, 2, -1);   // never answers: holds the slot 60 s
  b.send_at(at(0), 1, 2, 5);    // waits 60 s, starts at the timeout exactly: not abandoned
  b.send_at(at(1), 1, 2, 100);  // waits 64 s at 65 s: abandoned, failed at 61 s
  b.simulation.run_until(b.horizon);
  const models::CspRegion& south = b.csps.regions()[2];
  CHECK(south.stats.abandoned == 1);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.failed_timeout == 2);
  CHECK(counts.completed_within == 1);
}

TEST_CASE("csp: a maintenance window halves the concurrency; one at zero fails commands in service") {
  models::ModelConfig c = base();
  c.csps[1].concurrency = 4;
  c.csps[1].queue_limit = 100;
  c.csps[1].maintenance.push_back({at(100), at(200), 0.5});
  c.csps[1].maintenance.push_back({at(300), at(400), 0.0});
  Bench b(c);
  models::CspRegion& central = b.csps.regions()[1];
  b.send_at(at(150), 6, 1, 30);
  CHECK(central.limit == 2);
  CHECK(central.in_flight == 2);
  b.simulation.run_until(at(200));
  CHECK(central.limit == 4);
  CHECK(central.in_flight == 4);  // the window closed: the rest start
  b.simulation.run_until(at(290));
  CHECK(central.in_flight == 0);
  b.send_at(at(290), 2, 1, 30);  // in service when the zero window opens at 300 s
  b.simulation.run_until(at(400));
  CHECK(central.limit == 4);
  b.simulation.run_until(b.horizon);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.completed_within == 6);
  CHECK(counts.failed_outage == 2);
  central.capacity_factor.advance(b.horizon);
  // Series of 15 min: in the first, 100 s at 0.5 and 100 s at 0; the second at full capacity.
  CHECK(central.capacity_factor.time_average(0) == doctest::Approx(1 - (0.5 * 100 + 100) / 900.0));
  CHECK(central.capacity_factor.time_average(1) == doctest::Approx(1));
}

TEST_CASE("csp: random outages take a region out and bring it back") {
  models::ModelConfig c = base();
  c.csps[0].mtbf = sim::minutes(5);
  c.csps[0].mttr = sim::minutes(1);
  c.csps[0].queue_limit = 10'000;
  Bench b(c);
  int out_samples = 0;
  int samples = 0;
  for (std::int64_t t = 1; t < 3600; t += 5) {
    b.send_at(at(t), 1, 0, 1);
    ++samples;
    if (b.csps.regions()[0].out) {
      ++out_samples;
      CHECK(b.csps.regions()[0].limit == 0);
    }
  }
  b.simulation.run_until(b.horizon);
  // Out about 1/6 of the time (mttr / (mtbf + mttr)); a generous band for one hour of one seed.
  CHECK(out_samples > samples / 30);
  CHECK(out_samples < samples / 2);
  CHECK(b.measures.final_counts().conserved());
}
