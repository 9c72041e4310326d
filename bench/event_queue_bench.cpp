// Hold model and M/M/1 queue through the Simulation loop, per pending-event set, against a plain
// std::priority_queue loop doing the same work with the same generator.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <queue>
#include <random>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"

namespace sim = dccsim::sim;

namespace {

constexpr double kTicksPerSecond = static_cast<double>(sim::kTicksPerSecond);
constexpr std::int64_t kEventsPerIteration = 10'000;

// Exp(mean) in ticks by inversion; shared by every loop so only the queue differs.
inline std::int64_t exp_ticks(sim::RandomStream& rng, double mean_s) {
  return static_cast<std::int64_t>(-std::log(rng.uniform01_open()) * mean_s * kTicksPerSecond);
}

template <class Queue>
struct HoldModel {
  sim::BasicSimulation<Queue> simulation;
  sim::RandomStream rng = sim::make_stream(1, 0, 0);
  sim::HandlerId hold{};
  void on_event(std::uint64_t arg) {
    simulation.schedule_after(sim::Duration::from_ticks(exp_ticks(rng, 1.0)), hold, arg);
  }
};

template <class Queue>
void BM_Hold(benchmark::State& state) {
  const auto population = static_cast<std::size_t>(state.range(0));
  if (population == 0) {
    state.SkipWithError("the population must be > 0");
    return;
  }
  HoldModel<Queue> model;
  model.hold = model.simulation.template add_handler<&HoldModel<Queue>::on_event>(model);
  for (std::size_t i = 0; i < population; ++i) {
    model.simulation.schedule_after(sim::Duration::from_ticks(exp_ticks(model.rng, 1.0)), model.hold, i);
  }
  // Warm up: let the population reach its steady-state spread before timing.
  model.simulation.run_until(model.simulation.now() + sim::seconds(3));
  // With mean holding time 1 s, population N fires about N events per simulated second.
  const auto slice =
      sim::Duration::from_ticks(static_cast<std::int64_t>(kEventsPerIteration * sim::kTicksPerSecond /
                                                          static_cast<std::int64_t>(population)) +
                                1);
  const std::uint64_t start = model.simulation.events_executed();
  for (auto _ : state) model.simulation.run_until(model.simulation.now() + slice);
  state.SetItemsProcessed(static_cast<std::int64_t>(model.simulation.events_executed() - start));
  state.counters["bytes_per_pending_event"] =
      static_cast<double>(model.simulation.memory_bytes()) / static_cast<double>(population);
}

struct PlainEntry {
  std::int64_t time;
  std::uint64_t seq;
  std::uint64_t arg;
  bool operator>(const PlainEntry& o) const { return time > o.time || (time == o.time && seq > o.seq); }
};
using PlainQueue = std::priority_queue<PlainEntry, std::vector<PlainEntry>, std::greater<>>;

void BM_Hold_StdPriorityQueue(benchmark::State& state) {
  const auto population = static_cast<std::size_t>(state.range(0));
  sim::RandomStream rng = sim::make_stream(1, 0, 0);
  PlainQueue queue;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < population; ++i) queue.push({exp_ticks(rng, 1.0), seq++, i});
  std::int64_t events = 0;
  for (auto _ : state) {
    for (std::int64_t k = 0; k < kEventsPerIteration; ++k) {
      const PlainEntry e = queue.top();
      queue.pop();
      queue.push({e.time + exp_ticks(rng, 1.0), seq++, e.arg});
    }
    events += kEventsPerIteration;
  }
  state.SetItemsProcessed(events);
}

// The reference loop: std::mt19937_64 with std::exponential_distribution.
void BM_Hold_StdPriorityQueueMt(benchmark::State& state) {
  const auto population = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(1);
  std::exponential_distribution<double> exp(1.0);
  PlainQueue queue;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < population; ++i) {
    queue.push({static_cast<std::int64_t>(exp(rng) * kTicksPerSecond), seq++, i});
  }
  std::int64_t events = 0;
  for (auto _ : state) {
    for (std::int64_t k = 0; k < kEventsPerIteration; ++k) {
      const PlainEntry e = queue.top();
      queue.pop();
      queue.push({e.time + static_cast<std::int64_t>(exp(rng) * kTicksPerSecond), seq++, e.arg});
    }
    events += kEventsPerIteration;
  }
  state.SetItemsProcessed(events);
}

