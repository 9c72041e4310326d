#pragma once

#include <array>
#include <cstdint>

#include "models/request.hpp"
#include "models/stations/station_stats.hpp"
#include "sim/simulation.hpp"

namespace dccsim::models {

/// A multi-server queue (the DSP, SMKI): `servers` in parallel, each request held for its
/// `service_ticks`; FIFO beyond them, or by priority lane (on-demand, then future-dated and
/// scheduled, then alerts), with at most `stats.queue_limit` waiting.
class MultiServer {
 public:
  MultiServer(StationStats station_stats, std::uint32_t servers, bool priority, sim::Simulation& simulation,
              RequestPool& pool);

  /// The handler the owner registered to receive each request when its service ends; the owner
  /// calls done(r) from it and routes the request onwards.
  void bind(sim::HandlerId done) { done_ = done; }
  /// Request `r` arrives now: starts service or waits. False when the queue is full: the request
  /// is counted as rejected here and the caller finishes it.
  bool arrive(std::uint32_t r) {
    const sim::Time now = simulation_->now();
    ++stats.arrivals;
    (*pool_)[r].stage_in = now;
    if (busy_ < servers_) {
      start(r);
      return true;
    }
    return enqueue(r);
  }
  /// Service of `r` ended now: frees its server and starts the next waiting request.
  void done(std::uint32_t r);

  std::uint32_t servers() const { return servers_; }
  std::uint32_t busy() const { return busy_; }
  std::uint64_t waiting() const { return waiting_; }

  StationStats stats;

 private:
  void start(std::uint32_t r) {
    const sim::Time now = simulation_->now();
    Request& q = (*pool_)[r];
    stats.wait_s.add((now - q.stage_in).seconds());
    ++busy_;
    stats.set_busy(now, busy_);
    simulation_->schedule_after(sim::Duration::from_ticks(q.service_ticks), done_, r);
  }
  bool enqueue(std::uint32_t r);

  sim::Simulation* simulation_;
  RequestPool* pool_;
  std::uint32_t servers_;
  bool priority_;
  std::uint32_t busy_ = 0;
  std::array<RequestFifo, 3> queues_{};  // by priority: on-demand, future-dated/scheduled, alerts
  std::uint64_t waiting_ = 0;
  sim::HandlerId done_{};
};

}  // namespace dccsim::models
