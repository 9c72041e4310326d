#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <vector>

#include "sim/histogram.hpp"
#include "sim/statistics.hpp"

namespace dccsim::sim {
namespace {

constexpr std::size_t kValues = 1024;  // a power of two: the index wraps with a mask

// Lognormal-ish values spanning several decades, drawn once so the generator is not measured.
const std::vector<double>& sample_values() {
  static const std::vector<double> kDrawn = [] {
    std::vector<double> v(kValues);
    std::uint64_t state = 12345;
    for (double& x : v) {
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      z ^= z >> 31;
      const double u = (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
      x = std::exp(8.0 * (u - 0.5));
    }
    return v;
  }();
  return kDrawn;
}

void BM_Histogram_Add(benchmark::State& state) {
  const std::vector<double>& values = sample_values();
  LogHistogram histogram;
  std::size_t i = 0;
  for (auto _ : state) {
    histogram.add(values[i++ & (kValues - 1)]);
  }
  benchmark::DoNotOptimize(histogram.count());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Histogram_Add);

// Sweeps the low-to-high quantiles writers ask for, so both scan directions are measured.
void BM_Histogram_Quantile(benchmark::State& state) {
  const std::vector<double>& values = sample_values();
  LogHistogram histogram;
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    histogram.add(values[static_cast<std::size_t>(i) & (kValues - 1)]);
  }
  constexpr double kQs[] = {0.5, 0.9, 0.95, 0.99, 0.999};
  for (auto _ : state) {
    for (const double q : kQs) benchmark::DoNotOptimize(histogram.quantile(q));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * std::ssize(kQs));
}
BENCHMARK(BM_Histogram_Quantile)->Range(1 << 10, 1 << 20);

void BM_Tally_Add(benchmark::State& state) {
  const std::vector<double>& values = sample_values();
  Tally tally;
  std::size_t i = 0;
  for (auto _ : state) {
    tally.add(values[i++ & (kValues - 1)]);
  }
  benchmark::DoNotOptimize(tally.mean());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Tally_Add);

void BM_TimeWeighted_Update(benchmark::State& state) {
  const std::vector<double>& values = sample_values();
  TimeWeighted level;
  Time now = Time::zero();
  std::size_t i = 0;
  for (auto _ : state) {
    const double v = values[i++ & (kValues - 1)];
    now += Duration::from_ticks(static_cast<std::int64_t>(v * 1000.0));
    level.update(now, v);
  }
  benchmark::DoNotOptimize(level.mean(now));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_TimeWeighted_Update);

}  // namespace
}  // namespace dccsim::sim
