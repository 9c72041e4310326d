#include "models/stations/station_stats.hpp"

#include <utility>

namespace dccsim::models {

StationStats::StationStats(std::string n, double servers_nominal, std::uint64_t limit, sim::Time start,
                           sim::Duration interval, std::size_t intervals)
    : name(std::move(n)),
      servers(servers_nominal),
      queue_limit(limit),
      busy(start),
      waiting(start),
      busy_series(start, interval, intervals),
      queue_series(start, interval, intervals) {}

double StationStats::interval_utilisation(sim::Time now, double servers_nominal, double dt_s) {
  busy_area.update(now, busy_area.level);
  const double u =
      servers_nominal > 0 ? (busy_area.area - busy_area_snapshot) / (servers_nominal * dt_s) : 0.0;
  busy_area_snapshot = busy_area.area;
  return u;
}

void StationStats::restart(sim::Time now) {
  arrivals = completions = rejected = abandoned = 0;
  busy.reset(now);
  waiting.reset(now);
  wait_s.reset();
  response_s.reset();
}

void StationStats::close(sim::Time horizon) {
  busy.advance(horizon);
  waiting.advance(horizon);
  busy_series.advance(horizon);
  queue_series.advance(horizon);
}

StationResult StationStats::result(sim::Time start, sim::Time horizon) const {
  StationResult r;
  r.name = name;
  r.servers = servers;
  r.arrivals = arrivals;
  r.completions = completions;
  r.rejected = rejected;
  r.abandoned = abandoned;
  const double span = (horizon - start).seconds();
  r.throughput_per_s = span > 0 ? static_cast<double>(completions) / span : 0.0;
  r.utilisation = servers > 0 ? busy.mean(horizon) / servers : 0.0;
  r.queue_mean = waiting.mean(horizon);
  r.queue_max = waiting.max_level();
  r.wait_s = wait_s;
  r.response_s = response_s;
  return r;
}

}  // namespace dccsim::models
