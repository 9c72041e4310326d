#include "sim/event_queue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "tests/support/splitmix.hpp"

namespace sim = dccsim::sim;

using dccsim::testing::SplitMix64;

TEST_CASE_TEMPLATE("event_queue: pops in (time, key) order", Queue, sim::QuaternaryHeap, sim::CalendarQueue) {
  Queue q;
  SplitMix64 rng(42);
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
  SplitMix64 rng(7);
  std::uint64_t seq = 0;
  std::int64_t now = 0;
  const auto push = [&](std::int64_t t) {
    const sim::EventEntry e{t, seq, seq % 1000};
    ++seq;
    q.push(e);
    ref.push_back(e);
    std::push_heap(ref.begin(), ref.end(),
                   [](const auto& a, const auto& b) { return sim::fires_before(b, a); });
  };
  const auto pop_and_check = [&] {
    std::pop_heap(ref.begin(), ref.end(),
                  [](const auto& a, const auto& b) { return sim::fires_before(b, a); });
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

TEST_CASE_TEMPLATE("event_queue: clear keeps the queue usable", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  Queue q;
  for (std::uint64_t s = 0; s < 100; ++s) q.push({static_cast<std::int64_t>(100 - s), s, 0});
  q.clear();
  CHECK(q.empty());
  q.push({3, 200, 0});
  q.push({2, 201, 0});
  CHECK(q.pop().key == 201);
  CHECK(q.pop().key == 200);
}

TEST_CASE_TEMPLATE("event_queue: pushes earlier than the last pop keep the order", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  // The Simulation never schedules into the past, but the queue contract allows any push order:
  // times anywhere around the last pop (negative ones included), on clustered and spread scales.
  Queue q;
  std::vector<sim::EventEntry> ref;
  const auto later = [](const auto& a, const auto& b) { return sim::fires_before(b, a); };
  SplitMix64 rng(11);
  std::uint64_t seq = 0;
  const auto push = [&](std::int64_t t) {
    const sim::EventEntry e{t, seq, seq};
    ++seq;
    q.push(e);
    ref.push_back(e);
    std::push_heap(ref.begin(), ref.end(), later);
  };
  const auto pop_and_check = [&] {
    std::pop_heap(ref.begin(), ref.end(), later);
    const sim::EventEntry expected = ref.back();
    ref.pop_back();
    REQUIRE(q.top().key == expected.key);
    const sim::EventEntry got = q.pop();
    REQUIRE(got.key == expected.key);
    REQUIRE(got.time == expected.time);
  };
  std::int64_t last = 0;
  for (int i = 0; i < 4000; ++i) push(static_cast<std::int64_t>(rng.next() % 10'000'000));
  for (int i = 0; i < 60'000; ++i) {
    if (!ref.empty()) {
      last = ref.front().time;
      pop_and_check();
    }
    const std::uint64_t r = rng.next();
    const auto offset = static_cast<std::int64_t>(rng.next() % 3'000'000) - 1'000'000;  // often before `last`
    const std::int64_t scale = (r % 7 == 0) ? 1'000'000 : (r % 7 == 1) ? 0 : 1;
    push(last + offset * scale);
    if (r % 5 == 0) push(last - static_cast<std::int64_t>(rng.next() % 50));
    if (i > 40'000 && r % 3 == 0 && !ref.empty()) pop_and_check();  // shrink
  }
  while (!ref.empty()) pop_and_check();
  CHECK(q.empty());
}

TEST_CASE_TEMPLATE("event_queue: clustered then sparse times stay ordered", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  // A dense cluster sets a narrow bucket width; then a few entries years apart must still be
  // found, and the queue must cope when the spread changes by orders of magnitude.
  Queue q;
  std::uint64_t seq = 0;
  for (int i = 0; i < 2000; ++i) q.push({i % 50, seq++, 0});
  for (int i = 0; i < 5; ++i) q.push({std::int64_t{1} << (40 + i), seq++, 0});
  q.push({-7, seq++, 0});
  std::int64_t prev = std::numeric_limits<std::int64_t>::min();
  std::uint64_t prev_key = 0;
  std::size_t n = 0;
  while (!q.empty()) {
    const sim::EventEntry e = q.pop();
    REQUIRE((e.time > prev || (e.time == prev && e.key > prev_key)));
    prev = e.time;
    prev_key = e.key;
    ++n;
    if (n % 400 == 0 && n < 2000) q.push({prev + 1'000'000'000'000, seq++, 0});
  }
  CHECK(n == 2006 + 4);
}

TEST_CASE_TEMPLATE("event_queue: a large hold model matches a sorted reference", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  // Enough entries for the calendar to fetch its lists ahead, with lists of several nodes.
  Queue q;
  std::vector<sim::EventEntry> ref;  // a min-heap on fires_before
  const auto later = [](const sim::EventEntry& a, const sim::EventEntry& b) {
    return sim::fires_before(b, a);
  };
  SplitMix64 rng(11);
  std::uint64_t seq = 0;
  const auto push = [&](std::int64_t t) {
    const sim::EventEntry e{t, seq, seq ^ 0x5555};
    ++seq;
    q.push(e);
    ref.push_back(e);
    std::push_heap(ref.begin(), ref.end(), later);
  };
  for (int i = 0; i < 30000; ++i) push(static_cast<std::int64_t>(rng.next() % 2'000'000));
  std::int64_t now = 0;
  for (int i = 0; i < 200000; ++i) {
    std::pop_heap(ref.begin(), ref.end(), later);
    const sim::EventEntry expected = ref.back();
    ref.pop_back();
    REQUIRE(q.top().key == expected.key);
    const sim::EventEntry got = q.pop();
    REQUIRE(got.key == expected.key);
    REQUIRE(got.arg == expected.arg);
    REQUIRE(got.time >= now);
    now = got.time;
    // Holding times from 0 to 2 s in microsecond ticks, a few of them long.
    const std::uint64_t r = rng.next();
    push(now + static_cast<std::int64_t>(r % 64 == 0 ? rng.next() % 50'000'000 : rng.next() % 2'000'000));
  }
  CHECK(q.size() == ref.size());
}
