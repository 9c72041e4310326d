#include "models/stations/multi_server.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

// A DSP of `servers` with a queue limit, whose owner records the order and time of completions.
struct Bench {
  sim::Simulation simulation;
  models::RequestPool pool;
  models::MultiServer station;
  std::vector<std::uint32_t> done;
  std::vector<sim::Time> done_at;

  Bench(std::uint32_t servers, std::uint64_t queue_limit, bool priority)
      : station(models::StationStats("dsp", servers, queue_limit, sim::Time::zero(), sim::seconds(60), 10),
                servers, priority, simulation, pool) {
    station.bind(simulation.add_handler<&Bench::on_done>(*this));
  }
  void on_done(std::uint64_t r) {
    station.done(static_cast<std::uint32_t>(r));
    done.push_back(static_cast<std::uint32_t>(r));
    done_at.push_back(simulation.now());
  }
  std::uint32_t request(double service_s, models::RequestKind kind = models::RequestKind::sr,
                        models::MeasureClass measure = models::MeasureClass::on_demand) {
    const std::uint32_t r = pool.allocate();
    pool[r].service_ticks = models::to_ticks(service_s);
    pool[r].kind = kind;
    pool[r].measure = measure;
    return r;
  }
};

}  // namespace

TEST_CASE("multi-server: at most `servers` in service, FIFO beyond, full queue rejects") {
  Bench b(2, 2, false);
  std::vector<std::uint32_t> r;
  for (int i = 0; i < 5; ++i) r.push_back(b.request(10));
  CHECK(b.station.arrive(r[0]));
  CHECK(b.station.arrive(r[1]));
  CHECK(b.station.arrive(r[2]));
  CHECK(b.station.arrive(r[3]));
  CHECK(b.station.busy() == 2);
  CHECK(b.station.waiting() == 2);
  CHECK_FALSE(b.station.arrive(r[4]));
  CHECK(b.station.stats.rejected == 1);
  CHECK(b.station.stats.arrivals == 5);
  b.simulation.run();
  CHECK(b.done == std::vector<std::uint32_t>{r[0], r[1], r[2], r[3]});
  CHECK(b.done_at[1] == sim::Time::zero() + sim::seconds(10));
  CHECK(b.done_at[3] == sim::Time::zero() + sim::seconds(20));
  CHECK(b.station.busy() == 0);
  CHECK(b.station.stats.completions == 4);
  // Two waited 10 s each, two not at all.
  CHECK(b.station.stats.wait_s.mean() == doctest::Approx(5.0));
  b.station.stats.close(sim::Time::zero() + sim::seconds(20));
  CHECK(b.station.stats.result(sim::Time::zero(), sim::Time::zero() + sim::seconds(20)).utilisation ==
        doctest::Approx(1.0));
}

TEST_CASE("multi-server: priority lanes serve on-demand, then future-dated, then alerts") {
  Bench b(1, 10, true);
  const std::uint32_t busy = b.request(5);
  const std::uint32_t alert = b.request(1, models::RequestKind::alert, models::MeasureClass::alerts);
  const std::uint32_t future = b.request(1, models::RequestKind::sr, models::MeasureClass::future_dated);
  const std::uint32_t on_demand = b.request(1);
  for (std::uint32_t r : {busy, alert, future, on_demand}) CHECK(b.station.arrive(r));
  b.simulation.run();
  CHECK(b.done == std::vector<std::uint32_t>{busy, on_demand, future, alert});
}

TEST_CASE("multi-server: without priority, arrival order whatever the class") {
  Bench b(1, 10, false);
  const std::uint32_t busy = b.request(5);
  const std::uint32_t alert = b.request(1, models::RequestKind::alert, models::MeasureClass::alerts);
  const std::uint32_t on_demand = b.request(1);
  for (std::uint32_t r : {busy, alert, on_demand}) CHECK(b.station.arrive(r));
  b.simulation.run();
  CHECK(b.done == std::vector<std::uint32_t>{busy, alert, on_demand});
}
