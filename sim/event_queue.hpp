#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.hpp"

namespace dccsim::sim {

/// One pending event, payload included: ordered by (time, key), where the key's high bits are the
/// insertion sequence (unique per simulation) so equal times fire first-in first-out.
struct EventEntry {
  std::int64_t time;  ///< ticks since the epoch
  std::uint64_t key;  ///< (sequence << kTagBits) | tag; the tag is the owner's (a handler index)
  std::uint64_t arg;  ///< the owner's argument, carried untouched
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
/// Four children per node halve the depth of a binary heap. Entries sit in 32-byte slots placed
/// so that every group of four siblings fills exactly one aligned pair of cache lines (a 24-byte
/// layout straddles three lines half the time); that costs 8 bytes per entry and saves a line
/// per level on the way down, which is what a large heap pays for.
class QuaternaryHeap {
 public:
  /// Display name used in test and benchmark names.
  static constexpr const char* kName = "QuaternaryHeap";

  QuaternaryHeap() = default;
  QuaternaryHeap(const QuaternaryHeap& other) { *this = other; }
  QuaternaryHeap& operator=(const QuaternaryHeap& other) {
    if (this != &other) {
      size_ = 0;
      reserve(other.size_);
      std::copy(other.root_, other.root_ + other.size_, root_);
      size_ = other.size_;
    }
    return *this;
  }

  /// Adds an entry; amortised O(log n), allocates only when the heap grows past its capacity.
  void push(const EventEntry& entry) {
    if (size_ == capacity_) [[unlikely]]
      reserve(std::max<std::size_t>(16, 2 * capacity_));
    Slot* const heap = root_;
    std::size_t hole = size_++;
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!fires_before(entry, heap[parent].entry)) break;
      heap[hole] = heap[parent];
      hole = parent;
    }
    heap[hole].entry = entry;
  }

  /// The entry that fires first; the heap must not be empty.
  const EventEntry& top() const { return root_[0].entry; }

  /// Removes and returns the entry that fires first; the heap must not be empty.
  EventEntry pop() {
    DCCSIM_ASSERT(size_ > 0, "pop from an empty event queue");
    Slot* const heap = root_;
    const EventEntry result = heap[0].entry;
    const std::size_t n = --size_;
    if (n == 0) return result;
    const EventEntry last = heap[n].entry;
    // Bottom-up: walk the hole down along the smallest children to a leaf without comparing with
    // `last` (which belongs near the bottom anyway), then sift `last` up from there.
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first + kArity > n) {
        if (first < n) {
          std::size_t best = first;
          for (std::size_t c = first + 1; c < n; ++c) {
            if (fires_before(heap[c].entry, heap[best].entry)) best = c;
          }
          heap[hole] = heap[best];
          hole = best;
        }
        break;
      }
      // The four grandchild groups are contiguous (16 slots, 8 lines); fetch them while this
      // level is compared, once the heap is too big for the cache to hold them anyway.
      if (n > kPrefetchFrom && kArity * first + 1 < n) {
        const char* grand = reinterpret_cast<const char*>(heap + kArity * first + 1);
        for (std::size_t line = 0; line < kArity * kArity * sizeof(Slot); line += 64) {
          __builtin_prefetch(grand + line);
        }
      }
      const std::size_t a = fires_before(heap[first + 1].entry, heap[first].entry) ? first + 1 : first;
      const std::size_t b =
          fires_before(heap[first + 3].entry, heap[first + 2].entry) ? first + 3 : first + 2;
      const std::size_t best = fires_before(heap[b].entry, heap[a].entry) ? b : a;
      heap[hole] = heap[best];
      hole = best;
    }
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!fires_before(last, heap[parent].entry)) break;
      heap[hole] = heap[parent];
      hole = parent;
    }
    heap[hole].entry = last;
    return result;
  }

  /// Whether no entry is pending.
  bool empty() const { return size_ == 0; }
  /// Number of pending entries.
  std::size_t size() const { return size_; }
  /// Pre-sizes storage so the first `n` pushes do not allocate.
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    // Two spare slots let the root move so that sibling groups start on a 64-byte boundary (the
    // slots are not over-aligned, so storage comes from the ordinary operator new).
    std::vector<Slot> slots(n + 2);
    Slot* const root = line_aligned(slots.data());
    std::copy(root_, root_ + size_, root);
    slots_.swap(slots);
    root_ = root;
    capacity_ = n;
  }
  /// Removes every entry, keeping the storage.
  void clear() { size_ = 0; }
  /// Bytes held by the structure (for the memory-per-event figure).
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  static constexpr std::size_t kArity = 4;
  // Below this many entries the heap stays in the caches and prefetching would only cost.
  static constexpr std::size_t kPrefetchFrom = 1 << 14;
  struct Slot {
    EventEntry entry;
    std::uint64_t padding;
  };
  static_assert(sizeof(Slot) * kArity == 128);

  // The slot in `storage` (16-byte aligned, as operator new gives) at which a root puts each
  // sibling group 1 + 4i on a 64-byte boundary.
  static Slot* line_aligned(Slot* storage) {
    const auto address = reinterpret_cast<std::uintptr_t>(storage);
    const std::uintptr_t shift = (32 + 64 - address % 64) % 64;  // root at 32 mod 64
    // Stepping the pointer itself, not making one from an integer, keeps what the optimiser knows.
    return reinterpret_cast<Slot*>(reinterpret_cast<std::byte*>(storage) + shift);
  }

  std::vector<Slot> slots_;
  Slot* root_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Pending-event set as a calendar queue (Brown 1988) with unsorted buckets and a sorted front.
