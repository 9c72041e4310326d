#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.hpp"
#include "sim/event_queue.hpp"
#include "sim/seq_set.hpp"
#include "sim/time.hpp"

namespace dccsim::sim {

/// An event handler: a plain function pointer with the context it was registered with and the
/// 64-bit argument given when the event was scheduled (typically a pool index).
using HandlerFn = void (*)(void* context, std::uint64_t arg);

/// A registered handler, cheap to copy and store in model objects.
struct HandlerId {
  std::uint32_t value = 0;
};

/// Names one scheduled event, for cancellation. Ids of fired or cancelled events are harmless.
struct EventId {
  std::int64_t time = 0;
  std::uint64_t seq = ~std::uint64_t{0};  ///< the default names no event
};

/// A discrete-event simulation: a clock, a pending-event set and the loop that drives them.
///
/// Events are ordered by (time, insertion sequence), so equal times fire in the order they were
/// scheduled and runs are deterministic. Handlers are registered once; a queued event is one POD
/// entry holding its time, sequence, handler index and argument, so scheduling and firing allocate
/// nothing once the queue has grown, and dispatch is one indirect call (no virtual call, no
/// std::function). Cancellation is lazy: the cancelled sequence is remembered in a set and the
/// entry is discarded when it reaches the front. Because events fire in (time, sequence) order, an
/// id is pending exactly when it orders after the last entry taken from the queue and has not been
/// cancelled, so no per-event table is needed.
template <class Queue>
class BasicSimulation {
 public:
  BasicSimulation() { handlers_.push_back(Handler{}); }  // index 0 is never a valid handler
  BasicSimulation(const BasicSimulation&) = delete;
  BasicSimulation& operator=(const BasicSimulation&) = delete;

  /// Registers `fn(context, arg)` as a handler; `context` must outlive the simulation's use of it.
  HandlerId add_handler(HandlerFn fn, void* context) {
    DCCSIM_ASSERT(fn != nullptr, "handler function must not be null");
    DCCSIM_ASSERT(handlers_.size() < (std::size_t{1} << kTagBits), "too many handlers");
    handlers_.push_back(Handler{fn, context});
    return HandlerId{static_cast<std::uint32_t>(handlers_.size() - 1)};
  }

  /// Registers member function `Member` of `object` (signature `void(std::uint64_t)`) as a handler.
  template <auto Member, class T>
  HandlerId add_handler(T& object) {
    return add_handler(&member_trampoline<T, Member>, &object);
  }

  /// Current simulated time.
  Time now() const { return now_; }

  /// Schedules `handler(arg)` at absolute time `at`, which must not be in the past.
  EventId schedule_at(Time at, HandlerId handler, std::uint64_t arg = 0) {
    DCCSIM_ASSERT(at >= now_, "event scheduled in the past");
    DCCSIM_ASSERT(handler.value != 0 && handler.value < handlers_.size(), "unknown handler");
    DCCSIM_ASSERT(next_seq_ < kMaxSeq, "event sequence exhausted");
    const std::uint64_t seq = next_seq_++;
    queue_.push(EventEntry{at.ticks(), make_key(seq, handler.value), arg});
    return EventId{at.ticks(), seq};
  }

  /// Schedules `handler(arg)` after `delay` (non-negative) from now.
  EventId schedule_after(Duration delay, HandlerId handler, std::uint64_t arg = 0) {
    return schedule_at(now_ + delay, handler, arg);
  }

  /// Cancels a pending event; returns false if it already fired or was cancelled.
  bool cancel(EventId id) {
    if (!not_yet_reached(id)) return false;
    return cancelled_.insert(id.seq);
  }

  /// Whether the event is scheduled and has neither fired nor been cancelled.
  bool is_pending(EventId id) const { return not_yet_reached(id) && !cancelled_.contains(id.seq); }

  /// Runs events with time <= `horizon`, then advances the clock to `horizon` (unless stopped).
  void run_until(Time horizon) {
    stopped_ = false;
    while (!stopped_ && !queue_.empty()) {
      if (queue_.top().time > horizon.ticks()) break;
      fire(queue_.pop());
    }
    if (!stopped_ && horizon > now_ && horizon != Time::max()) now_ = horizon;
  }

  /// Runs until no event is pending or stop() is called.
  void run() { run_until(Time::max()); }

  /// Makes the running loop return after the current event.
  void stop() { stopped_ = true; }

  /// Whether the last run ended because of stop().
  bool stopped() const { return stopped_; }

  /// Events executed so far (cancelled events are not counted).
  std::uint64_t events_executed() const { return executed_; }

  /// Events scheduled and not yet fired or cancelled.
  std::size_t pending() const { return queue_.size() - cancelled_.size(); }

  /// Pre-sizes the queue for `n` simultaneously pending events.
  void reserve(std::size_t n) { queue_.reserve(n); }

  /// Bytes held by the pending-event set.
  std::size_t memory_bytes() const { return queue_.memory_bytes(); }

 private:
  static constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << (64 - kTagBits);

  struct Handler {
    HandlerFn fn = nullptr;
    void* context = nullptr;
  };

  template <class T, auto Member>
  static void member_trampoline(void* context, std::uint64_t arg) {
    (static_cast<T*>(context)->*Member)(arg);
  }

  bool not_yet_reached(EventId id) const {
    if (id.seq >= next_seq_) return false;
    return id.time > last_time_ || (id.time == last_time_ && id.seq > last_seq_) || !any_taken_;
  }

  void fire(const EventEntry& entry) {
    const std::uint64_t seq = key_seq(entry.key);
    last_time_ = entry.time;
    last_seq_ = seq;
    any_taken_ = true;
    if (!cancelled_.empty() && cancelled_.erase(seq)) [[unlikely]] return;
    now_ = Time::from_ticks(entry.time);
    ++executed_;
    const Handler& h = handlers_[key_tag(entry.key)];
    h.fn(h.context, entry.arg);
  }

  Queue queue_;
  std::vector<Handler> handlers_;
  SeqSet cancelled_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t executed_ = 0;
  std::int64_t last_time_ = 0;
  std::uint64_t last_seq_ = 0;
  bool any_taken_ = false;
  Time now_ = Time::zero();
  bool stopped_ = false;
};

/// The simulation the models use. The heap is robust to the mix of time scales a DCC model has
/// (microsecond services beside day-long future-dated waits); the calendar queue is faster on smooth
/// hold-model workloads but measured 7x slower on the national benchmark.
using Simulation = BasicSimulation<QuaternaryHeap>;

}  // namespace dccsim::sim
