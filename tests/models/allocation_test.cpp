#include "models/allocation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

#include "sim/random.hpp"

namespace dccsim::models {
namespace {

double sum(std::span<const double> values) { return std::accumulate(values.begin(), values.end(), 0.0); }

TEST_CASE("allocation: every policy allocates the whole capacity") {
  sim::RandomStream stream = sim::make_stream(11, 0, 0);
  for (const AllocationPolicy policy :
       {AllocationPolicy::forecast_share, AllocationPolicy::equal, AllocationPolicy::max_min_fair}) {
    for (std::size_t n : {1u, 2u, 3u, 17u, 250u}) {
      for (const double capacity : {0.0, 1.0, 1234.5, 1e9}) {
        std::vector<double> weight(n);
        std::vector<double> demand(n);
        for (std::size_t i = 0; i < n; ++i) {
          weight[i] = stream.uniform01() < 0.2 ? 0.0 : 1e6 * stream.uniform01();
          demand[i] =
              stream.uniform01() < 0.2 ? 0.0 : 2.0 * capacity * stream.uniform01() / static_cast<double>(n);
        }
        std::vector<double> out(n, -7.0);
        allocate(policy, capacity, weight, demand, out);
        CAPTURE(static_cast<int>(policy));
        CAPTURE(n);
        CAPTURE(capacity);
        CHECK(sum(out) == doctest::Approx(capacity).epsilon(1e-12));
        CHECK(*std::min_element(out.begin(), out.end()) >= 0.0);
      }
    }
  }
  // No Users: nothing to write, nothing to read.
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, {}, {});
}

TEST_CASE("allocation: forecast shares are proportional to the weights") {
  const std::array<double, 4> weight{1.0, 2.0, 3.0, 4.0};
  std::array<double, 4> out{};
  allocate(AllocationPolicy::forecast_share, 100.0, weight, {}, out);
  CHECK(out[0] == doctest::Approx(10.0));
  CHECK(out[1] == doctest::Approx(20.0));
  CHECK(out[2] == doctest::Approx(30.0));
  CHECK(out[3] == doctest::Approx(40.0));
  // No forecast at all: an equal split.
  const std::array<double, 4> none{};
  allocate(AllocationPolicy::forecast_share, 100.0, none, {}, out);
  for (const double o : out) CHECK(o == doctest::Approx(25.0));
}

TEST_CASE("allocation: equal splits the capacity evenly") {
  std::array<double, 3> out{};
  allocate(AllocationPolicy::equal, 90.0, {}, {}, out);
  for (const double o : out) CHECK(o == doctest::Approx(30.0));
}

TEST_CASE("allocation: max-min fair lends unused share to the heavy Users") {
  std::array<double, 3> out{};
  const std::array<double, 3> demand{10.0, 50.0, 80.0};
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, demand, out);
  CHECK(out[0] == doctest::Approx(10.0));
  CHECK(out[1] == doctest::Approx(45.0));
  CHECK(out[2] == doctest::Approx(45.0));

  // Two rounds of borrowing: fair 25 settles 5; then 95/3 = 31.67 settles 30; then 65/2 = 32.5.
  std::array<double, 4> out4{};
  const std::array<double, 4> demand4{5.0, 30.0, 40.0, 200.0};
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, demand4, out4);
  CHECK(out4[0] == doctest::Approx(5.0));
  CHECK(out4[1] == doctest::Approx(30.0));
  CHECK(out4[2] == doctest::Approx(32.5));
  CHECK(out4[3] == doctest::Approx(32.5));
}

TEST_CASE("allocation: max-min fair shares the spare equally when demand fits") {
  std::array<double, 3> out{};
  const std::array<double, 3> demand{10.0, 20.0, 30.0};
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, demand, out);
  CHECK(out[0] == doctest::Approx(10.0 + 40.0 / 3.0));
  CHECK(out[1] == doctest::Approx(20.0 + 40.0 / 3.0));
  CHECK(out[2] == doctest::Approx(30.0 + 40.0 / 3.0));
  // Demand exactly at capacity: everyone gets its demand.
  const std::array<double, 3> full{20.0, 30.0, 50.0};
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, full, out);
  CHECK(out[0] == doctest::Approx(20.0));
  CHECK(out[1] == doctest::Approx(30.0));
  CHECK(out[2] == doctest::Approx(50.0));
}

