#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "sim/alias_table.hpp"
#include "sim/continuous_distributions.hpp"
#include "sim/discrete_distributions.hpp"
#include "sim/empirical_distributions.hpp"
#include "sim/random.hpp"

namespace {

using dccsim::sim::make_stream;

void BM_Random_U64(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(stream.next_u64());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_U64);

void BM_Random_Uniform01(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  for (auto _ : state) benchmark::DoNotOptimize(stream.uniform01());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Uniform01);

void BM_Random_UniformInt(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto n = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(stream.uniform_int(n));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_UniformInt)->Arg(1000);

void BM_Random_MakeStream(benchmark::State& state) {
  std::uint64_t id = 0;
  for (auto _ : state) benchmark::DoNotOptimize(make_stream(1, 0, ++id));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_MakeStream);

void BM_Random_Exponential(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist = dccsim::sim::Exponential::with_mean(2.0).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Exponential);

// The reference: what <random> offers out of the box (not reproducible across standard libraries).
void BM_Random_StdMt19937Exponential(benchmark::State& state) {
  std::mt19937_64 engine(1);
  std::exponential_distribution<double> dist(0.5);
  for (auto _ : state) benchmark::DoNotOptimize(dist(engine));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_StdMt19937Exponential);

void BM_Random_Normal(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist = dccsim::sim::Normal::with_mean_sd(0.0, 1.0).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Normal);

void BM_Random_Lognormal(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist = dccsim::sim::Lognormal::with_mean_p95(10.0, 25.0).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Lognormal);

// Argument: shape in tenths (3 = 0.3, the boosted path).
void BM_Random_Gamma(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist =
      dccsim::sim::Gamma::with_shape_scale(static_cast<double>(state.range(0)) / 10.0, 1.0).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Gamma)->Arg(3)->Arg(25);

// Argument: the number of phases (<= 16 multiplies uniforms, above uses Gamma).
void BM_Random_Erlang(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist =
      dccsim::sim::Erlang::with_shape_mean(static_cast<std::uint32_t>(state.range(0)), 1.0).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Erlang)->Arg(3)->Arg(40);

// Argument: the mean (below 10 inversion, above PTRS).
void BM_Random_Poisson(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist = dccsim::sim::Poisson::with_mean(static_cast<double>(state.range(0))).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Poisson)->Arg(3)->Arg(50)->Arg(1'000'000'000);

// Arguments: n and p in percent (n * min(p, 1-p) below 10 inversion, above BTRD).
void BM_Random_Binomial(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const auto dist = dccsim::sim::Binomial::with_trials(static_cast<std::uint64_t>(state.range(0)),
                                                       static_cast<double>(state.range(1)) / 100.0)
                        .value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Binomial)->Args({20, 30})->Args({1000, 60})->Args({10'000'000'000, 20});

// Argument: table size; 1 << 20 entries no longer fit in cache.
void BM_Random_Alias(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  std::vector<double> weights(static_cast<std::size_t>(state.range(0)));
  for (double& w : weights) w = 0.1 + stream.uniform01();
  const auto table = dccsim::sim::AliasTable::from_weights(weights).value();
  for (auto _ : state) benchmark::DoNotOptimize(table.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Alias)->Arg(16)->Arg(1024)->Arg(1 << 20);

void BM_Random_EmpiricalContinuous(benchmark::State& state) {
  auto stream = make_stream(1, 0, 0);
  const std::vector<double> values{0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0};
  const std::vector<double> cumulative{0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.99, 1.0};
  const auto dist = dccsim::sim::EmpiricalContinuous::from_cdf(values, cumulative).value();
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(stream));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_EmpiricalContinuous);

}  // namespace
