#include "sim/event_queue.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace dccsim::sim {
namespace {

constexpr std::size_t kWidthSample = 256;
constexpr int kMaxWidthShift = 44;  // about 200 days per bucket
// Target entries per bucket at the front of the distribution: a few, so a refill copies several
// entries per bucket visited, while the year (bucket count x width) spans most pending events.
// Once the lists are fetched ahead (from kWarmFrom buckets), each list level costs a miss
// latency per batch, so shorter lists pay for the extra refills.
constexpr double kEntriesPerBucket = 3.0;
constexpr double kEntriesPerWarmBucket = 2.0;
// The bucket heads are read in order, but the nodes they point to are scattered over the pool
// and each list is a chain of dependent loads. So the lists are fetched a batch of buckets at a
// time, all of the batch's lists advanced one level per step (one miss latency per level rather
// than per node), and the first nodes of the batch after it are prefetched for the next time.
constexpr std::uint32_t kWarmBatch = 16;
// Deeper lists (a poor width, about to be re-estimated) are left to the extraction walk.
constexpr int kWarmLevels = 8;
// Below this many buckets the lists stay in the caches and fetching ahead would only cost.
constexpr std::size_t kWarmFrom = std::size_t{1} << 12;
// Credit, in wasted steps, that each entry copied to the bottom earns; see CalendarQueue::waste_.
constexpr std::int64_t kWasteCredit = 4;
constexpr std::size_t kBottomReserve = 64;

}  // namespace

CalendarQueue::CalendarQueue() : heads_(kMinBuckets, kNil) {
  bucket_mask_ = static_cast<std::uint32_t>(kMinBuckets - 1);
  bottom_.reserve(kBottomReserve);
  current_ = bucket_of(bottom_end_ - 1);
}

void CalendarQueue::clear() {
  node_count_ = 0;
  free_ = kNil;
  std::fill(heads_.begin(), heads_.end(), kNil);
  bottom_.clear();
  bottom_pos_ = 0;
  bottom_end_ = 0;
  current_ = bucket_of(bottom_end_ - 1);
  warm_left_ = 0;
  size_ = 0;
  waste_ = 0;
}

void CalendarQueue::reserve(std::size_t n) {
  if (n <= node_capacity_) return;
  DCCSIM_ASSERT(n < kNil, "calendar queue node pool exhausted");
  std::vector<Node> pool(n + 1);
  // operator new gives 16-byte alignment; step into the pool to the next 32-byte boundary.
  const auto address = reinterpret_cast<std::uintptr_t>(pool.data());
  const std::uintptr_t shift = (32 - address % 32) % 32;
  Node* const nodes = reinterpret_cast<Node*>(reinterpret_cast<std::byte*>(pool.data()) + shift);
  std::copy(nodes_, nodes_ + node_count_, nodes);
  pool_.swap(pool);
  nodes_ = nodes;
  node_capacity_ = n;
}

void CalendarQueue::grow_pool() {
  if (node_count_ == node_capacity_) reserve(std::max<std::size_t>(16, 2 * node_capacity_));
  const auto index = static_cast<std::uint32_t>(node_count_++);
  nodes_[index].next = kNil;
  free_ = index;
}

void CalendarQueue::push_bottom(const EventEntry& entry) {
  if (bottom_pos_ == bottom_.size()) {
    bottom_.clear();
    bottom_pos_ = 0;
  }
  if (bottom_.size() == bottom_pos_ || !fires_before(entry, bottom_.back())) {
    bottom_.push_back(entry);
    return;
  }
  if (bottom_pos_ > 0 && bottom_.size() == bottom_.capacity()) {
    // Reuse the consumed prefix rather than growing the array.
    bottom_.erase(bottom_.begin(), bottom_.begin() + static_cast<std::ptrdiff_t>(bottom_pos_));
    bottom_pos_ = 0;
  }
  const auto at = std::upper_bound(bottom_.begin() + static_cast<std::ptrdiff_t>(bottom_pos_), bottom_.end(),
                                   entry, fires_before);
  waste_ += bottom_.end() - at;
  bottom_.insert(at, entry);
  if (waste_ > static_cast<std::int64_t>(2 * (size_ + heads_.size()))) rebuild(heads_.size());
}

void CalendarQueue::extract(std::uint32_t bucket) {
  std::uint32_t* link = &heads_[bucket];
  std::uint32_t index = *link;
  while (index != kNil) {
    Node& node = nodes_[index];
    const std::uint32_t next = node.next;
    if (node.entry.time < bottom_end_) {
      bottom_.push_back(node.entry);
      *link = next;
      node.next = free_;
      free_ = index;
    } else {
      link = &node.next;  // a later year's entry stays
    }
    index = next;
  }
}

void CalendarQueue::sort_bottom() {
  if (bottom_.size() > 16) {
    std::sort(bottom_.begin(), bottom_.end(), fires_before);
    return;
  }
  for (std::size_t i = 1; i < bottom_.size(); ++i) {
    const EventEntry e = bottom_[i];
    std::size_t j = i;
    for (; j > 0 && fires_before(e, bottom_[j - 1]); --j) bottom_[j] = bottom_[j - 1];
    bottom_[j] = e;
  }
}