TEST_CASE("allocation: max-min fair with a zero-demand User and with no demand") {
  std::array<double, 3> out{};
  // Over capacity: the idle User gets nothing, the rest split what it leaves.
  const std::array<double, 3> demand{0.0, 70.0, 90.0};
  allocate(AllocationPolicy::max_min_fair, 100.0, {}, demand, out);
  CHECK(out[0] == 0.0);
  CHECK(out[1] == doctest::Approx(50.0));
  CHECK(out[2] == doctest::Approx(50.0));
  // Under capacity: the idle User shares the spare like everyone else.
  const std::array<double, 3> light{0.0, 10.0, 20.0};
  allocate(AllocationPolicy::max_min_fair, 90.0, {}, light, out);
  CHECK(out[0] == doctest::Approx(20.0));
  CHECK(out[1] == doctest::Approx(30.0));
  CHECK(out[2] == doctest::Approx(40.0));
  // Nobody demands anything: an equal split.
  const std::array<double, 3> idle{};
  allocate(AllocationPolicy::max_min_fair, 90.0, {}, idle, out);
  for (const double o : out) CHECK(o == doctest::Approx(30.0));
}

LoadSample stationary_sample() {
  LoadSample sample;
  sample.offered_per_s = 600.0;
  sample.throughput_per_s = 500.0;
  sample.bottleneck_utilisation = 0.5;
  sample.share_within_target = 0.995;
  sample.target_service_level = 0.99;
  return sample;
}

TEST_CASE("allocation: dynamic capacity converges to throughput × target / utilisation") {
  DynamicCapacity params;  // target utilisation 0.8, smoothing 0.5
  const LoadSample sample = stationary_sample();
  const double expected = 500.0 * 0.8 / 0.5;
  // One step moves half the way.
  CHECK(next_dynamic_capacity(params, 100.0, sample) == doctest::Approx(0.5 * 100.0 + 0.5 * expected));
  double capacity = 100.0;
  for (int i = 0; i < 60; ++i) capacity = next_dynamic_capacity(params, capacity, sample);
  CHECK(capacity == doctest::Approx(expected).epsilon(1e-12));
  // From above too.
  capacity = 1e6;
  for (int i = 0; i < 60; ++i) capacity = next_dynamic_capacity(params, capacity, sample);
  CHECK(capacity == doctest::Approx(expected).epsilon(1e-12));
  // No load on the bottleneck: nothing learnt, the previous value stands.
  LoadSample idle;
  CHECK(next_dynamic_capacity(params, 321.0, idle) == 321.0);
}

TEST_CASE("allocation: dynamic capacity cuts after a missed service level") {
  DynamicCapacity params;  // decrease factor 0.8
  LoadSample sample = stationary_sample();
  sample.share_within_target = 0.95;
  // The estimate (800) alone would raise 1000 → 900; the miss cuts to 1000 × 0.8.
  CHECK(next_dynamic_capacity(params, 1000.0, sample) == doctest::Approx(800.0));
  // A cut never raises: if smoothing already goes lower it stands.
  CHECK(next_dynamic_capacity(params, 5000.0, sample) == doctest::Approx(2900.0));
  // Exactly at the target level: no cut.
  sample.share_within_target = 0.99;
  CHECK(next_dynamic_capacity(params, 1000.0, sample) == doctest::Approx(900.0));
  // No responses measured (NaN share), or no traffic: no cut.
  sample.share_within_target = std::numeric_limits<double>::quiet_NaN();
  CHECK(next_dynamic_capacity(params, 1000.0, sample) == doctest::Approx(900.0));
  LoadSample quiet;
  quiet.share_within_target = 0.0;
  CHECK(next_dynamic_capacity(params, 1000.0, quiet) == 1000.0);
}

TEST_CASE("allocation: dynamic capacity stays within its bounds") {
  DynamicCapacity params;
  params.min_per_s = 200.0;
  params.max_per_s = 700.0;
  const LoadSample sample = stationary_sample();  // estimate 800
  CHECK(next_dynamic_capacity(params, 690.0, sample) == 700.0);
  LoadSample miss = sample;
  miss.share_within_target = 0.5;
  double capacity = 700.0;
  for (int i = 0; i < 20; ++i) capacity = next_dynamic_capacity(params, capacity, miss);
  CHECK(capacity == 200.0);
}

TEST_CASE("allocation: throttling activation") {
  CHECK(throttling_active(Activation::always, 0.0, 100.0, 0.8));
  CHECK_FALSE(throttling_active(Activation::never, 1e12, 100.0, 0.8));
  // Threshold at 0.5 × 200 = 100 offered per second: below is off, at or above is on.
  CHECK_FALSE(throttling_active(Activation::threshold, 99.999, 200.0, 0.5));
  CHECK(throttling_active(Activation::threshold, 100.0, 200.0, 0.5));
  CHECK(throttling_active(Activation::threshold, 150.0, 200.0, 0.5));
  CHECK_FALSE(throttling_active(Activation::threshold, 0.0, 200.0, 0.5));
}

}  // namespace
}  // namespace dccsim::models
