#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/request.hpp"
#include "sim/simulation.hpp"

namespace dccsim::models {

/// Future-dated SRs waiting for their execution instant. Long waits park in per-minute buckets and
/// enter the event queue only when their minute comes, so the queue holds the near future, not
/// millions of waits.
class FutureParking {
 public:
  /// Bucket width.
  static constexpr std::int64_t kParkTicks = 60 * sim::kTicksPerSecond;

  FutureParking(sim::Simulation& simulation, RequestPool& pool, sim::Time horizon);
  FutureParking(const FutureParking&) = delete;
  FutureParking& operator=(const FutureParking&) = delete;

  /// The owner's handler, called with the request index at its `execute_at`.
  void bind(sim::HandlerId execute) { execute_ = execute; }
  /// Request `r` waits until its `execute_at` (after now). One executing after the horizon stays
  /// in flight: it is left in the pool and never scheduled.
  void wait(std::uint32_t r);
  /// Requests parked in buckets and not yet handed to the event queue.
  std::uint64_t parked() const { return parked_; }

 private:
  void on_unpark(std::uint64_t bucket);

  sim::Simulation* simulation_;
  RequestPool* pool_;
  sim::Time horizon_;
  std::vector<RequestFifo> buckets_;
  std::uint64_t parked_ = 0;
  sim::HandlerId execute_{};
  sim::HandlerId unpark_{};
};

}  // namespace dccsim::models
