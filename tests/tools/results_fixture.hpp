#pragma once

#include <cmath>
#include <cstdint>

#include "models/results.hpp"
#include "tools/result_tables.hpp"

// A small hand-made run whose figures all follow from `k`, so tests know every cell: two stations,
// three variance lines (one within 90-110 %, one above, CSRs with no forecast), an on-demand
// measure and an alert measure without traffic, one User, two series intervals, breaches.
namespace dccsim::tools::testing {

inline const sim::CivilDate kEpoch{2018, 8, 1};

inline models::ModelResults sample_results(std::uint64_t k) {
  models::ModelResults r;
  r.horizon = sim::Time::zero() + sim::days(2);
  r.events = 1000 * k;
  r.peak_in_flight = 7;
  r.requests.generated = 1000 + k;
  r.requests.completed_within = 900;
  r.requests.completed_late = 50;
  r.requests.rejected_throttled = 20 + k;
  r.requests.rejected_queue_full = 5;
  r.requests.failed_timeout = 10;
  r.requests.failed_outage = 5;
  r.requests.in_flight = 10;

  const sim::YearMonth month{2018, 8};
  r.variance.lines.push_back(
      {"SUPPLIER_A", month, "4", false, 1000, 1000 + 10 * k, true, static_cast<double>(k), false});
  r.variance.lines.push_back({"SUPPLIER_A", month, "8", false, 100, 150, true, 50.0, true});
  r.variance.lines.push_back({"DNO_B", month, "CSR", true, 0, 6, false, NAN, true});
  r.variance.sr = {1100, 1150 + 10 * k, (50.0 + 10.0 * static_cast<double>(k)) / 11.0};
  r.variance.csr = {0, 6, NAN};

  for (const char* name : {"dsp", "csp_north"}) {
    models::StationResult s;
    s.name = name;
    s.servers = 4;
    s.arrivals = 12345 + k;
    s.completions = 12000;
    s.utilisation = name[0] == 'd' ? 0.5 + 0.01 * static_cast<double>(k) : 0.8;
    s.queue_mean = 1.25;
    s.queue_max = 9;
    s.wait_s.add(0.002 * static_cast<double>(k));
    s.wait_s.add(0.004);
    r.stations.push_back(std::move(s));
  }

  models::MeasureResult on_demand;
  on_demand.measure = models::MeasureClass::on_demand;
  on_demand.month = month;
  on_demand.responses = 2000;
  on_demand.within_target = 1990 - k;
  on_demand.share_within_target = static_cast<double>(on_demand.within_target) / 2000.0;
  on_demand.response_s.add(1.5);
  r.performance.push_back(on_demand);
  models::MeasureResult alerts;
  alerts.measure = models::MeasureClass::alerts;
  alerts.month = month;
  alerts.share_within_target = NAN;
  r.performance.push_back(alerts);

  models::UserThrottle u;
  u.user = "SUPPLIER_A";
  u.offered = 1100;
  u.admitted = 1080 - k;
  u.rejected = 20 + k;
  u.allocation_mean_per_s = 2.5;
  u.allocation_min_per_s = 2;
  u.allocation_max_per_s = 3;
  r.throttle.push_back(u);

  for (std::uint64_t b = 0; b < k % 3; ++b) {
    r.breaches.push_back({sim::Time::zero() + sim::hours(12), sim::Time::zero() + sim::hours(13),
                          models::BreachKind::capacity_reduced, "csp_north",
                          0.1234567 * static_cast<double>(k)});
  }

  models::IntervalSeries& s = r.series;
  s.start = sim::Time::zero();
  s.interval = sim::minutes(15);
  s.offered_per_s = {1.0, 2.0};
  s.capacity_per_s = {10.0, 10.0};
  s.throughput_per_s = {0.9, 1.9};
  s.throttling_active = {0.0, 0.5};
  s.stations = {"dsp", "csp_north"};
  s.queue_mean = {{0.1, 0.2}, {0.3, 0.4}};
  s.utilisation = {{0.5, 0.6}, {0.7, 0.8}};
  for (auto& share : s.share_within_target) share = {1.0, NAN};
  return r;
}

/// The tables of sample_results(k) with the default reporting thresholds.
inline ResultTables sample_tables(std::uint64_t k) {
  return tabulate(sample_results(k), kEpoch, models::ReportingConfig{});
}

}  // namespace dccsim::tools::testing
