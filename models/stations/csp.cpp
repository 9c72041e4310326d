#include "models/stations/csp.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace dccsim::models {
namespace {

CspRegion make_region(const ModelConfig& config, std::size_t r, std::size_t intervals) {
  const CspConfig& cc = config.csps[r];
  const std::string name = region_name(static_cast<Region>(r));
  CspRegion csp{StationStats("csp_" + name, cc.concurrency, cc.queue_limit, sim::Time::zero(),
                             config.reporting.series_interval, intervals),
                cc,
                cc.concurrency,
                0,
                {},
                1.0,
                false,
                sim::Time::from_ticks(std::numeric_limits<std::int64_t>::min()),
                sim::make_stream(config.seed, config.replication, sim::stream_id("outages/" + name)),
                sim::TimeSeries(sim::Time::zero(), config.reporting.series_interval, intervals)};
  csp.capacity_factor.level(sim::Time::zero(), 1.0);
  return csp;
}

// Exponential gap with mean `mean`, in whole ticks.
std::int64_t exponential_ticks(sim::Duration mean, sim::RandomStream& rng) {
  return to_ticks(-mean.seconds() * std::log(rng.uniform01_open()));
}

}  // namespace

CspStage::CspStage(const ModelConfig& config, sim::Simulation& simulation, RequestPool& pool,
                   Measures& measures, sim::Time horizon, std::size_t intervals)
    : simulation_(&simulation),
      pool_(&pool),
      measures_(&measures),
      regions_{make_region(config, 0, intervals), make_region(config, 1, intervals),
               make_region(config, 2, intervals)},
      done_(simulation.add_handler<&CspStage::on_done>(*this)),
      maintenance_(simulation.add_handler<&CspStage::on_maintenance>(*this)),
      outage_(simulation.add_handler<&CspStage::on_outage>(*this)) {
  for (std::size_t r = 0; r < kRegionCount; ++r) {
    const CspConfig& cc = config.csps[r];
    for (std::size_t w = 0; w < cc.maintenance.size(); ++w) {
      // Packed argument: region, window, and whether it opens (1) or closes (0).
      const auto arg = static_cast<std::uint64_t>((r << 32) | (w << 1));
      if (cc.maintenance[w].start < horizon) {
        simulation.schedule_at(std::max(cc.maintenance[w].start, sim::Time::zero()), maintenance_, arg | 1);
      }
      if (cc.maintenance[w].end < horizon) {
        simulation.schedule_at(std::max(cc.maintenance[w].end, sim::Time::zero()), maintenance_, arg);
      }
    }
    if (cc.mtbf > sim::Duration::zero()) {
      const std::int64_t gap = exponential_ticks(cc.mtbf, regions_[r].outage_rng);
      simulation.schedule_at(sim::Time::zero() + sim::Duration::from_ticks(gap), outage_, r << 1 | 1);
    }
  }
}

void CspStage::arrive(std::uint32_t r) {
  const sim::Time now = simulation_->now();
  Request& q = (*pool_)[r];
  CspRegion& csp = regions_[q.region];
  ++csp.stats.arrivals;
  q.stage_in = now;
  if (csp.in_flight < csp.limit && csp.queue.empty()) {
    start(csp, r);
    return;
  }
  if (csp.queue.size >= csp.stats.queue_limit) {
    ++csp.stats.rejected;
    measures_->finish(r, Outcome::rejected_queue_full);
    return;
  }
  csp.queue.push(*pool_, r);
  csp.stats.set_waiting(now, static_cast<double>(csp.queue.size));
}

void CspStage::start(CspRegion& csp, std::uint32_t r) {
  const sim::Time now = simulation_->now();
  Request& q = (*pool_)[r];
  csp.stats.wait_s.add((now - q.stage_in).seconds());
  q.service_start = now;
  ++csp.in_flight;
  csp.stats.set_busy(now, csp.in_flight);
  const std::int64_t timeout = csp.config.timeout.ticks();
  const std::int64_t busy_for = (q.csp_ticks < 0 || q.csp_ticks > timeout) ? timeout : q.csp_ticks;
  simulation_->schedule_after(sim::Duration::from_ticks(busy_for), done_, r);
}

void CspStage::dispatch(CspRegion& csp) {
  const sim::Time now = simulation_->now();
  bool changed = false;
  while (csp.in_flight < csp.limit && !csp.queue.empty()) {
    const std::uint32_t r = csp.queue.pop(*pool_);
    changed = true;
    // A command that waited longer than the timeout has already failed from the User's side.
    const sim::Time waited_from = (*pool_)[r].stage_in;
    if (now - waited_from > csp.config.timeout) {
      ++csp.stats.abandoned;
      // Its failure response went out when the timeout expired, not now.
      measures_->finish(r, Outcome::failed_timeout, waited_from + csp.config.timeout);
      continue;
    }
    start(csp, r);
  }
  if (changed) csp.stats.set_waiting(now, static_cast<double>(csp.queue.size));
}

void CspStage::on_done(std::uint64_t index) {
  const sim::Time now = simulation_->now();
  const auto r = static_cast<std::uint32_t>(index);
  const Request& q = (*pool_)[r];
  CspRegion& csp = regions_[q.region];
  --csp.in_flight;
  ++csp.stats.completions;
  csp.stats.set_busy(now, csp.in_flight);
  csp.stats.response_s.add((now - q.stage_in).seconds());
  std::optional<Outcome> failure;
  if (q.service_start < csp.last_outage_start) {
    failure = Outcome::failed_outage;
  } else if (q.csp_ticks < 0 || q.csp_ticks > csp.config.timeout.ticks()) {
    failure = Outcome::failed_timeout;
  }
  dispatch(csp);
  if (failure) {
    measures_->finish(r, *failure);
  } else {
    measures_->deliver(r);
  }
}

void CspStage::apply_limit(CspRegion& csp) {
  const double factor = csp.out ? 0.0 : csp.maintenance_factor;
  csp.limit = static_cast<std::uint32_t>(std::floor(static_cast<double>(csp.config.concurrency) * factor));
  csp.capacity_factor.level(simulation_->now(), factor);
  dispatch(csp);
}

void CspStage::on_maintenance(std::uint64_t packed) {
  const sim::Time now = simulation_->now();
  CspRegion& csp = regions_[packed >> 32];
  double factor = 1.0;
  for (const CapacityWindow& w : csp.config.maintenance) {
    if (w.start <= now && now < w.end) factor = std::min(factor, w.capacity_factor);
  }
  // A window at zero capacity is an outage: commands in flight when it opens are lost.
  if (factor <= 0 && csp.maintenance_factor > 0) csp.last_outage_start = now;
  csp.maintenance_factor = factor;
  apply_limit(csp);
}

void CspStage::on_outage(std::uint64_t arg) {
  const sim::Time now = simulation_->now();
  const std::size_t r = arg >> 1;
  CspRegion& csp = regions_[r];
  if ((arg & 1) != 0) {
    csp.out = true;
    csp.last_outage_start = now;
    const std::int64_t repair = exponential_ticks(csp.config.mttr, csp.outage_rng);
    simulation_->schedule_after(sim::Duration::from_ticks(std::max<std::int64_t>(1, repair)), outage_,
                                r << 1);
  } else {
    csp.out = false;
    const std::int64_t gap = exponential_ticks(csp.config.mtbf, csp.outage_rng);
    simulation_->schedule_after(sim::Duration::from_ticks(std::max<std::int64_t>(1, gap)), outage_,
                                r << 1 | 1);
  }
  apply_limit(csp);
}

}  // namespace dccsim::models
