#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/config.hpp"
#include "sim/assert.hpp"
#include "sim/time.hpp"

// The request record every stage passes along, the pool that holds them and the intrusive FIFO
// the stations queue them in: a request is an index, so the hot path allocates nothing.
namespace dccsim::models {

/// No request, no User, no variance cell.
inline constexpr std::uint32_t kNil = 0xFFFFFFFFu;

/// Seconds as ticks, rounded; 0 for non-positive (or NaN) seconds. Sampled durations far beyond
/// any horizon are clamped rather than overflowing.
inline std::int64_t to_ticks(double seconds) {
  if (!(seconds > 0)) return 0;
  const double t = seconds * static_cast<double>(sim::kTicksPerSecond);
  if (t > 9e17) return static_cast<std::int64_t>(9e17);
  return static_cast<std::int64_t>(t + 0.5);
}

/// What a request is.
enum class RequestKind : std::uint8_t { sr, csr, alert, scheduled };

/// The one terminal state a request ends in (or it is in flight at the horizon).
enum class Outcome : std::uint8_t {
  completed_within,
  completed_late,
  rejected_throttled,
  rejected_queue_full,
  failed_timeout,
  failed_outage,
};

/// A request in flight. Service requirements are drawn when it is created, from its source's
/// stream, so that the same request needs the same work under every policy (common random numbers).
struct Request {
  sim::Time created;            ///< first submission (or device emission for alerts)
  sim::Time start_ref;          ///< response time is measured from here (admission or execution)
  sim::Time stage_in;           ///< entered the current queue, or started service at a CSP
  sim::Time execute_at;         ///< future-dated execution instant
  sim::Time service_start;      ///< started service at a CSP (outage check)
  std::int64_t service_ticks;   ///< DSP (or SMKI) processing
  std::int64_t csp_ticks;       ///< WAN + device round trip; < 0: the device never answers
  std::int64_t response_ticks;  ///< response path back to the User
  std::int64_t target_ticks;    ///< target response time
  std::uint32_t user;           ///< kNil for alerts
  std::uint32_t cell;           ///< variance cell, kNil when not counted
  std::uint32_t next;           ///< intrusive queue link / free list
  std::uint16_t sr_type;
  std::uint8_t region;
  RequestKind kind;
  MeasureClass measure;
  std::uint8_t attempt;
  bool future;
};

/// Requests by index with a free list: released slots are reused, so memory follows requests in
/// flight, not requests simulated.
class RequestPool {
 public:
  /// A slot for a new request (its fields other than `next` are left as they were).
  std::uint32_t allocate() {
    std::uint32_t i = 0;
    if (free_ != kNil) {
      i = free_;
      free_ = pool_[i].next;
    } else {
      DCCSIM_ASSERT(pool_.size() < kNil, "request pool exhausted");
      i = static_cast<std::uint32_t>(pool_.size());
      pool_.emplace_back();
    }
    ++live_;
    peak_ = std::max(peak_, live_);
    pool_[i].next = kNil;
    return i;
  }
  /// Returns slot `i` to the free list.
  void release(std::uint32_t i) {
    pool_[i].next = free_;
    free_ = i;
    --live_;
  }
  Request& operator[](std::uint32_t i) { return pool_[i]; }
  const Request& operator[](std::uint32_t i) const { return pool_[i]; }
  /// Requests allocated and not released.
  std::uint64_t live() const { return live_; }
  /// Largest live() so far.
  std::uint64_t peak() const { return peak_; }
  /// Slots ever created (live or free).
  std::size_t slots() const { return pool_.size(); }

 private:
  std::vector<Request> pool_;
  std::uint32_t free_ = kNil;
  std::uint64_t live_ = 0;
  std::uint64_t peak_ = 0;
};

/// FIFO of pooled requests linked through Request::next: no allocation per request. A request is
/// in at most one FIFO at a time.
struct RequestFifo {
  std::uint32_t head = kNil;
  std::uint32_t tail = kNil;
  std::uint64_t size = 0;
  /// Appends request `i`.
  void push(RequestPool& pool, std::uint32_t i) {
    pool[i].next = kNil;
    if (tail == kNil) {
      head = tail = i;
    } else {
      pool[tail].next = i;
      tail = i;
    }
    ++size;
  }
  /// Removes and returns the oldest request; the FIFO must not be empty.
  std::uint32_t pop(RequestPool& pool) {
    const std::uint32_t i = head;
    head = pool[i].next;
    if (head == kNil) tail = kNil;
    --size;
    return i;
  }
  bool empty() const { return size == 0; }
};

}  // namespace dccsim::models
