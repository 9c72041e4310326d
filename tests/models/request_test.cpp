#include "models/request.hpp"

#include <doctest/doctest.h>

#include <set>
#include <vector>

namespace models = dccsim::models;

TEST_CASE("request pool: released slots are reused and every request is accounted") {
  models::RequestPool pool;
  std::vector<std::uint32_t> held;
  for (int i = 0; i < 5; ++i) held.push_back(pool.allocate());
  CHECK(std::set<std::uint32_t>(held.begin(), held.end()).size() == 5);
  CHECK(pool.live() == 5);
  CHECK(pool.peak() == 5);
  pool.release(held[1]);
  pool.release(held[3]);
  CHECK(pool.live() == 3);
  // The free list hands back the last released slot first; no new slot is created.
  CHECK(pool.allocate() == held[3]);
  CHECK(pool.allocate() == held[1]);
  CHECK(pool.slots() == 5);
  CHECK(pool.live() == 5);
  const std::uint32_t fresh = pool.allocate();
  CHECK(fresh == 5);
  CHECK(pool.slots() == 6);
  CHECK(pool.peak() == 6);
  for (std::uint32_t i = 0; i < 6; ++i) pool.release(i);
  CHECK(pool.live() == 0);
  CHECK(pool.peak() == 6);
}

TEST_CASE("request pool: a steady flow of requests needs only its peak in slots") {
  models::RequestPool pool;
  std::vector<std::uint32_t> window;
  for (int i = 0; i < 10'000; ++i) {
    window.push_back(pool.allocate());
    pool[window.back()].attempt = 1;
    if (window.size() == 8) {
      pool.release(window.front());
      window.erase(window.begin());
    }
  }
  CHECK(pool.slots() == 8);
  CHECK(pool.peak() == 8);
  CHECK(pool.live() == 7);
}

TEST_CASE("request fifo: first in, first out, linked through the pool") {
  models::RequestPool pool;
  models::RequestFifo a;
  models::RequestFifo b;
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(pool.allocate());
  for (int i = 0; i < 6; ++i) (i % 2 == 0 ? a : b).push(pool, ids[static_cast<std::size_t>(i)]);
  CHECK(a.size == 3);
  CHECK(b.size == 3);
  CHECK(a.pop(pool) == ids[0]);
  CHECK(b.pop(pool) == ids[1]);
  a.push(pool, ids[1]);  // moved from one queue to the other
  CHECK(a.pop(pool) == ids[2]);
  CHECK(a.pop(pool) == ids[4]);
  CHECK(a.pop(pool) == ids[1]);
  CHECK(a.empty());
  CHECK(a.head == models::kNil);
  CHECK(a.tail == models::kNil);
  CHECK(b.pop(pool) == ids[3]);
  CHECK(b.pop(pool) == ids[5]);
  CHECK(b.empty());
}

TEST_CASE("request: seconds to ticks rounds, clamps and maps non-positive to zero") {
  CHECK(models::to_ticks(1.5) == 1'500'000);
  CHECK(models::to_ticks(0.0000004) == 0);
  CHECK(models::to_ticks(0.0000006) == 1);
  CHECK(models::to_ticks(-3) == 0);
  CHECK(models::to_ticks(1e300) == 900'000'000'000'000'000);
}
