#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.hpp"

namespace dccsim::sim {

/// One pending event, payload included: ordered by (time, key), where the key's high bits are the
/// insertion sequence (unique per simulation) so equal times fire first-in first-out.
struct EventEntry {
  std::int64_t time;   ///< ticks since the epoch
  std::uint64_t key;   ///< (sequence << kTagBits) | tag; the tag is the owner's (a handler index)
  std::uint64_t arg;   ///< the owner's argument, carried untouched
};

/// Low bits of EventEntry::key left to the owner; the rest count insertions (2^40 per simulation).
inline constexpr int kTagBits = 24;

/// Packs an insertion sequence and a tag into an EventEntry key.
constexpr std::uint64_t make_key(std::uint64_t seq, std::uint32_t tag) { return (seq << kTagBits) | tag; }
/// The insertion sequence of a key.
constexpr std::uint64_t key_seq(std::uint64_t key) { return key >> kTagBits; }
/// The tag of a key.
constexpr std::uint32_t key_tag(std::uint64_t key) {
  return static_cast<std::uint32_t>(key & ((std::uint64_t{1} << kTagBits) - 1));
}

/// Strict (time, sequence) order: equal times fire in insertion order.
constexpr bool fires_before(const EventEntry& a, const EventEntry& b) {
  return a.time < b.time || (a.time == b.time && a.key < b.key);
}

/// Pending-event set as an implicit 4-ary min-heap of small POD entries.
///
/// Four children per node halve the depth of a binary heap and keep siblings in one cache line
/// pair, which is what makes heaps competitive for hold-model workloads.
class QuaternaryHeap {
 public:
  /// Display name used in test and benchmark names.
  static constexpr const char* kName = "QuaternaryHeap";

  /// Adds an entry; amortised O(log n), allocates only when the heap grows past its capacity.
  void push(const EventEntry& entry) {
    std::size_t hole = heap_.size();
    heap_.push_back(entry);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!fires_before(entry, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = entry;
  }

  /// The entry that fires first; the heap must not be empty.
  const EventEntry& top() const { return heap_.front(); }

  /// Removes and returns the entry that fires first; the heap must not be empty.
  EventEntry pop() {
    DCCSIM_ASSERT(!heap_.empty(), "pop from an empty event queue");
    const EventEntry result = heap_.front();
    const EventEntry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return result;
    // Bottom-up: walk the hole down along the smallest children to a leaf without comparing with
    // `last` (which belongs near the bottom anyway), then sift `last` up from there.
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      if (first + kArity <= n) {
        const std::size_t a = fires_before(heap_[first + 1], heap_[first]) ? first + 1 : first;
        const std::size_t b = fires_before(heap_[first + 3], heap_[first + 2]) ? first + 3 : first + 2;
        best = fires_before(heap_[b], heap_[a]) ? b : a;
      } else {
        for (std::size_t c = first + 1; c < n; ++c) {
          if (fires_before(heap_[c], heap_[best])) best = c;
        }
      }
      heap_[hole] = heap_[best];
      hole = best;
    }
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!fires_before(last, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = last;
    return result;
  }

  /// Whether no entry is pending.
  bool empty() const { return heap_.empty(); }
  /// Number of pending entries.
  std::size_t size() const { return heap_.size(); }
  /// Pre-sizes storage so the first `n` pushes do not allocate.
  void reserve(std::size_t n) { heap_.reserve(n); }
  /// Removes every entry, keeping the storage.
  void clear() { heap_.clear(); }
  /// Bytes held by the structure (for the memory-per-event figure).
  std::size_t memory_bytes() const { return heap_.capacity() * sizeof(EventEntry); }

 private:
  static constexpr std::size_t kArity = 4;
  std::vector<EventEntry> heap_;
};

/// Pending-event set as a calendar queue (Brown 1988) over a pooled node array.
///
/// Buckets are power-of-two wide and counted, so the bucket of a time is a shift and a mask.
/// Each bucket is a sorted intrusive list of nodes in one pool (no allocation per event once the
/// pool has grown). The bucket count follows the population (doubling/halving) and the width is
/// re-estimated from the spacing of the earliest events at each resize, so expected cost per
/// operation is O(1) for the smooth distributions of simulation workloads.
class CalendarQueue {
 public:
  /// Display name used in test and benchmark names.
  static constexpr const char* kName = "CalendarQueue";

  CalendarQueue();

  /// Adds an entry; expected O(1).
  void push(const EventEntry& entry);
  /// The entry that fires first; the queue must not be empty. Moves an internal cursor; the
  /// reference is valid until the next push or pop.
  const EventEntry& top();
  /// Removes and returns the entry that fires first; the queue must not be empty.
  EventEntry pop();

  /// Whether no entry is pending.
  bool empty() const { return size_ == 0; }
  /// Number of pending entries.
  std::size_t size() const { return size_; }
  /// Pre-sizes the node pool so the first `n` pushes do not allocate.
  void reserve(std::size_t n) { nodes_.reserve(n); }
  /// Removes every entry, keeping the storage.
  void clear();
  /// Bytes held by the structure (for the memory-per-event figure).
  std::size_t memory_bytes() const {
    return nodes_.capacity() * sizeof(Node) + heads_.capacity() * sizeof(std::uint32_t) +
           tails_.capacity() * sizeof(std::uint32_t);
  }

 private:
  static constexpr std::uint32_t kNil = 0xFFFFFFFFu;
  struct Node {
    EventEntry entry;
    std::uint32_t next;  // next node in the bucket list, or next free node
  };

  std::uint32_t bucket_of(std::int64_t time) const {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(time) >> width_shift_) & bucket_mask_;
  }
  static bool node_before(const Node& a, const Node& b) { return fires_before(a.entry, b.entry); }
  std::int64_t width() const { return std::int64_t{1} << width_shift_; }
  void link(std::uint32_t node);
  void locate_min();
  void resize(std::size_t bucket_count);

  std::vector<Node> nodes_;
  std::uint32_t free_ = kNil;
  // Per bucket: first and last node of its sorted list; the tail makes in-order inserts O(1).
  std::vector<std::uint32_t> heads_;
  std::vector<std::uint32_t> tails_;
  std::vector<std::uint32_t> scratch_;  // resize only
  std::uint32_t bucket_mask_ = 0;
  int width_shift_ = 20;
  std::size_t size_ = 0;
  // Cursor: the bucket being drained and the end (exclusive) of its current year slice.
  std::uint32_t current_ = 0;
  std::int64_t slice_end_ = 0;
  // Bucket holding the minimum found by the last top(), or kNil when unknown.
  std::uint32_t min_bucket_ = kNil;
};

}  // namespace dccsim::sim