void CalendarQueue::warm_ahead() {
  std::array<std::uint32_t, kWarmBatch> cursor{};
  std::size_t live = 0;
  for (std::uint32_t j = 1; j <= kWarmBatch; ++j) {
    const std::uint32_t index = heads_[(current_ + j) & bucket_mask_];
    if (index != kNil) cursor[live++] = index;
  }
  for (const std::uint32_t j : {2 * kWarmBatch - 2, 2 * kWarmBatch}) {
    __builtin_prefetch(&heads_[(current_ + j) & bucket_mask_]);
  }
  for (std::uint32_t j = kWarmBatch + 1; j <= 2 * kWarmBatch; ++j) {
    const std::uint32_t index = heads_[(current_ + j) & bucket_mask_];
    if (index != kNil) __builtin_prefetch(&nodes_[index]);
  }
  for (int level = 0; level < kWarmLevels && live > 0; ++level) {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < live; ++k) {
      const std::uint32_t next = nodes_[cursor[k]].next;
      if (next != kNil) {
        __builtin_prefetch(&nodes_[next]);
        cursor[kept++] = next;
      }
    }
    live = kept;
  }
  warm_left_ = kWarmBatch - 1;  // the caller moves on to the first of them
}

void CalendarQueue::refill() {
  DCCSIM_ASSERT(size_ > 0, "refill of an empty calendar queue");
  bottom_.clear();
  bottom_pos_ = 0;
  if (waste_ > static_cast<std::int64_t>(2 * (size_ + heads_.size()))) {
    rebuild(heads_.size());
    return;
  }
  const std::size_t n = heads_.size();
  for (std::size_t scanned = 0; scanned < n; ++scanned) {
    if (warm_left_ > 0) {
      --warm_left_;
    } else if (n >= kWarmFrom) {
      warm_ahead();
    }
    current_ = (current_ + 1) & bucket_mask_;
    bottom_end_ += width();
    if (heads_[current_] == kNil) continue;
    extract(current_);
    if (bottom_.empty()) continue;
    waste_ = std::max<std::int64_t>(0, waste_ + static_cast<std::int64_t>(scanned) -
                                           kWasteCredit * static_cast<std::int64_t>(bottom_.size()));
    sort_bottom();
    return;
  }
  // A whole year without an entry: the width is far too small for the spread of times.
  rebuild(n);
}

void CalendarQueue::rebuild(std::size_t bucket_count) {
  bucket_count = std::max(bucket_count, kMinBuckets);
  DCCSIM_ASSERT(bucket_count <= (std::size_t{1} << 31), "calendar queue too large");
  // Chain every entry, bottom included, into one list, sampling times on the way. Rebuilds happen
  // O(log n) times while the population grows, or after O(n) wasted work, so this is amortised.
  std::uint32_t chain = kNil;
  std::array<std::int64_t, kWidthSample> sample{};
  std::size_t sampled = 0;
  const std::size_t stride = size_ / kWidthSample + 1;
  std::size_t seen = 0;
  std::int64_t min_time = std::numeric_limits<std::int64_t>::max();
  const auto take = [&](std::uint32_t index) {
    const std::int64_t t = nodes_[index].entry.time;
    min_time = std::min(min_time, t);
    if (seen++ % stride == 0 && sampled < kWidthSample) sample[sampled++] = t;
    nodes_[index].next = chain;
    chain = index;
  };
  for (std::uint32_t& head : heads_) {
    for (std::uint32_t index = head; index != kNil;) {
      const std::uint32_t next = nodes_[index].next;
      take(index);
      index = next;
    }
    head = kNil;
  }
  for (std::size_t k = bottom_pos_; k < bottom_.size(); ++k) {
    if (free_ == kNil) grow_pool();
    const std::uint32_t index = free_;
    free_ = nodes_[index].next;
    nodes_[index].entry = bottom_[k];
    take(index);
  }
  bottom_.clear();
  bottom_pos_ = 0;
  waste_ = 0;

  if (sampled >= 2) {
    // Density of entries at the front, from the sampled quarter nearest to the minimum.
    std::sort(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(sampled));
    const std::size_t q = std::max<std::size_t>(1, sampled / 4);
    const double span = static_cast<double>(sample[q] - min_time);
    const double front =
        static_cast<double>(q + 1) * static_cast<double>(size_) / static_cast<double>(sampled);
    const double per_bucket = bucket_count >= kWarmFrom ? kEntriesPerWarmBucket : kEntriesPerBucket;
    const double w = per_bucket * span / front;
    const auto rounded = static_cast<std::uint64_t>(std::max(1.0, w * 1.4142135623730951));
    width_shift_ = std::min(kMaxWidthShift, static_cast<int>(std::bit_width(rounded)) - 1);
  }
  heads_.assign(bucket_count, kNil);
  warm_left_ = 0;
  bucket_mask_ = static_cast<std::uint32_t>(bucket_count - 1);
  if (chain == kNil) {
    bottom_end_ = (bottom_end_ >> width_shift_ << width_shift_) + width();
    current_ = bucket_of(bottom_end_ - 1);
    return;
  }
  current_ = bucket_of(min_time);
  bottom_end_ = (min_time >> width_shift_ << width_shift_) + width();
  for (std::uint32_t index = chain; index != kNil;) {
    Node& node = nodes_[index];
    const std::uint32_t next = node.next;
    if (node.entry.time < bottom_end_) {
      bottom_.push_back(node.entry);
      node.next = free_;
      free_ = index;
    } else {
      std::uint32_t& head = heads_[bucket_of(node.entry.time)];
      node.next = head;
      head = index;
    }
    index = next;
  }
  sort_bottom();
}

}  // namespace dccsim::sim
