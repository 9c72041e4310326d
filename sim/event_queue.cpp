#include "sim/event_queue.hpp"

#include <algorithm>
#include <bit>

namespace dccsim::sim {
namespace {

constexpr std::size_t kMinBuckets = 16;
constexpr std::size_t kWidthSample = 25;
constexpr int kMaxWidthShift = 44;  // about 200 days per bucket

}  // namespace

CalendarQueue::CalendarQueue() : heads_(kMinBuckets, kNil), tails_(kMinBuckets, kNil) {
  bucket_mask_ = static_cast<std::uint32_t>(kMinBuckets - 1);
  slice_end_ = width();
}

void CalendarQueue::clear() {
  nodes_.clear();
  free_ = kNil;
  std::fill(heads_.begin(), heads_.end(), kNil);
  std::fill(tails_.begin(), tails_.end(), kNil);
  size_ = 0;
  current_ = 0;
  slice_end_ = width();
  min_bucket_ = kNil;
}

void CalendarQueue::link(std::uint32_t index) {
  Node& node = nodes_[index];
  const std::uint32_t b = bucket_of(node.entry.time);
  const std::uint32_t tail = tails_[b];
  if (tail == kNil) {
    node.next = kNil;
    heads_[b] = tails_[b] = index;
    return;
  }
  if (!node_before(node, nodes_[tail])) {  // the usual case: later than everything in the bucket
    node.next = kNil;
    nodes_[tail].next = index;
    tails_[b] = index;
    return;
  }
  std::uint32_t* link_to = &heads_[b];
  while (node_before(nodes_[*link_to], node)) link_to = &nodes_[*link_to].next;
  node.next = *link_to;
  *link_to = index;
}

void CalendarQueue::push(const EventEntry& entry) {
  std::uint32_t index;
  if (free_ != kNil) {
    index = free_;
    free_ = nodes_[index].next;
  } else {
    DCCSIM_ASSERT(nodes_.size() < kNil, "calendar queue node pool exhausted");
    index = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  Node& node = nodes_[index];
  node.entry = entry;
  if (min_bucket_ != kNil && node_before(node, nodes_[heads_[min_bucket_]])) min_bucket_ = kNil;
  // The cursor may have run ahead of now while searching; an earlier entry rewinds it.
  if (entry.time < slice_end_ - width()) {
    current_ = bucket_of(entry.time);
    slice_end_ = (entry.time >> width_shift_ << width_shift_) + width();
  }
  link(index);
  ++size_;
  if (size_ > 2 * heads_.size()) resize(heads_.size() * 2);
}

void CalendarQueue::locate_min() {
  const std::size_t n = heads_.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t head = heads_[current_];
    if (head != kNil && nodes_[head].entry.time < slice_end_) {
      min_bucket_ = current_;
      return;
    }
    current_ = (current_ + 1) & bucket_mask_;
    slice_end_ += width();
  }
  // Nothing within a year of the cursor: find the earliest head directly and jump there.
  std::uint32_t best = kNil;
  for (std::uint32_t b = 0; b < n; ++b) {
    const std::uint32_t head = heads_[b];
    if (head != kNil && (best == kNil || node_before(nodes_[head], nodes_[heads_[best]]))) best = b;
  }
  DCCSIM_ASSERT(best != kNil, "top of an empty calendar queue");
  const std::int64_t t = nodes_[heads_[best]].entry.time;
  current_ = best;
  slice_end_ = (t >> width_shift_ << width_shift_) + width();
  min_bucket_ = best;
}

const EventEntry& CalendarQueue::top() {
  DCCSIM_ASSERT(size_ > 0, "top of an empty calendar queue");
  if (min_bucket_ == kNil) locate_min();
  return nodes_[heads_[min_bucket_]].entry;
}

EventEntry CalendarQueue::pop() {
  DCCSIM_ASSERT(size_ > 0, "pop from an empty calendar queue");
  if (min_bucket_ == kNil) locate_min();
  const std::uint32_t b = min_bucket_;
  const std::uint32_t index = heads_[b];
  Node& node = nodes_[index];
  const EventEntry result = node.entry;
  heads_[b] = node.next;
  if (heads_[b] == kNil) tails_[b] = kNil;
  node.next = free_;
  free_ = index;
  --size_;
  min_bucket_ = kNil;
  if (heads_.size() > kMinBuckets && size_ < heads_.size() / 2) resize(heads_.size() / 2);
  return result;
}

void CalendarQueue::resize(std::size_t bucket_count) {
  // Gather live nodes in firing order; resizes happen O(log n) times while the population
  // grows, so this sort is not on the per-event path.
  scratch_.clear();
  for (std::uint32_t head : heads_) {
    for (std::uint32_t i = head; i != kNil; i = nodes_[i].next) scratch_.push_back(i);
  }
  std::sort(scratch_.begin(), scratch_.end(),
            [this](std::uint32_t a, std::uint32_t b) { return node_before(nodes_[a], nodes_[b]); });

  // Brown's width: three times the mean gap among the earliest events, ignoring outlying gaps.
  const std::size_t sample = std::min(scratch_.size(), kWidthSample);
  if (sample >= 2) {
    const auto gap = [this](std::size_t k) {
      return static_cast<double>(nodes_[scratch_[k + 1]].entry.time - nodes_[scratch_[k]].entry.time);
    };
    double total = 0;
    for (std::size_t k = 0; k + 1 < sample; ++k) total += gap(k);
    const double mean = total / static_cast<double>(sample - 1);
    double kept = 0;
    std::size_t kept_n = 0;
    for (std::size_t k = 0; k + 1 < sample; ++k) {
      if (gap(k) <= 2 * mean) {
        kept += gap(k);
        ++kept_n;
      }
    }
    const double w = kept_n > 0 ? 3.0 * kept / static_cast<double>(kept_n) : 3.0 * mean;
    const auto w_ticks = static_cast<std::uint64_t>(std::max(1.0, w));
    width_shift_ = std::min(kMaxWidthShift, static_cast<int>(std::bit_width(w_ticks - 1)));
  }

  heads_.assign(bucket_count, kNil);
  tails_.assign(bucket_count, kNil);
  bucket_mask_ = static_cast<std::uint32_t>(bucket_count - 1);
  for (std::uint32_t index : scratch_) link(index);
  const std::int64_t first = scratch_.empty() ? slice_end_ - width() : nodes_[scratch_.front()].entry.time;
  current_ = bucket_of(first);
  slice_end_ = (first >> width_shift_ << width_shift_) + width();
  min_bucket_ = kNil;
}

}  // namespace dccsim::sim
