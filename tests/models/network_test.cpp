#include "models/config_check.hpp"
#include "models/network.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/output_analysis.hpp"

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

sim::AnyDistribution constant(double s) { return sim::Deterministic::with_value(s).value(); }
sim::AnyDistribution exponential(double mean) { return sim::Exponential::with_mean(mean).value(); }

models::ServiceKey sr(const models::Catalogue& c, const char* id) {
  return {models::ServiceKey::Kind::sr_type, c.find(id)};
}
models::ServiceKey family(int f) { return {models::ServiceKey::Kind::family, f}; }
models::ServiceKey csr() { return {models::ServiceKey::Kind::csr, 0}; }

// A small month: two Users, reads and tariffs, CSRs, alerts; fast enough for unit tests.
models::ModelConfig small_month() {
  models::ModelConfig c;
  c.name = "small";
  c.horizon = sim::days(31);
  for (auto& csp : c.csps) {
    csp.concurrency = 50;
    csp.wan_latency_s = exponential(2.0);
    csp.device_latency_s = exponential(1.0);
    csp.timeout = sim::seconds(60);
  }
  c.dsp.servers = 4;
  c.dsp.response_processing_s = constant(0.05);
  c.smki.service_s = exponential(0.5);
  const sim::YearMonth aug{2018, 8};
  models::User a;
  a.id = "SUPPLIER_A";
  a.meters = {1000, 2000, 3000};
  a.forecasts = {{aug, family(4), 20'000}, {aug, sr(c.catalogue, "1.1.1"), 5'000}, {aug, csr(), 2'000}};
  a.behaviour.kind = models::Behaviour::Kind::fixed_ratio;
  a.behaviour.ratio = 0.8;
  a.future_dating.share = 0.5;
  models::User b;
  b.id = "DNO_B";
  b.role = models::Role::network_operator;
  b.meters = {500, 0, 500};
  b.forecasts = {{aug, sr(c.catalogue, "4.1.1"), 8'000}, {aug, sr(c.catalogue, "8.2"), 1'000}};
  b.behaviour.kind = models::Behaviour::Kind::lognormal;
  b.behaviour.median = 1.2;
  b.behaviour.sigma = 0.2;
  c.users = {a, b};
  for (auto& alert : c.alerts) {
    alert.per_meter_per_day = 2.0;
    alert.wan_latency_s = exponential(1.0);
    alert.dsp_service_s = constant(0.001);
  }
  return c;
}

}  // namespace

TEST_CASE("network: every request ends in exactly one state") {
  models::ModelConfig c = small_month();
  // Every terminal state reachable: throttling with retries, device failures, an outage, a full
  // queue, and a horizon that cuts requests in flight.
  c.horizon = sim::days(3) + sim::hours(5);
  c.users[0].bursts.push_back({sim::Time::zero() + sim::hours(30), 20'000,
                               static_cast<std::size_t>(c.catalogue.find("4.1.1")), sim::minutes(10), false});
  c.users[0].retry.max_attempts = 3;
  c.users[0].retry.backoff_s = exponential(30);
  c.traffic_management.activation = models::Activation::always;
  c.traffic_management.system_capacity_per_s = 5;
  c.csps[0].failure_probability = 0.05;
  c.csps[2].maintenance.push_back(
      {sim::Time::zero() + sim::hours(40), sim::Time::zero() + sim::hours(42), 0.0});
  c.csps[1].queue_limit = 10;
  c.csps[1].concurrency = 2;
  REQUIRE(models::check_config(c).empty());
  const models::ModelResults r = models::simulate(c);
  const models::RequestCounts& q = r.requests;
  INFO("generated " << q.generated << " completed " << q.completed() << " rejected " << q.rejected()
                    << " failed " << q.failed() << " in flight " << q.in_flight);
  CHECK(q.conserved());
  CHECK(q.generated > 0);
  CHECK(q.completed_within > 0);
  CHECK(q.rejected_throttled > 0);
  CHECK(q.rejected_queue_full > 0);
  CHECK(q.failed_timeout > 0);
  CHECK(q.in_flight > 0);
  std::uint64_t retried = 0;
  for (const auto& t : r.throttle) retried += t.retried;
  CHECK(retried > 0);
}

TEST_CASE("network: recorded actuals reproduce the report's totals exactly") {
  models::ModelConfig c = small_month();
  const sim::YearMonth aug{2018, 8};
  c.users[0].behaviour.kind = models::Behaviour::Kind::recorded;
  c.users[1].behaviour.kind = models::Behaviour::Kind::recorded;
  c.users[0].recorded_actuals = {
      {aug, family(4), 3'456}, {aug, sr(c.catalogue, "1.1.1"), 789}, {aug, csr(), 2'500}};
  c.users[1].recorded_actuals = {{aug, sr(c.catalogue, "4.1.1"), 8'001}};  // 8.2 forecast, none sent
  const models::ModelResults r = models::simulate(c);
  CHECK(r.variance.sr.forecast == 20'000 + 5'000 + 8'000 + 1'000);
  CHECK(r.variance.sr.actual == 3'456 + 789 + 8'001);
  CHECK(r.variance.csr.forecast == 2'000);
  CHECK(r.variance.csr.actual == 2'500);
  CHECK(r.variance.sr.variance_pct == doctest::Approx((12'246.0 - 34'000.0) / 34'000.0 * 100));
  for (const auto& line : r.variance.lines) {
    if (line.user == "DNO_B" && line.service == "4.1.1") CHECK_FALSE(line.exception);  // 100.0125 %
    if (line.user == "DNO_B" && line.service == "8.2") CHECK(line.exception);          // 0 %
    if (line.service == "CSR") CHECK(line.exception);                                  // 125 %
  }
  CHECK(r.requests.conserved());
}

TEST_CASE("network: same seed gives identical results, another seed differs") {
  models::ModelConfig c = small_month();
  c.horizon = sim::days(2);
  const models::ModelResults a = models::simulate(c);
  const models::ModelResults b = models::simulate(c);
  CHECK(a.events == b.events);
  CHECK(a.requests.completed_within == b.requests.completed_within);
  CHECK(a.stations[0].wait_s.sum() == b.stations[0].wait_s.sum());
  c.seed = 2;
  const models::ModelResults d = models::simulate(c);
  CHECK(d.events != a.events);
}

TEST_CASE("network: adding a User does not change another User's traffic") {
  models::ModelConfig c = small_month();
  c.horizon = sim::days(5);
  const models::ModelResults before = models::simulate(c);
  models::User extra = c.users[1];
  extra.id = "NEW_USER";
  c.users.insert(c.users.begin(), extra);
  const models::ModelResults after = models::simulate(c);
  const auto actual_of = [](const models::ModelResults& r, const std::string& user) {
    std::vector<std::uint64_t> v;
    for (const auto& line : r.variance.lines) {
      if (line.user == user) v.push_back(line.actual);
    }
    return v;
  };
  CHECK(actual_of(before, "SUPPLIER_A") == actual_of(after, "SUPPLIER_A"));
  CHECK(actual_of(before, "DNO_B") == actual_of(after, "DNO_B"));
}

TEST_CASE("network: the DSP is an M/M/c queue when fed Poisson traffic") {
  // One User with a flat profile sending 4.1.1 at lambda = 2/s to a DSP of 2 servers with
  // exponential service of mean 0.8 s: rho 0.8, Erlang C = 0.711111, Wq = C / (c mu - lambda) = 1.422222 s.
  models::ModelConfig c;
  c.horizon = sim::days(1);
  c.catalogue.types[static_cast<std::size_t>(c.catalogue.find("4.1.1"))].dsp_service_s = exponential(0.8);
  c.dsp.servers = 2;
  for (auto& csp : c.csps) {
    csp.wan_latency_s = constant(0.1);
    csp.device_latency_s = constant(0.1);
  }
  models::User u;
  u.id = "U";
  u.meters = {0, 1, 0};
  u.forecasts = {{{2018, 8}, sr(c.catalogue, "4.1.1"), 2 * 86'400 * 31}};
  u.behaviour.ratio = 1.0;
  c.users = {u};
  std::vector<double> waits;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    c.replication = rep;
    const models::ModelResults r = models::simulate(c);
    waits.push_back(r.stations[0].wait_s.mean());
    CHECK(r.requests.conserved());
  }
  const sim::ConfidenceInterval ci = sim::t_interval(waits, 0.99);
  INFO("Wq " << ci.mean << " ± " << ci.half_width);
  CHECK(ci.contains(1.422222));
  CHECK_FALSE(ci.contains(1.422222 * 1.1));
  CHECK_FALSE(ci.contains(1.422222 * 0.9));
}

TEST_CASE("network: threshold throttling cuts only Users above their allocation, down to it") {
  // Two Users with equal forecasts; capacity 10/s shared by forecast: 5/s each. A sends 8/s,
  // B 2/s: total 10/s is above the 80 % operating threshold, so throttling is on and only A is
  // cut, to about 5/s. Then with A at 3/s the total (5/s) is below the threshold: nobody is.
  const auto run = [](double a_per_s, double b_per_s) {
    models::ModelConfig c;
    c.horizon = sim::hours(6);
    c.dsp.servers = 100;
    for (auto& csp : c.csps) {
      csp.wan_latency_s = constant(0.1);
      csp.device_latency_s = constant(0.1);
    }
    const double month_s = 31 * 86'400.0;
    const sim::YearMonth aug{2018, 8};
    models::User a;
    a.id = "A";
    a.meters = {1, 1, 1};
    a.forecasts = {{aug, sr(c.catalogue, "4.1.1"), static_cast<std::uint64_t>(5 * month_s)}};
    a.behaviour.ratio = a_per_s / 5.0;
    models::User b = a;
    b.id = "B";
    b.behaviour.ratio = b_per_s / 5.0;
    c.users = {a, b};
    c.traffic_management.activation = models::Activation::threshold;
    c.traffic_management.system_capacity_per_s = 10;
    c.traffic_management.operating_threshold = 0.8;
    c.traffic_management.allocation = models::AllocationPolicy::forecast_share;
    c.traffic_management.interval = sim::minutes(1);
    return models::simulate(c);
  };
  const models::ModelResults busy = run(8.0, 2.0);
  const auto& a = busy.throttle[0];
  const auto& b = busy.throttle[1];
  CHECK(a.rejected > 0);
  CHECK(b.rejected == 0);
  const double hours6 = 6 * 3600.0;
  const double a_admitted_per_s = static_cast<double>(a.admitted) / hours6;
  INFO("A admitted " << a_admitted_per_s << "/s, offered " << static_cast<double>(a.offered) / hours6
                     << "/s");
  CHECK(a_admitted_per_s > 4.9);
  CHECK(a_admitted_per_s < 5.6);  // cut to its allocation (plus bucket depth and quiet spells)
  CHECK(busy.requests.conserved());

  const models::ModelResults quiet = run(3.0, 2.0);
  CHECK(quiet.throttle[0].rejected == 0);
  CHECK(quiet.throttle[1].rejected == 0);
}

TEST_CASE("network: monthly counts follow the behaviour model") {
  // Fixed ratio 0.5 on a forecast of 4000: actual ~ Poisson(2000) per replication.
  models::ModelConfig c;
  c.horizon = sim::days(31);
  models::User u;
  u.id = "U";
  u.meters = {1, 1, 1};
  u.forecasts = {{{2018, 8}, sr(c.catalogue, "5.1"), 4'000}};
  u.behaviour.ratio = 0.5;
  c.users = {u};
  sim::Tally counts;
  for (std::uint64_t rep = 0; rep < 60; ++rep) {
    c.replication = rep;
    counts.add(static_cast<double>(models::simulate(c).variance.sr.actual));
  }
  const sim::ConfidenceInterval mean = sim::t_interval(counts, 0.99);
  CHECK(mean.contains(2000.0));
  // Poisson dispersion: the variance / mean index is about 1 (chi-square bounds for 59 dof at 99 %).
  const double index = counts.variance() / 2000.0;
  CHECK(index > 34.8 / 59);
  CHECK(index < 87.2 / 59);
}
