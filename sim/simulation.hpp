#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.hpp"
#include "sim/event_queue.hpp"
#include "sim/time.hpp"

namespace dccsim::sim {

/// An event handler: a plain function pointer with the context it was registered with and the
/// 64-bit argument given when the event was scheduled (typically a pool index).
using HandlerFn = void (*)(void* context, std::uint64_t arg);

/// A registered handler, cheap to copy and store in model objects.
struct HandlerId {
  std::uint32_t value = 0;
};

/// Names one scheduled event, for cancellation. Stale ids (fired or cancelled) are harmless.
struct EventId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  ///< 0 never names an event
};

/// A discrete-event simulation: a clock, a pending-event set and the loop that drives them.
///
/// Events are ordered by (time, insertion sequence), so equal times fire in the order they were
/// scheduled and runs are deterministic. Handlers are registered once and events carry only a
/// handler index and an argument: scheduling and firing allocate nothing once the pools have grown,
/// and dispatch is one indirect call, not a virtual call or a std::function. Cancellation is lazy:
/// a cancelled event stays queued and is discarded when it reaches the front.
template <class Queue>
class BasicSimulation {
 public:
  BasicSimulation() { handlers_.push_back(Handler{}); }  // index 0 marks a cancelled event
  BasicSimulation(const BasicSimulation&) = delete;
  BasicSimulation& operator=(const BasicSimulation&) = delete;

  /// Registers `fn(context, arg)` as a handler; `context` must outlive the simulation's use of it.
  HandlerId add_handler(HandlerFn fn, void* context) {
    DCCSIM_ASSERT(fn != nullptr, "handler function must not be null");
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
    std::uint32_t slot;
    if (free_slot_ != kNoSlot) {
      slot = free_slot_;
      free_slot_ = static_cast<std::uint32_t>(slots_[slot].arg);
    } else {
      DCCSIM_ASSERT(slots_.size() < kNoSlot, "event slot pool exhausted");
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{0, 1, 0});
    }
    Slot& s = slots_[slot];
    s.handler = handler.value;
    s.arg = arg;
    queue_.push(EventEntry{at.ticks(), next_seq_++, slot});
    return EventId{slot, s.generation};
  }

  /// Schedules `handler(arg)` after `delay` (non-negative) from now.
  EventId schedule_after(Duration delay, HandlerId handler, std::uint64_t arg = 0) {
    return schedule_at(now_ + delay, handler, arg);
  }

  /// Cancels a pending event; returns false if it already fired or was cancelled.
  bool cancel(EventId id) {
    if (!is_pending(id)) return false;
    slots_[id.slot].handler = 0;
    ++cancelled_pending_;
    return true;
  }

  /// Whether the event is scheduled and has neither fired nor been cancelled.
  bool is_pending(EventId id) const {
    return id.generation != 0 && id.slot < slots_.size() && slots_[id.slot].generation == id.generation &&
           slots_[id.slot].handler != 0;
  }

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
  std::size_t pending() const { return queue_.size() - cancelled_pending_; }

  /// Pre-sizes the pools for `n` simultaneously pending events.
  void reserve(std::size_t n) {
    queue_.reserve(n);
    slots_.reserve(n);
  }

  /// Bytes held by the pending-event set and the event pool.
  std::size_t memory_bytes() const { return queue_.memory_bytes() + slots_.capacity() * sizeof(Slot); }

 private:
  static constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;

  struct Handler {
    HandlerFn fn = nullptr;
    void* context = nullptr;
  };
  // Payload of a scheduled event; when free, `arg` links the free list.
  struct Slot {
    std::uint32_t handler;  // 0: cancelled
    std::uint32_t generation;
    std::uint64_t arg;
  };

  template <class T, auto Member>
  static void member_trampoline(void* context, std::uint64_t arg) {
    (static_cast<T*>(context)->*Member)(arg);
  }

  void fire(const EventEntry& entry) {
    Slot& s = slots_[entry.slot];
    const std::uint32_t handler = s.handler;
    const std::uint64_t arg = s.arg;
    // Free the slot before dispatch so the handler can reuse it for the next event it schedules.
    ++s.generation;
    if (s.generation == 0) s.generation = 1;
    s.arg = free_slot_;
    free_slot_ = entry.slot;
    if (handler == 0) {
      --cancelled_pending_;
      return;
    }
    now_ = Time::from_ticks(entry.time);
    ++executed_;
    const Handler& h = handlers_[handler];
    h.fn(h.context, arg);
  }

  Queue queue_;
  std::vector<Slot> slots_;
  std::vector<Handler> handlers_;
  std::uint32_t free_slot_ = kNoSlot;
  std::uint64_t next_seq_ = 0;
  std::uint64_t executed_ = 0;
  std::size_t cancelled_pending_ = 0;
  Time now_ = Time::zero();
  bool stopped_ = false;
};

/// The simulation the models use: the 4-ary heap is the fastest default across populations.
using Simulation = BasicSimulation<QuaternaryHeap>;

}  // namespace dccsim::sim
