#pragma once

#include <string>

#include "models/config.hpp"

namespace dccsim::bench {

/// A national 2024-scale configuration: 32 M meters in three regions, about 75 M messages a day
/// (reads dominant, DCC-scheduled daily reads, a midnight tariff campaign, device alerts).
inline models::ModelConfig national_config(int days) {
  namespace sim = dccsim::sim;
  using models::ServiceKey;
  models::ModelConfig c;
  c.name = "national-bench";
  c.epoch = {2024, 3, 4};  // a Monday
  c.horizon = sim::days(days);
  const auto lognormal = [](double mean, double p95) {
    return sim::AnyDistribution(sim::Lognormal::with_mean_p95(mean, p95).value());
  };
  for (auto& csp : c.csps) {
    csp.concurrency = 20'000;
    csp.wan_latency_s = lognormal(1.5, 4.0);
    csp.device_latency_s = lognormal(0.8, 2.0);
    csp.failure_probability = 0.002;
  }
  c.csps[0].wan_latency_s = lognormal(3.0, 8.0);  // long-range radio in the North
  c.dsp.servers = 64;
  c.dsp.response_processing_s = sim::Deterministic::with_value(0.02).value();
  c.smki.service_s = sim::Exponential::with_mean(0.05).value();
  const sim::YearMonth month{2024, 3};
  const int tariff = c.catalogue.find("1.1.1");
  const int daily_log = c.catalogue.find("4.6.1");
  const int profile_read = c.catalogue.find("4.8.1");
  models::TimeProfile office;
  office.hourly = {0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.6, 1.8, 1.8, 1.7,
                   1.6, 1.6, 1.6, 1.5, 1.5, 1.6, 1.4, 1.2, 1.0, 0.8, 0.5, 0.3};
  office.daily = {1.1, 1.1, 1.1, 1.1, 1.0, 0.8, 0.7};
  const auto supplier = [&](const std::string& id, double meters, double reads_month) {
    models::User u;
    u.id = id;
    u.meters = {meters * 0.15, meters * 0.45, meters * 0.40};
    u.profile = office;
    u.forecasts = {{month, {ServiceKey::Kind::family, 4}, static_cast<std::uint64_t>(reads_month)},
                   {month, {ServiceKey::Kind::family, 1}, static_cast<std::uint64_t>(reads_month * 0.10)},
                   {month, {ServiceKey::Kind::family, 2}, static_cast<std::uint64_t>(reads_month * 0.05)},
                   {month, {ServiceKey::Kind::family, 8}, static_cast<std::uint64_t>(reads_month * 0.05)},
                   {month, {ServiceKey::Kind::csr, 0}, static_cast<std::uint64_t>(meters * 0.01)}};
    u.behaviour.kind = models::Behaviour::Kind::lognormal;
    u.behaviour.median = 0.9;
    u.behaviour.sigma = 0.2;
    u.future_dating.share = 0.5;
    u.future_dating.jitter = sim::minutes(20);
    u.schedules.push_back({static_cast<std::size_t>(daily_log), 0.5, {sim::hours(1)}, sim::hours(3)});
    return u;
  };
  for (int i = 0; i < 6; ++i) c.users.push_back(supplier("LARGE_" + std::to_string(i), 4.5e6, 30e6));
  for (int i = 0; i < 10; ++i) c.users.push_back(supplier("SMALL_" + std::to_string(i), 0.5e6, 1.5e6));
  // The midnight tariff campaign: 2 M future-dated tariff updates sent in the evening.
  c.users[0].bursts.push_back(
      {sim::Time::zero() + sim::hours(20), 2'000'000, static_cast<std::size_t>(tariff), sim::hours(2), true});
  for (int i = 0; i < 6; ++i) {
    models::User dno;
    dno.id = "DNO_" + std::to_string(i);
    dno.role = models::Role::network_operator;
    dno.meters = {1e5, 1e5, 1e5};
    dno.forecasts = {{month, {ServiceKey::Kind::sr_type, profile_read}, 5'000'000}};
    c.users.push_back(dno);
  }
  for (auto& alerts : c.alerts) {
    alerts.per_meter_per_day = 1.4;
    alerts.wan_latency_s = lognormal(1.0, 3.0);
    alerts.dsp_service_s = sim::Deterministic::with_value(0.002).value();
  }
  return c;
}

}  // namespace dccsim::bench
