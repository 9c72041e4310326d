#include "tools/replications.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

using dccsim::tools::run_in_order;

TEST_CASE("run_in_order: results arrive in index order whatever finishes first") {
  for (unsigned threads : {1u, 2u, 4u, 8u}) {
    std::vector<std::uint64_t> seen;
    const std::function<std::uint64_t(std::uint64_t)> job = [](std::uint64_t i) {
      // Early indices sleep longest, so completion order is reversed.
      std::this_thread::sleep_for(std::chrono::microseconds(200 * (20 - i % 20)));
      return i * i;
    };
    const std::function<bool(std::uint64_t, std::uint64_t &&)> consume = [&](std::uint64_t i,
                                                                             std::uint64_t&& r) {
      CHECK(r == i * i);
      seen.push_back(i);
      return true;
    };
    CHECK(run_in_order<std::uint64_t>(40, threads, job, consume) == 40);
    REQUIRE(seen.size() == 40);
    for (std::uint64_t i = 0; i < 40; ++i) CHECK(seen[i] == i);
  }
}

TEST_CASE("run_in_order: stopping early consumes exactly the prefix, for any thread count") {
  for (unsigned threads : {1u, 3u}) {
    std::atomic<std::uint64_t> started{0};
    const std::function<int(std::uint64_t)> job = [&](std::uint64_t) {
      ++started;
      return 1;
    };
    std::uint64_t consumed = 0;
    const std::function<bool(std::uint64_t, int&&)> consume = [&](std::uint64_t i, int&&) {
      ++consumed;
      return i < 6;  // stop after index 6
    };
    CHECK(run_in_order<int>(1000, threads, job, consume) == 7);
    CHECK(consumed == 7);
    CHECK(started.load() <= 7 + threads + 1);  // bounded look-ahead, not 1000 jobs
  }
}

TEST_CASE("run_in_order: an exception in a job reaches the caller") {
  const std::function<int(std::uint64_t)> job = [](std::uint64_t i) {
    if (i == 3) throw std::runtime_error("boom");
    return 0;
  };
  const std::function<bool(std::uint64_t, int&&)> consume = [](std::uint64_t, int&&) { return true; };
  CHECK_THROWS_AS(run_in_order<int>(10, 2, job, consume), std::runtime_error);
}

TEST_CASE("run_in_order: results that can only be moved pass through unchanged") {
  const std::function<std::unique_ptr<std::uint64_t>(std::uint64_t)> job = [](std::uint64_t i) {
    return std::make_unique<std::uint64_t>(i + 100);
  };
  std::uint64_t sum = 0;
  const std::function<bool(std::uint64_t, std::unique_ptr<std::uint64_t> &&)> consume =
      [&](std::uint64_t i, std::unique_ptr<std::uint64_t>&& r) {
        REQUIRE(r != nullptr);
        CHECK(*r == i + 100);
        sum += *r;
        return true;
      };
  CHECK(run_in_order<std::unique_ptr<std::uint64_t>>(10, 3, job, consume) == 10);
  CHECK(sum == 1045);
  CHECK(run_in_order<std::unique_ptr<std::uint64_t>>(0, 3, job, consume) == 0);
}
