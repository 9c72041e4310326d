#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
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
    handler_count_ = static_cast<std::uint32_t>(handlers_.size());
    return HandlerId{handler_count_ - 1};
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
    // The three invariants in one branch, evaluated without short-circuits (handler 0 wraps to a
    // huge value); the cold path says which one failed.
    const bool bad = (at < now_) | (handler.value - 1u >= handler_count_ - 1u) | (next_seq_ >= kMaxSeq);
    if (bad) [[unlikely]]
      schedule_failed(at, handler);
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
    const std::int64_t limit = horizon.ticks();
    stopped_ = false;
    // A handler may schedule, cancel or stop, so the queue and stopped_ are re-read after each call.
    while (!stopped_ && !queue_.empty()) {
      const EventEntry& next = queue_.top();
      if (next.time > limit) break;
      // Fields one by one, before pop() moves entries around: the copy is then only what is used.
      const std::int64_t time = next.time;
      const std::uint64_t key = next.key;
      const std::uint64_t arg = next.arg;
      queue_.pop();
      last_time_ = time;
      last_key_ = key;
      if (!cancelled_.empty() && cancelled_.erase(key_seq(key))) [[unlikely]]
        continue;
      now_ = Time::from_ticks(time);
      ++executed_;
      const Handler& h = handlers_[key_tag(key)];
      h.fn(h.context, arg);
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

  // Before the first entry is taken last_time_ is below every event time (times are >= 0), so
  // every scheduled id counts as not yet reached without a separate flag.
  bool not_yet_reached(EventId id) const {
    if (id.seq >= next_seq_) return false;
    return id.time > last_time_ || (id.time == last_time_ && id.seq > key_seq(last_key_));
  }

  [[noreturn, gnu::cold, gnu::noinline]] void schedule_failed(Time at, HandlerId handler) const {
    DCCSIM_ASSERT(at >= now_, "event scheduled in the past");
    DCCSIM_ASSERT(handler.value != 0 && handler.value < handlers_.size(), "unknown handler");
    DCCSIM_ASSERT(next_seq_ < kMaxSeq, "event sequence exhausted");
    std::abort();  // unreachable: the caller saw one of the three fail
  }

  Queue queue_;
  std::vector<Handler> handlers_;
  SeqSet cancelled_;
  std::uint32_t handler_count_ = 1;  // handlers_.size(), kept narrow for the check in schedule_at
  std::uint64_t next_seq_ = 0;
  std::uint64_t executed_ = 0;
  std::int64_t last_time_ = std::numeric_limits<std::int64_t>::min();  // time of the last entry taken
  std::uint64_t last_key_ = 0;                                         // its key
  Time now_ = Time::zero();
  bool stopped_ = false;
};

/// The simulation the models use: the calendar queue, 1.4x faster than the heap on the national
/// model once long future-dated waits are parked outside the queue (both give the same event order,
/// so results do not depend on the choice).
using Simulation = BasicSimulation<CalendarQueue>;

}  // namespace dccsim::sim