// M/M/1 with rho = 0.9 (lambda 0.9/s, mu 1/s): arrivals and departures as events, FIFO counted.
template <class Queue>
struct Mm1Model {
  sim::BasicSimulation<Queue> simulation;
  sim::RandomStream arrivals = sim::make_stream(1, 0, 1);
  sim::RandomStream services = sim::make_stream(1, 0, 2);
  sim::HandlerId arrive{};
  sim::HandlerId depart{};
  std::uint64_t in_system = 0;
  void on_arrival(std::uint64_t) {
    simulation.schedule_after(sim::Duration::from_ticks(exp_ticks(arrivals, 1.0 / 0.9)), arrive);
    if (in_system++ == 0)
      simulation.schedule_after(sim::Duration::from_ticks(exp_ticks(services, 1.0)), depart);
  }
  void on_departure(std::uint64_t) {
    if (--in_system > 0)
      simulation.schedule_after(sim::Duration::from_ticks(exp_ticks(services, 1.0)), depart);
  }
};

template <class Queue>
void BM_MM1(benchmark::State& state) {
  Mm1Model<Queue> model;
  model.arrive = model.simulation.template add_handler<&Mm1Model<Queue>::on_arrival>(model);
  model.depart = model.simulation.template add_handler<&Mm1Model<Queue>::on_departure>(model);
  model.simulation.schedule_after(sim::Duration::zero(), model.arrive);
  model.simulation.run_until(sim::Time::zero() + sim::seconds(1000));
  // About 1.8 events per simulated second (arrival + departure at lambda = 0.9).
  const sim::Duration slice = sim::seconds(kEventsPerIteration * 10 / 18);
  const std::uint64_t start = model.simulation.events_executed();
  for (auto _ : state) model.simulation.run_until(model.simulation.now() + slice);
  state.SetItemsProcessed(static_cast<std::int64_t>(model.simulation.events_executed() - start));
}

void BM_MM1_StdPriorityQueue(benchmark::State& state) {
  sim::RandomStream arrivals = sim::make_stream(1, 0, 1);
  sim::RandomStream services = sim::make_stream(1, 0, 2);
  PlainQueue queue;
  std::uint64_t seq = 0;
  std::uint64_t in_system = 0;
  constexpr std::uint64_t kArrival = 0;
  constexpr std::uint64_t kDeparture = 1;
  queue.push({0, seq++, kArrival});
  std::int64_t events = 0;
  for (auto _ : state) {
    for (std::int64_t k = 0; k < kEventsPerIteration; ++k) {
      const PlainEntry e = queue.top();
      queue.pop();
      if (e.arg == kArrival) {
        queue.push({e.time + exp_ticks(arrivals, 1.0 / 0.9), seq++, kArrival});
        if (in_system++ == 0) queue.push({e.time + exp_ticks(services, 1.0), seq++, kDeparture});
      } else if (--in_system > 0) {
        queue.push({e.time + exp_ticks(services, 1.0), seq++, kDeparture});
      }
    }
    events += kEventsPerIteration;
  }
  state.SetItemsProcessed(events);
}

template <class Queue>
void register_queue() {
  const std::string name = Queue::kName;
  benchmark::RegisterBenchmark(("BM_Hold/" + name).c_str(), BM_Hold<Queue>)
      ->Arg(1'000)
      ->Arg(100'000)
      ->Arg(1'000'000);
  benchmark::RegisterBenchmark(("BM_MM1/" + name).c_str(), BM_MM1<Queue>);
}

const bool kRegistered = [] {
  register_queue<sim::QuaternaryHeap>();
  register_queue<sim::CalendarQueue>();
  return true;
}();

}  // namespace

BENCHMARK(BM_Hold_StdPriorityQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_Hold_StdPriorityQueueMt)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_MM1_StdPriorityQueue);
