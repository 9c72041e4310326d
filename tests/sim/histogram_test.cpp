#include "sim/histogram.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tests/support/splitmix.hpp"

namespace dccsim::sim {
namespace {

using dccsim::testing::SplitMix64;

// The same nearest-rank definition the histogram documents: the ceil(q·n)-th smallest, at least the first.
double exact_quantile(const std::vector<double>& sorted, double q) {
  const double wanted = std::ceil(q * static_cast<double>(sorted.size()));
  const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(wanted));
  return sorted[rank - 1];
}

struct Distribution {
  std::string name;
  std::function<double(SplitMix64&)> draw;
};

TEST_CASE("histogram: quantiles are within 1 % of exact sorted-sample quantiles") {
  const std::vector<Distribution> distributions = {
      {"exponential mean 2.5", [](SplitMix64& r) { return -2.5 * std::log(1.0 - r.uniform()); }},
      {"lognormal sigma 3", [](SplitMix64& r) { return std::exp(3.0 * r.normal()); }},
      {"uniform [0, 1000)", [](SplitMix64& r) { return 1000.0 * r.uniform(); }},
      {"constant 5", [](SplitMix64&) { return 5.0; }},
      {"constant 0.3", [](SplitMix64&) { return 0.3; }},
  };
  const std::vector<std::size_t> sizes = {1, 7, 100, 1000, 50'000};
  const std::vector<double> qs = {0.001, 0.01, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999};
  double worst = 0.0;
  std::uint64_t seed = 1;
  for (const Distribution& distribution : distributions) {
    for (const std::size_t n : sizes) {
      SplitMix64 rng(seed++);
      LogHistogram histogram(1e-9, 1e9);
      std::vector<double> values(n);
      for (double& v : values) {
        v = distribution.draw(rng);
        histogram.add(v);
      }
      std::sort(values.begin(), values.end());
      REQUIRE(histogram.underflow_count() + histogram.overflow_count() == 0);
      for (const double q : qs) {
        const double exact = exact_quantile(values, q);
        const double error = std::abs(histogram.quantile(q) - exact) / exact;
        worst = std::max(worst, error);
        INFO(distribution.name, " n=", n, " q=", q);
        CHECK(error <= 0.01);
      }
    }
  }
  MESSAGE("max relative quantile error: ", worst);
  // The bucket layout bounds the error by sqrt(1 + 1/64) - 1 = 0.778 %.
  CHECK(worst <= 0.00779);
}

TEST_CASE("histogram: every rank is found walking up or down the buckets") {
  SplitMix64 rng(31);
  LogHistogram histogram(0.5, 200.0);
  std::vector<double> values;
  values.reserve(39);
  for (int i = 0; i < 37; ++i) values.push_back(i % 5 == 0 ? 0.1 : 1.0 + 100.0 * rng.uniform());
  values.push_back(1000.0);
  values.push_back(3000.0);
  for (const double v : values) histogram.add(v);
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  for (std::size_t rank = 1; rank <= values.size(); ++rank) {
    const double q = (static_cast<double>(rank) - 0.5) / n;
    const double exact = exact_quantile(values, q);
    INFO("rank ", rank);
    CHECK(exact == values[rank - 1]);
    if (exact < histogram.resolution()) {
      CHECK(histogram.quantile(q) == histogram.min());
    } else if (exact > histogram.highest()) {
      CHECK(histogram.quantile(q) == histogram.max());
    } else {
      CHECK(std::abs(histogram.quantile(q) - exact) / exact <= 0.00779);
    }
  }
}

TEST_CASE("histogram: q = 0 and q = 1 return the exact min and max") {
  LogHistogram histogram;
  const std::vector<double> values = {3.14159, 0.001234, 27.5, 1.0e6 + 0.5, 42.0};
  for (const double v : values) histogram.add(v);
  CHECK(histogram.quantile(0.0) == 0.001234);
  CHECK(histogram.quantile(1.0) == 1.0e6 + 0.5);
  CHECK(histogram.min() == 0.001234);
  CHECK(histogram.max() == 1.0e6 + 0.5);
  CHECK(std::isnan(histogram.quantile(-0.1)));
  CHECK(std::isnan(histogram.quantile(1.5)));
  CHECK(std::isnan(LogHistogram().quantile(0.5)));
  CHECK(std::isnan(LogHistogram().mean()));
}

TEST_CASE("histogram: a constant is reported exactly") {
  LogHistogram histogram;
  histogram.add(7.25, 1000);
  for (const double q : {0.0, 0.1, 0.5, 0.99, 1.0}) CHECK(histogram.quantile(q) == 7.25);
  CHECK(histogram.mean() == 7.25);
}

TEST_CASE("histogram: underflow and overflow are counted exactly") {
  LogHistogram histogram(1.0, 1000.0);
  histogram.add(0.0, 90);
  histogram.add(0.5, 5);
  histogram.add(10.0, 4);
  histogram.add(5000.0);
  CHECK(histogram.count() == 100);
  CHECK(histogram.underflow_count() == 95);
  CHECK(histogram.overflow_count() == 1);
  CHECK(histogram.quantile(0.5) == 0.0);  // rank in the underflow bucket: the exact min
  CHECK(histogram.quantile(0.96) == doctest::Approx(10.0).epsilon(0.008));
  CHECK(histogram.quantile(0.999) == 5000.0);  // rank in the overflow bucket: the exact max
  CHECK(histogram.max() == 5000.0);
  CHECK(histogram.mean() == doctest::Approx((2.5 + 40.0 + 5000.0) / 100.0).epsilon(1e-15));
}

TEST_CASE("histogram: add with a count equals repeated adds") {
  LogHistogram once;
  LogHistogram repeated;
  once.add(3.3, 17);
  for (int i = 0; i < 17; ++i) repeated.add(3.3);
  CHECK(once.count() == repeated.count());
  CHECK(once.quantile(0.5) == repeated.quantile(0.5));
  CHECK(once.mean() == doctest::Approx(repeated.mean()).epsilon(1e-15));
}

TEST_CASE("histogram: mean is exact from the running sum") {
  LogHistogram histogram;
  double sum = 0.0;
  SplitMix64 rng(5);
  for (int i = 0; i < 10'000; ++i) {
    const double v = 100.0 * rng.uniform();
    histogram.add(v);
    sum += v;
  }
  CHECK(histogram.mean() == doctest::Approx(sum / 10'000.0).epsilon(1e-14));
}

TEST_CASE("histogram: merge equals a single histogram") {
  SplitMix64 rng(99);
  LogHistogram whole(1e-3, 1e6);
  std::vector<LogHistogram> parts(4, LogHistogram(1e-3, 1e6));
  for (int i = 0; i < 20'000; ++i) {
    const double v = i % 100 == 0 ? 0.0 : std::exp(2.0 * rng.normal() + 1.0);
    whole.add(v);
    parts[static_cast<std::size_t>(i % 3)].add(v);  // parts[3] stays empty
  }
  LogHistogram merged(1e-3, 1e6);
  for (const LogHistogram& part : parts) REQUIRE(merged.merge(part));
  CHECK(merged.count() == whole.count());
  CHECK(merged.underflow_count() == whole.underflow_count());
  CHECK(merged.overflow_count() == whole.overflow_count());
  CHECK(merged.min() == whole.min());
  CHECK(merged.max() == whole.max());
  CHECK(merged.mean() == doctest::Approx(whole.mean()).epsilon(1e-14));
  for (const double q : {0.0, 0.005, 0.5, 0.9, 0.99, 0.999, 1.0})
    CHECK(merged.quantile(q) == whole.quantile(q));
  std::vector<HistogramBucket> a;
  std::vector<HistogramBucket> b;
  merged.for_each_bucket([&a](const HistogramBucket& bucket) { a.push_back(bucket); });
  whole.for_each_bucket([&b](const HistogramBucket& bucket) { b.push_back(bucket); });
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].lower == b[i].lower);
    CHECK(a[i].count == b[i].count);
  }

  CHECK_FALSE(merged.merge(LogHistogram(1e-3, 1e7)));
  CHECK_FALSE(merged.merge(LogHistogram(1e-4, 1e6)));
  CHECK(merged.count() == whole.count());
}

TEST_CASE("histogram: buckets iterate in increasing order and hold every observation") {
  LogHistogram histogram(0.01, 100.0);
  SplitMix64 rng(3);
  for (int i = 0; i < 5'000; ++i) histogram.add(200.0 * rng.uniform() * rng.uniform());
  histogram.add(0.0);
  std::uint64_t total = 0;
  double previous_upper = 0.0;
  bool ordered = true;
  bool ratio_ok = true;
  histogram.for_each_bucket([&](const HistogramBucket& bucket) {
    total += bucket.count;
    ordered = ordered && bucket.lower >= previous_upper && bucket.lower < bucket.upper;
    if (bucket.lower >= histogram.resolution() && bucket.upper <= histogram.highest()) {
      ratio_ok = ratio_ok && bucket.upper / bucket.lower <= 1.0 + 1.0 / 64.0;
    }
    previous_upper = bucket.upper;
  });
  CHECK(total == histogram.count());
  CHECK(ordered);
  CHECK(ratio_ok);
  CHECK(previous_upper == histogram.max());
}

TEST_CASE("histogram: memory is fixed at construction") {
  LogHistogram histogram;
  // 2^-20 < 1e-6 and 1e9 < 2^30: 50 binades of 64 buckets, minus the parts outside the range.
  CHECK(histogram.bucket_count() == 3189);
  const std::size_t bytes = histogram.memory_bytes();
  MESSAGE("LogHistogram() memory: ", bytes, " bytes");
  SplitMix64 rng(8);
  for (int i = 0; i < 100'000; ++i) histogram.add(1e12 * rng.uniform());
  CHECK(histogram.memory_bytes() == bytes);
  histogram.reset();
  CHECK(histogram.count() == 0);
  CHECK(histogram.memory_bytes() == bytes);
}

}  // namespace
}  // namespace dccsim::sim