///
/// Buckets are power-of-two wide and counted, so the bucket of a time is a shift and a mask.
/// Each bucket is an unsorted LIFO list of nodes in one pool: a push writes the bucket head and a
/// node that the last pop freed (still in cache), and never walks a list. Entries earlier than
/// the end of the current bucket's slice live in a small sorted array (the "bottom", as in Tang,
/// Goh and Thng's ladder queue); when it runs dry the cursor moves on, prefetching the heads of
/// the buckets ahead, and copies the next slice's entries there and sorts them. The bucket count
/// follows the population and the width is re-estimated from a sample of all pending times, so
/// the expected cost per operation is O(1) for the smooth distributions of simulation workloads.
class CalendarQueue {
 public:
  /// Display name used in test and benchmark names.
  static constexpr const char* kName = "CalendarQueue";

  CalendarQueue();
  // The node pool is addressed through a pointer into its storage; copies would need a rebase.
  CalendarQueue(const CalendarQueue&) = delete;
  CalendarQueue& operator=(const CalendarQueue&) = delete;

  /// Adds an entry; expected O(1). Any time is accepted, including one before the last pop.
  void push(const EventEntry& entry) {
    ++size_;
    if (entry.time < bottom_end_) [[unlikely]] {
      push_bottom(entry);
      return;
    }
    if (free_ == kNil) [[unlikely]]
      grow_pool();
    const std::uint32_t index = free_;
    Node& node = nodes_[index];
    free_ = node.next;
    node.entry = entry;
    std::uint32_t& head = heads_[bucket_of(entry.time)];
    node.next = head;
    head = index;
    if (size_ > 2 * heads_.size()) [[unlikely]]
      rebuild(std::bit_ceil(size_));
  }

  /// The entry that fires first; the queue must not be empty. Moves an internal cursor; the
  /// reference is valid until the next push or pop.
  const EventEntry& top() {
    DCCSIM_ASSERT(size_ > 0, "top of an empty calendar queue");
    if (bottom_pos_ == bottom_.size()) refill();
    return bottom_[bottom_pos_];
  }

  /// Removes and returns the entry that fires first; the queue must not be empty.
  EventEntry pop() {
    DCCSIM_ASSERT(size_ > 0, "pop from an empty calendar queue");
    if (bottom_pos_ == bottom_.size()) refill();
    const EventEntry result = bottom_[bottom_pos_++];
    --size_;
    if (4 * size_ < heads_.size() && heads_.size() > kMinBuckets) [[unlikely]]
      rebuild(std::bit_ceil(size_));
    return result;
  }

  /// Whether no entry is pending.
  bool empty() const { return size_ == 0; }
  /// Number of pending entries.
  std::size_t size() const { return size_; }
  /// Pre-sizes the node pool so the first `n` pushes do not allocate.
  void reserve(std::size_t n);
  /// Removes every entry, keeping the storage.
  void clear();
  /// Bytes held by the structure (for the memory-per-event figure).
  std::size_t memory_bytes() const {
    return pool_.capacity() * sizeof(Node) + heads_.capacity() * sizeof(std::uint32_t) +
           bottom_.capacity() * sizeof(EventEntry);
  }

 private:
  static constexpr std::uint32_t kNil = 0xFFFFFFFFu;
  static constexpr std::size_t kMinBuckets = 16;
  // 32 bytes, placed on a 32-byte boundary of the pool, so a node never straddles two lines.
  struct Node {
    EventEntry entry;
    std::uint32_t next;  // next node in the bucket list, or next free node
    std::uint32_t padding;
  };

  std::uint32_t bucket_of(std::int64_t time) const {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(time) >> width_shift_) & bucket_mask_;
  }
  std::int64_t width() const { return std::int64_t{1} << width_shift_; }
  void grow_pool();
  void push_bottom(const EventEntry& entry);
  void refill();
  void warm_ahead();
  void extract(std::uint32_t bucket);
  void sort_bottom();
  void rebuild(std::size_t bucket_count);

  std::vector<Node> pool_;  // storage, one node longer than node_capacity_ for the alignment
  Node* nodes_ = nullptr;   // node 0, 32-byte aligned inside pool_
  std::size_t node_count_ = 0;
  std::size_t node_capacity_ = 0;
  std::uint32_t free_ = kNil;
  std::vector<std::uint32_t> heads_;  // per bucket: the first node of its unsorted list
  // Sorted entries earlier than bottom_end_, consumed from bottom_pos_; everything in the
  // buckets is at or after bottom_end_, the end of the slice of bucket current_.
  std::vector<EventEntry> bottom_;
  std::size_t bottom_pos_ = 0;
  std::int64_t bottom_end_ = 0;
  std::uint32_t current_ = 0;
  std::uint32_t warm_left_ = 0;  // buckets after current_ whose lists warm_ahead already fetched
  std::uint32_t bucket_mask_ = 0;
  int width_shift_ = 20;
  std::size_t size_ = 0;
  // Work a better width would avoid (empty buckets scanned, entries shifted by out-of-order
  // inserts into the bottom) less a credit per entry refilled; past a multiple of the population
  // the width is re-estimated, which keeps badly spread workloads amortised O(1).
  std::int64_t waste_ = 0;
};

}  // namespace dccsim::sim
