#include "models/traffic/traffic_management.hpp"

#include <algorithm>
#include <limits>

namespace dccsim::models {

TrafficManagement::TrafficManagement(const ModelConfig& config, const MonthSpan& span,
                                     sim::Simulation& simulation, RequestPool& pool, MultiServer& dsp,
                                     Measures& measures, VarianceCells& cells, std::size_t intervals)
    : offered_series(sim::Time::zero(), config.reporting.series_interval, intervals),
      config_(&config),
      simulation_(&simulation),
      pool_(&pool),
      dsp_(&dsp),
      measures_(&measures),
      cells_(&cells),
      horizon_(sim::Time::zero() + config.horizon),
      users_(config.users.size()),
      exempt_(config.catalogue.types.size(), false),
      retry_(simulation.add_handler<&TrafficManagement::on_retry>(*this)),
      release_(simulation.add_handler<&TrafficManagement::on_release>(*this)) {
  for (const SrType& t : config.catalogue.types) max_token_cost_ = std::max(max_token_cost_, t.token_cost);
  const TrafficManagementConfig& tm = config.traffic_management;
  for (std::size_t t : tm.exempt_sr_types) exempt_.at(t) = true;
  for (std::size_t i = 0; i < users_.size(); ++i) {
    const User& cfg = config.users[i];
    UserTraffic& u = users_[i];
    u.config = &cfg;
    u.retry_rng = sim::make_stream(config.seed, config.replication, sim::stream_id("retries/" + cfg.id));
    u.result.user = cfg.id;
    u.allocation_series = sim::TimeSeries(sim::Time::zero(), config.reporting.series_interval, intervals);
    u.forecast_weight_by_month.assign(span.size(), 0);
    for (const MonthlyCount& f : cfg.forecasts) {
      if (f.service.kind == ServiceKey::Kind::csr) continue;
      const std::size_t m = span.find(f.month);
      if (m < span.size()) u.forecast_weight_by_month[m] += static_cast<double>(f.count);
    }
    for (const BucketOverride& b : tm.buckets) {
      if (b.user == cfg.id) {
        u.bucket =
            TokenBucket(b.rate_per_s, b.depth_tokens, b.depth_tokens * tm.initial_fill, sim::Time::zero());
        u.fixed_bucket = true;
      }
    }
  }
}

void TrafficManagement::submit(std::uint32_t r) {
  const sim::Time now = simulation_->now();
  Request& q = (*pool_)[r];
  UserTraffic& u = users_[q.user];
  const TrafficManagementConfig& tm = config_->traffic_management;
  // Every attempt is an SR sent: the variance report counts it.
  cells_->count(q.cell);
  ++u.result.offered;
  ++u.interval_attempts;
  ++interval_attempts;
  offered_series.add(now, 1);
  q.start_ref = now;
  const std::uint32_t cost = config_->catalogue.types[q.sr_type].token_cost;
  if (tm.activation == Activation::never || exempt_[q.sr_type]) {
    admit(r);
    return;
  }
  if (!throttling_) {
    // Inactive throttling still drains buckets, so Users above their allocation meet an empty
    // bucket (and are cut back) the moment throttling switches on.
    u.bucket.consume_available(now, cost);
    admit(r);
    return;
  }
  if (tm.action == ThrottleAction::delay) {
    if (u.delayed.empty() && u.bucket.try_consume(now, cost)) {
      admit(r);
      return;
    }
    if (u.delayed.size >= tm.delay_queue_limit) {
      ++u.result.rejected;
      measures_->finish(r, Outcome::rejected_queue_full);
      return;
    }
    ++u.result.delayed;
    const bool was_empty = u.delayed.empty();
    u.delayed.push(*pool_, r);
    if (was_empty) schedule_release(u, q.user);
    return;
  }
  if (u.bucket.try_consume(now, cost)) {
    admit(r);
  } else {
    reject(r);
  }
}

void TrafficManagement::admit(std::uint32_t r) {
  ++users_[(*pool_)[r].user].result.admitted;
  if (!dsp_->arrive(r)) measures_->finish(r, Outcome::rejected_queue_full);
}

void TrafficManagement::reject(std::uint32_t r) {
  const Request& q = (*pool_)[r];
  UserTraffic& u = users_[q.user];
  ++u.result.rejected;
  if (q.attempt < u.config->retry.max_attempts) {
    const double backoff = u.config->retry.backoff_s.sample(u.retry_rng);
    simulation_->schedule_after(sim::Duration::from_ticks(to_ticks(backoff)), retry_, r);
    return;
  }
  ++u.result.given_up;
  measures_->finish(r, Outcome::rejected_throttled);
}

void TrafficManagement::on_retry(std::uint64_t index) {
  const auto r = static_cast<std::uint32_t>(index);
  Request& q = (*pool_)[r];
  ++q.attempt;
  ++users_[q.user].result.retried;
  submit(r);
}

void TrafficManagement::schedule_release(UserTraffic& u, std::uint32_t user_index) {
  if (u.delayed.empty()) return;
  const sim::Time now = simulation_->now();
  const std::uint32_t cost = config_->catalogue.types[(*pool_)[u.delayed.head].sr_type].token_cost;
  const sim::Time at = u.bucket.available_at(now, cost);
  if (at == sim::Time::max() || at >= horizon_) return;  // no refill: the next control tick reschedules
  u.release = simulation_->schedule_at(std::max(at, now), release_, user_index);
}

void TrafficManagement::on_release(std::uint64_t user_index) {
  UserTraffic& u = users_[user_index];
  const sim::Time now = simulation_->now();
  while (!u.delayed.empty()) {
    const std::uint32_t cost = config_->catalogue.types[(*pool_)[u.delayed.head].sr_type].token_cost;
    if (!u.bucket.try_consume(now, cost)) break;
    admit(u.delayed.pop(*pool_));
  }
  schedule_release(u, static_cast<std::uint32_t>(user_index));
}

void TrafficManagement::release_all(std::uint32_t i) {
  UserTraffic& u = users_[i];
  while (!u.delayed.empty()) admit(u.delayed.pop(*pool_));
}

void TrafficManagement::reschedule_release(std::uint32_t i) {
  UserTraffic& u = users_[i];
  if (u.delayed.empty()) return;
  simulation_->cancel(u.release);
  schedule_release(u, i);
}

void TrafficManagement::reset_statistics() {
  for (UserTraffic& u : users_) {
    const std::string id = u.result.user;
    u.result = UserThrottle{};
    u.result.user = id;
    u.allocation_active_s = 0;
    u.allocation_active_area = 0;
  }
}

std::vector<UserThrottle> TrafficManagement::results(sim::Time horizon, std::size_t intervals) {
  std::vector<UserThrottle> out;
  for (UserTraffic& u : users_) {
    u.allocation_series.advance(horizon);
    UserThrottle t = u.result;
    t.allocation_mean_per_s = u.allocation_active_s > 0 ? u.allocation_active_area / u.allocation_active_s
                                                        : std::numeric_limits<double>::quiet_NaN();
    if (u.allocation_active_s <= 0) {
      t.allocation_min_per_s = t.allocation_max_per_s = std::numeric_limits<double>::quiet_NaN();
    }
    for (std::size_t i = 0; i < intervals; ++i)
      t.allocation_per_s.push_back(u.allocation_series.time_average(i));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace dccsim::models
