// Sixteen replications of a scaled-down national day on 1 and 2 threads: the speed-up of the
// replication pool (compare the two items_per_second figures).
#include <benchmark/benchmark.h>

#include "bench/national_day.hpp"
#include "tools/replications.hpp"

namespace {

dccsim::models::ModelConfig small_day() {
  auto c = dccsim::bench::national_config(1);
  // A fiftieth of the country: about 1.5 M requests a replication.
  for (auto& u : c.users) {
    for (double& m : u.meters) m /= 50;
    for (auto& f : u.forecasts) f.count /= 50;
    for (auto& b : u.bursts) b.count /= 50;
  }
  for (auto& csp : c.csps) csp.concurrency /= 50;
  return c;
}

void BM_Replications(benchmark::State& state) {
  const auto config = small_day();
  const auto threads = static_cast<unsigned>(state.range(0));
  constexpr std::uint64_t kReplications = 16;
  for (auto _ : state) {
    std::uint64_t requests = 0;
    const std::function<std::uint64_t(std::uint64_t)> job = [&config](std::uint64_t i) {
      auto c = config;
      c.replication = i;
      return dccsim::tools::run_replication(c, dccsim::sim::Duration::zero()).requests.generated;
    };
    const std::function<bool(std::uint64_t, std::uint64_t &&)> consume = [&](std::uint64_t,
                                                                             std::uint64_t&& n) {
      requests += n;
      return true;
    };
    dccsim::tools::run_in_order<std::uint64_t>(kReplications, threads, job, consume);
    benchmark::DoNotOptimize(requests);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kReplications));
}

}  // namespace

BENCHMARK(BM_Replications)->Arg(1)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
