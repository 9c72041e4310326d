#include "sim/simulation.hpp"

#include <doctest/doctest.h>

#include "tests/support/allocation_counter.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

namespace sim = dccsim::sim;

using dccsim::testing::g_allocations;

namespace {

template <class Sim>
struct Recorder {
  Sim* simulation = nullptr;
  std::vector<std::pair<std::int64_t, std::uint64_t>> fired;
  void on_event(std::uint64_t arg) { fired.emplace_back(simulation->now().ticks(), arg); }
};

// Each event reschedules itself a pseudo-random delay later: the classic hold model.
template <class Sim>
struct Hold {
  Sim* simulation = nullptr;
  sim::HandlerId self{};
  std::uint64_t state = 1;
  void on_event(std::uint64_t arg) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    simulation->schedule_after(sim::microseconds(static_cast<std::int64_t>((state >> 33) % 1'000'000)), self,
                               arg);
  }
};

}  // namespace

#define DCCSIM_SIMULATIONS sim::BasicSimulation<sim::QuaternaryHeap>, sim::BasicSimulation<sim::CalendarQueue>

TEST_CASE_TEMPLATE("simulation: events fire in time order, ties in scheduling order", Sim,
                   DCCSIM_SIMULATIONS) {
  Sim s;
  Recorder<Sim> rec{&s, {}};
  const sim::HandlerId h = s.template add_handler<&Recorder<Sim>::on_event>(rec);
  s.schedule_at(sim::Time::zero() + sim::seconds(5), h, 1);
  s.schedule_at(sim::Time::zero() + sim::seconds(2), h, 2);
  s.schedule_at(sim::Time::zero() + sim::seconds(5), h, 3);
  s.schedule_at(sim::Time::zero() + sim::seconds(2), h, 4);
  s.schedule_after(sim::seconds(0), h, 5);
  CHECK(s.pending() == 5);
  s.run();
  const std::vector<std::pair<std::int64_t, std::uint64_t>> expected{
      {0, 5}, {2'000'000, 2}, {2'000'000, 4}, {5'000'000, 1}, {5'000'000, 3}};
  CHECK(rec.fired == expected);
  CHECK(s.events_executed() == 5);
  CHECK(s.pending() == 0);
  CHECK(s.now() == sim::Time::zero() + sim::seconds(5));
}

TEST_CASE_TEMPLATE("simulation: cancelled events never fire", Sim, DCCSIM_SIMULATIONS) {
  Sim s;
  Recorder<Sim> rec{&s, {}};
  const sim::HandlerId h = s.template add_handler<&Recorder<Sim>::on_event>(rec);
  const sim::EventId a = s.schedule_after(sim::seconds(1), h, 1);
  const sim::EventId b = s.schedule_after(sim::seconds(2), h, 2);
  const sim::EventId c = s.schedule_after(sim::seconds(3), h, 3);
  CHECK(s.is_pending(b));
  CHECK(s.cancel(b));
  CHECK_FALSE(s.cancel(b));
  CHECK_FALSE(s.is_pending(b));
  CHECK(s.pending() == 2);
  s.run_until(sim::Time::zero() + sim::seconds(1));
  CHECK_FALSE(s.is_pending(a));
  CHECK_FALSE(s.cancel(a));  // already fired
  // The freed slots are reused; the stale ids must not reach the new events.
  const sim::EventId d = s.schedule_after(sim::seconds(5), h, 4);
  CHECK_FALSE(s.cancel(a));
  CHECK_FALSE(s.cancel(b));
  CHECK(s.is_pending(d));
  CHECK(s.is_pending(c));
  s.run();
  const std::vector<std::pair<std::int64_t, std::uint64_t>> expected{
      {1'000'000, 1}, {3'000'000, 3}, {6'000'000, 4}};
  CHECK(rec.fired == expected);
  CHECK(s.events_executed() == 3);
  CHECK(s.pending() == 0);
}

TEST_CASE_TEMPLATE("simulation: run_until stops at the horizon inclusive and advances the clock", Sim,
                   DCCSIM_SIMULATIONS) {
  Sim s;
  Recorder<Sim> rec{&s, {}};
  const sim::HandlerId h = s.template add_handler<&Recorder<Sim>::on_event>(rec);
  s.schedule_at(sim::Time::zero() + sim::seconds(10), h, 1);
  s.schedule_at(sim::Time::zero() + sim::seconds(20), h, 2);
  s.run_until(sim::Time::zero() + sim::seconds(10));
  CHECK(rec.fired.size() == 1);
  CHECK(s.now() == sim::Time::zero() + sim::seconds(10));
  s.run_until(sim::Time::zero() + sim::seconds(15));
  CHECK(rec.fired.size() == 1);
  CHECK(s.now() == sim::Time::zero() + sim::seconds(15));
  CHECK(s.pending() == 1);
  s.run_until(sim::Time::zero() + sim::seconds(30));
  CHECK(rec.fired.size() == 2);
  CHECK(s.now() == sim::Time::zero() + sim::seconds(30));
}

namespace {
template <class Sim>
struct Stopper {
  Sim* simulation = nullptr;
  int count = 0;
  void on_event(std::uint64_t) {
    if (++count == 3) simulation->stop();
  }
};
}  // namespace

TEST_CASE_TEMPLATE("simulation: stop ends the loop after the current event", Sim, DCCSIM_SIMULATIONS) {
  Sim s;
  Stopper<Sim> stopper{&s};
  const sim::HandlerId h = s.template add_handler<&Stopper<Sim>::on_event>(stopper);
  for (int i = 1; i <= 5; ++i) s.schedule_at(sim::Time::zero() + sim::seconds(i), h);
  s.run_until(sim::Time::zero() + sim::seconds(100));
  CHECK(s.stopped());
  CHECK(stopper.count == 3);
  CHECK(s.now() == sim::Time::zero() + sim::seconds(3));  // a stop does not jump to the horizon
  s.run();
  CHECK(stopper.count == 5);
  CHECK_FALSE(s.stopped());
}

TEST_CASE_TEMPLATE("simulation: independent simulations coexist", Sim, DCCSIM_SIMULATIONS) {
  Sim a;
  Sim b;
  Recorder<Sim> ra{&a, {}};
  Recorder<Sim> rb{&b, {}};
  const sim::HandlerId ha = a.template add_handler<&Recorder<Sim>::on_event>(ra);
  const sim::HandlerId hb = b.template add_handler<&Recorder<Sim>::on_event>(rb);
  a.schedule_after(sim::seconds(1), ha, 1);
  b.schedule_after(sim::seconds(2), hb, 2);
  a.run();
  CHECK(ra.fired.size() == 1);
  CHECK(rb.fired.empty());
  CHECK(b.pending() == 1);
}

TEST_CASE_TEMPLATE("simulation: a warm event loop allocates nothing", Sim, DCCSIM_SIMULATIONS) {
  Sim s;
  Hold<Sim> hold{&s};
  hold.self = s.template add_handler<&Hold<Sim>::on_event>(hold);
  for (std::uint64_t i = 0; i < 10'000; ++i)
    s.schedule_after(sim::microseconds(static_cast<std::int64_t>(i)), hold.self, i);
  s.run_until(sim::Time::zero() + sim::seconds(5));  // warm: pools and buckets at their size
  const std::uint64_t before = g_allocations.load();
  const std::uint64_t events_before = s.events_executed();
  s.run_until(sim::Time::zero() + sim::seconds(60));
  CHECK(s.events_executed() - events_before > 100'000);
  CHECK(g_allocations.load() - before == 0);
  CHECK(s.pending() == 10'000);
}
