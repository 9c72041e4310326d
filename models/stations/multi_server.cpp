#include "models/stations/multi_server.hpp"

#include <utility>

namespace dccsim::models {

MultiServer::MultiServer(StationStats station_stats, std::uint32_t servers, bool priority,
                         sim::Simulation& simulation, RequestPool& pool)
    : stats(std::move(station_stats)),
      simulation_(&simulation),
      pool_(&pool),
      servers_(servers),
      priority_(priority) {}

bool MultiServer::enqueue(std::uint32_t r) {
  if (waiting_ >= stats.queue_limit) {
    ++stats.rejected;
    return false;
  }
  const Request& q = (*pool_)[r];
  std::size_t lane = 0;
  if (priority_) {
    lane = q.kind == RequestKind::alert ? 2 : (q.measure == MeasureClass::future_dated ? 1 : 0);
  }
  queues_[lane].push(*pool_, r);
  ++waiting_;
  stats.set_waiting(simulation_->now(), static_cast<double>(waiting_));
  return true;
}

void MultiServer::done(std::uint32_t r) {
  const sim::Time now = simulation_->now();
  --busy_;
  ++stats.completions;
  stats.response_s.add((now - (*pool_)[r].stage_in).seconds());
  stats.set_busy(now, busy_);
  if (waiting_ == 0) return;
  for (RequestFifo& lane : queues_) {
    if (lane.empty()) continue;
    const std::uint32_t next = lane.pop(*pool_);
    --waiting_;
    stats.set_waiting(now, static_cast<double>(waiting_));
    start(next);
    break;
  }
}

}  // namespace dccsim::models
