#include "models/stations/parking.hpp"

namespace dccsim::models {

FutureParking::FutureParking(sim::Simulation& simulation, RequestPool& pool, sim::Time horizon)
    : simulation_(&simulation),
      pool_(&pool),
      horizon_(horizon),
      buckets_(static_cast<std::size_t>(horizon.ticks() / kParkTicks) + 1),
      unpark_(simulation.add_handler<&FutureParking::on_unpark>(*this)) {}

void FutureParking::wait(std::uint32_t r) {
  const sim::Time at = (*pool_)[r].execute_at;
  if (at > horizon_) return;
  const auto bucket = static_cast<std::size_t>(at.ticks() / kParkTicks);
  const sim::Time bucket_start = sim::Time::from_ticks(static_cast<std::int64_t>(bucket) * kParkTicks);
  if (bucket_start <= simulation_->now()) {
    simulation_->schedule_at(at, execute_, r);
    return;
  }
  RequestFifo& f = buckets_[bucket];
  if (f.empty()) simulation_->schedule_at(bucket_start, unpark_, bucket);
  f.push(*pool_, r);
  ++parked_;
}

void FutureParking::on_unpark(std::uint64_t bucket) {
  RequestFifo& f = buckets_[bucket];
  while (!f.empty()) {
    const std::uint32_t r = f.pop(*pool_);
    --parked_;
    simulation_->schedule_at((*pool_)[r].execute_at, execute_, r);
  }
}

}  // namespace dccsim::models
