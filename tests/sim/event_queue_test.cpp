#include "sim/event_queue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sim = dccsim::sim;

namespace {

// A tiny deterministic generator so the test does not depend on the library's streams.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

}  // namespace

TEST_CASE_TEMPLATE("event_queue: pops in (time, key) order", Queue, sim::QuaternaryHeap, sim::CalendarQueue) {
  Queue q;
  SplitMix rng{42};
  std::vector<sim::EventEntry> all;
  for (std::uint64_t seq = 0; seq < 5000; ++seq) {
    // Few distinct times so many ties occur.
    const auto t = static_cast<std::int64_t>(rng.next() % 300) * 1000;
    const sim::EventEntry e{t, seq, seq * 3};
    all.push_back(e);
    q.push(e);
  }
  std::sort(all.begin(), all.end(), sim::fires_before);
  REQUIRE(q.size() == all.size());
  for (const auto& expected : all) {
    REQUIRE_FALSE(q.empty());
    CHECK(q.top().key == expected.key);
    const sim::EventEntry got = q.pop();
    CHECK(got.time == expected.time);
    CHECK(got.key == expected.key);
    CHECK(got.arg == expected.arg);
  }
  CHECK(q.empty());
}

TEST_CASE_TEMPLATE("event_queue: equal times fire in insertion order", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  Queue q;
  for (std::uint64_t seq = 0; seq < 1000; ++seq) q.push({7, seq, 0});
  for (std::uint64_t seq = 0; seq < 1000; ++seq) CHECK(q.pop().key == seq);
}

TEST_CASE_TEMPLATE("event_queue: hold model interleaving matches a reference", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  // Interleaved pops and pushes never earlier than the last pop, with populations that grow
  // and shrink so resizing paths run; compared against a sorted reference.
  Queue q;
  std::vector<sim::EventEntry> ref;
  SplitMix rng{7};
  std::uint64_t seq = 0;
  std::int64_t now = 0;
  const auto push = [&](std::int64_t t) {
    const sim::EventEntry e{t, seq, seq % 1000};
    ++seq;
    q.push(e);
    ref.push_back(e);
    std::push_heap(ref.begin(), ref.end(), [](const auto& a, const auto& b) { return sim::fires_before(b, a); });
  };
  const auto pop_and_check = [&] {
    std::pop_heap(ref.begin(), ref.end(), [](const auto& a, const auto& b) { return sim::fires_before(b, a); });
    const sim::EventEntry expected = ref.back();
    ref.pop_back();
    const sim::EventEntry got = q.pop();
    REQUIRE(got.key == expected.key);
    REQUIRE(got.time >= now);
    now = got.time;
  };
  for (int i = 0; i < 3000; ++i) push(static_cast<std::int64_t>(rng.next() % 1'000'000));
  for (int phase = 0; phase < 3; ++phase) {
    for (int i = 0; i < 20000; ++i) {
      pop_and_check();
      // Mixed time scales: mostly near, sometimes far in the future, sometimes "now".
      const std::uint64_t r = rng.next();
      const std::int64_t delta = (r % 10 == 0)   ? static_cast<std::int64_t>(rng.next() % 100'000'000)
                                 : (r % 10 == 1) ? 0
                                                 : static_cast<std::int64_t>(rng.next() % 2'000'000);
      push(now + delta);
      if (phase == 1 && i % 3 == 0) push(now + static_cast<std::int64_t>(rng.next() % 500'000));
      if (phase == 2 && i % 2 == 0 && ref.size() > 10) pop_and_check();
    }
  }
  while (!ref.empty()) pop_and_check();
  CHECK(q.empty());
}

TEST_CASE_TEMPLATE("event_queue: an entry earlier than the cursor is found", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  Queue q;
  q.push({1'000'000'000, 0, 0});
  CHECK(q.top().time == 1'000'000'000);  // moves a calendar cursor far ahead
  q.push({5, 1, 1});
  CHECK(q.top().time == 5);
  CHECK(q.pop().key == 1);
  CHECK(q.pop().key == 0);
  CHECK(q.empty());
}

TEST_CASE_TEMPLATE("event_queue: clear keeps the queue usable", Queue, sim::QuaternaryHeap, sim::CalendarQueue) {
  Queue q;
  for (std::uint64_t s = 0; s < 100; ++s) q.push({static_cast<std::int64_t>(100 - s), s, 0});
  q.clear();
  CHECK(q.empty());
  q.push({3, 200, 0});
  q.push({2, 201, 0});
  CHECK(q.pop().key == 201);
  CHECK(q.pop().key == 200);
}
