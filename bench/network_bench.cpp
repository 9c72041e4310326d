// National-scale days through the whole DCC model: requests and events per second, and peak RSS
// (run /1 and /7 in separate processes to compare memory for one day and seven).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "bench/national_day.hpp"
#include "models/network.hpp"

namespace {

void BM_National(benchmark::State& state) {
  const auto config = dccsim::bench::national_config(static_cast<int>(state.range(0)));
  std::uint64_t requests = 0;
  std::uint64_t events = 0;
  std::uint64_t peak_in_flight = 0;
  for (auto _ : state) {
    dccsim::models::DccModel model(config);
    model.run();
    const auto results = model.results();
    requests += results.requests.generated;
    events += results.events;
    peak_in_flight = results.peak_in_flight;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(requests));
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["requests"] = static_cast<double>(requests) / static_cast<double>(state.iterations());
  state.counters["peak_in_flight"] = static_cast<double>(peak_in_flight);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace

BENCHMARK(BM_National)->Arg(1)->Arg(7)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
