#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/config.hpp"
#include "models/variance.hpp"
#include "sim/calendar.hpp"
#include "sim/histogram.hpp"
#include "sim/time.hpp"

// Plain results of one simulation run; writers in tools/ format them.
namespace dccsim::models {

/// Where every request the simulation created ended up. Exactly one terminal state each.
struct RequestCounts {
  std::uint64_t carried_in = 0;        ///< in flight when statistics restarted after a warm-up
  std::uint64_t generated = 0;         ///< requests created (SRs, CSRs, alerts; retries are not new requests)
  std::uint64_t completed_within = 0;  ///< answered within their target response time
  std::uint64_t completed_late = 0;    ///< answered after their target
  std::uint64_t rejected_throttled = 0;   ///< Traffic Management or alert throttle, after the last retry
  std::uint64_t rejected_queue_full = 0;  ///< a station or delay queue was full
  std::uint64_t failed_timeout = 0;       ///< device did not answer within the CSP timeout
  std::uint64_t failed_outage = 0;        ///< lost to a CSP outage
  std::uint64_t in_flight = 0;            ///< not finished at the horizon

  std::uint64_t completed() const { return completed_within + completed_late; }
  std::uint64_t rejected() const { return rejected_throttled + rejected_queue_full; }
  std::uint64_t failed() const { return failed_timeout + failed_outage; }
  /// Conservation: carried in + generated = completed + rejected + failed + in flight.
  bool conserved() const { return carried_in + generated == completed() + rejected() + failed() + in_flight; }
};

/// Queueing figures of one station.
struct StationResult {
  std::string name;    ///< "dsp", "smki", "csp_north", ...
  double servers = 0;  ///< servers or concurrency limit (nominal)
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejected = 0;   ///< queue full
  std::uint64_t abandoned = 0;  ///< waited past the timeout and failed before service
  double throughput_per_s = 0;
  double utilisation = 0;  ///< time-average busy servers / servers
  double queue_mean = 0;   ///< time-average number waiting
  double queue_max = 0;
  sim::LogHistogram wait_s;      ///< time waiting for a server
  sim::LogHistogram response_s;  ///< wait + service
};

/// How a Code Performance Measure stands against its service levels.
enum class MeasureStatus : std::uint8_t { met, below_target, below_minimum, no_traffic };
/// "met", "below target", "below minimum", "no traffic": the words of the DCC's reports.
const char* measure_status_name(MeasureStatus status);

/// One Code Performance Measure for one month.
struct MeasureResult {
  MeasureClass measure = MeasureClass::on_demand;
  sim::YearMonth month;
  std::uint64_t responses = 0;
  std::uint64_t within_target = 0;
  double share_within_target = 0;  ///< NaN without responses
  double target = 0.99;
  double minimum = 0.96;
  MeasureStatus status = MeasureStatus::no_traffic;
  sim::LogHistogram response_s;
};

/// Traffic Management figures of one User.
struct UserThrottle {
  std::string user;
  std::uint64_t offered = 0;         ///< SR attempts that reached Traffic Management
  std::uint64_t admitted = 0;        ///< attempts passed to the DSP
  std::uint64_t rejected = 0;        ///< attempts rejected for want of tokens
  std::uint64_t delayed = 0;         ///< attempts held in the User's delay queue
  std::uint64_t retried = 0;         ///< retry attempts sent
  std::uint64_t given_up = 0;        ///< SRs finally rejected after their last attempt
  double allocation_mean_per_s = 0;  ///< time-average allocation while throttling was active (NaN if never)
  double allocation_min_per_s = 0;
  double allocation_max_per_s = 0;
  std::vector<double> allocation_per_s;  ///< per series interval: time-average allocation
};

/// Which limit a breach exceeded.
enum class BreachKind : std::uint8_t {
  offered_above_capacity,        ///< offered load above System Capacity
  offered_above_threshold,       ///< offered load above the operating threshold
  utilisation,                   ///< a station's utilisation above the reporting limit
  queue,                         ///< a station's mean queue above its share of the queue limit
  capacity_reduced,              ///< a CSP in maintenance or outage
  interval_share_below_minimum,  ///< an interval's share within target below the minimum level
  measure_below_minimum,         ///< a month's Code Performance Measure below the minimum level
};
/// Snake-case name of a breach kind, as the outputs write it ("offered_above_capacity", ...).
const char* breach_kind_name(BreachKind kind);

/// A stretch of time during which a limit was exceeded.
struct Breach {
  sim::Time start;
  sim::Time end;
  BreachKind kind = BreachKind::utilisation;
  std::string where;       ///< "system", a station name, or a measure class
  double peak_excess = 0;  ///< largest excess over the limit, in the limit's unit (per s, share, requests)
};

/// Per-interval series.
struct IntervalSeries {
  sim::Time start;
  sim::Duration interval;
  std::vector<double> offered_per_s;     ///< SR attempts at Traffic Management
  std::vector<double> capacity_per_s;    ///< System Capacity (time-average)
  std::vector<double> throughput_per_s;  ///< responses delivered (all kinds)
  std::vector<std::string> stations;
  std::vector<std::vector<double>> queue_mean;                              ///< [station][interval]
  std::vector<std::vector<double>> utilisation;                             ///< [station][interval]
  std::array<std::vector<double>, kMeasureClassCount> share_within_target;  ///< NaN without responses
  std::vector<double> throttling_active;  ///< share of the interval with throttling on
};

/// Everything one run produces.
struct ModelResults {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  sim::Time horizon;
  sim::Time warmup_end;  ///< statistics cover [warmup_end, horizon); zero without a warm-up
  std::uint64_t events = 0;
  RequestCounts requests;
  VarianceReport variance;
  std::vector<StationResult> stations;
  std::vector<MeasureResult> performance;
  std::vector<UserThrottle> throttle;
  std::vector<Breach> breaches;
  IntervalSeries series;
  std::uint64_t peak_in_flight = 0;
};

}  // namespace dccsim::models
