#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/catalogue.hpp"
#include "sim/any_distribution.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

// Plain configuration of the DCC model. A scenario loader fills these; models read them and never
// open files. Every figure DESIGN.md marks (L) is a default here, never a constant in code.
namespace dccsim::models {

/// The three CSP regions.
enum class Region : std::uint8_t { north = 0, central = 1, south = 2 };
inline constexpr std::size_t kRegionCount = 3;
/// Lower-case region name ("north", "central", "south").
const char* region_name(Region region);

/// Code Performance Measure classes (and the kinds of traffic they cover).
enum class MeasureClass : std::uint8_t {
  on_demand = 0,
  future_dated = 1,
  alerts = 2,
  non_device = 3,
  csr = 4
};
inline constexpr std::size_t kMeasureClassCount = 5;
/// Snake-case class name ("on_demand", ...).
const char* measure_class_name(MeasureClass c);

/// Who a User is; affects nothing in the model beyond reporting.
enum class Role : std::uint8_t { large_supplier, small_supplier, network_operator, other };
/// Snake-case role name.
const char* role_name(Role role);

/// What a forecast or actual count is about: one SR type, a whole family, or CSRs.
struct ServiceKey {
  enum class Kind : std::uint8_t { sr_type, family, csr } kind = Kind::sr_type;
  int index = 0;  ///< SR type index in the catalogue, or family number; unused for CSR
  friend bool operator==(const ServiceKey&, const ServiceKey&) = default;
};

/// One count of a User for one month and service (a forecast, or a recorded actual).
struct MonthlyCount {
  sim::YearMonth month;
  ServiceKey service;
  std::uint64_t count = 0;
};

/// How a User's actual monthly count follows from the forecast F.
struct Behaviour {
  enum class Kind : std::uint8_t {
    fixed_ratio,  ///< actual ~ Poisson(ratio * F)
    lognormal,  ///< R ~ Lognormal(ln median, sigma); actual ~ Poisson(R * F), R drawn per User-month-service
    recorded,   ///< actual = the recorded count for the month and service (0 when none recorded)
  } kind = Kind::fixed_ratio;
  double ratio = 1.0;
  double median = 1.0;
  double sigma = 0.0;
};

/// Relative intensity by hour of day (0..23) and ISO day of week (0 = Monday); weight = hourly × daily.
struct TimeProfile {
  std::array<double, 24> hourly{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::array<double, 7> daily{1, 1, 1, 1, 1, 1, 1};
};

/// A one-off burst of SRs on top of the forecast (a mass campaign): `count` SRs of one type
/// spread uniformly over [at, at + spread).
struct Burst {
  sim::Time at;
  std::uint64_t count = 0;
  std::size_t sr_type = 0;
  sim::Duration spread = sim::Duration::zero();
  bool future_dated = false;  ///< executed at the User's future-dating offset rather than on demand
};

/// When a future-dated SR executes, relative to its submission.
struct FutureDating {
  enum class Kind : std::uint8_t { next_midnight, delay } kind = Kind::next_midnight;
  sim::AnyDistribution delay_s;                  ///< for Kind::delay: seconds after submission
  sim::Duration jitter = sim::Duration::zero();  ///< next_midnight: uniform spread after midnight
  double share = 0.0;  ///< share of the User's SRs of future-datable types sent future-dated
};

/// SRs the DCC runs for a User on a schedule (e.g. daily reads), outside the User's forecast.
struct DccSchedule {
  std::size_t sr_type = 0;
  double meters_share = 1.0;                ///< share of the User's meters read at each run
  std::vector<sim::Duration> times_of_day;  ///< run instants within each day
  sim::Duration jitter = sim::minutes(30);  ///< executions spread uniformly over [time, time + jitter)
};

/// How CSRs are submitted: in batches at given hours.
struct CsrBatching {
  std::uint64_t batch_size = 100;
  std::array<bool, 24> hours{false, false, false, false, false, false, false, false,
                             true,  true,  true,  true,  true,  true,  true,  true,
                             true,  true,  false, false, false, false, false, false};
  sim::Duration spread = sim::minutes(5);  ///< a batch's CSRs arrive uniformly over this span
};

/// What a User does when Traffic Management rejects an SR.
struct RetryPolicy {
  std::uint32_t max_attempts = 1;  ///< total attempts including the first; 1 = never retry
  sim::AnyDistribution backoff_s;  ///< wait before each retry, seconds
};

/// A User (energy supplier, network operator, other party) and its traffic.
struct User {
  std::string id;
  Role role = Role::large_supplier;
  std::array<double, kRegionCount> meters{0, 0, 0};  ///< meters per region (north, central, south)
  std::vector<MonthlyCount> forecasts;
  std::vector<MonthlyCount> recorded_actuals;
  Behaviour behaviour;
  TimeProfile profile;
  std::vector<Burst> bursts;
  FutureDating future_dating;
  std::vector<DccSchedule> schedules;
  CsrBatching csr;
  RetryPolicy retry;
};

/// Device alerts of one region: background load device → CSP → DSP → User.
struct AlertConfig {
  double per_meter_per_day = 0.0;
  TimeProfile profile;
  sim::AnyDistribution wan_latency_s;  ///< device → CSP
  sim::AnyDistribution dsp_service_s;  ///< DSP processing of one alert
  /// An alert storm: alerts multiply by `multiplier` over [start, start + duration).
  struct Storm {
    sim::Time start;
    sim::Duration duration = sim::Duration::zero();
    double multiplier = 1.0;
  };
  std::vector<Storm> storms;
};

/// Alert storm protection at DSP ingress: a token bucket per region; exempt alerts always pass.
struct AlertThrottle {
  bool enabled = false;
  double rate_per_s = 0.0;
  double depth_tokens = 0.0;
  double exempt_share = 0.0;  ///< share of alerts of exempt types (never throttled)
};

/// Queue discipline at a multi-server station.
enum class Discipline : std::uint8_t { fifo, priority };

/// The DSP: validation, Traffic Management and routing; a multi-server queue.
struct DspConfig {
  std::uint32_t servers = 64;
  Discipline discipline = Discipline::fifo;    ///< priority: on-demand before future-dated before alerts
  std::uint64_t queue_limit = 1'000'000;       ///< waiting requests beyond this are rejected
  sim::AnyDistribution response_processing_s;  ///< response path DSP → User (a pure delay)
};

/// SMKI, the PKI service that signs CSRs.
struct SmkiConfig {
  std::uint32_t servers = 8;
  sim::AnyDistribution service_s;
  std::uint64_t queue_limit = 10'000'000;
  sim::Duration target_response = sim::hours(1);  ///< (L)
};

/// A window with reduced CSP capacity: concurrency × capacity_factor over [start, end).
struct CapacityWindow {
  sim::Time start;
  sim::Time end;
  double capacity_factor = 0.0;
};

/// A CSP region: WAN and devices behind a concurrency limit.
struct CspConfig {
  std::uint32_t concurrency = 10'000;        ///< commands in flight at once
  std::uint64_t queue_limit = 10'000'000;    ///< waiting commands beyond this are rejected
  sim::AnyDistribution wan_latency_s;        ///< round trip CSP ↔ Communications Hub
  sim::AnyDistribution device_latency_s;     ///< time the device takes to act and answer
  double failure_probability = 0.0;          ///< device does not answer
  sim::Duration timeout = sim::seconds(60);  ///< a command not answered by then fails
  std::vector<CapacityWindow> maintenance;   ///< planned windows (and fixed outages: factor 0)
  /// Random outages: time between failures ~ Exp(mtbf), repair ~ Exp(mttr); zero mtbf: none.
  sim::Duration mtbf = sim::Duration::zero();
  sim::Duration mttr = sim::Duration::zero();
};

/// When Traffic Management throttles.
enum class Activation : std::uint8_t { always, threshold, never };
/// What happens to an SR without tokens.
enum class ThrottleAction : std::uint8_t { reject, delay };
/// How System Capacity is shared among Users.
enum class AllocationPolicy : std::uint8_t { forecast_share, equal, max_min_fair };
/// Whether System Capacity is fixed or recomputed from measured load.
enum class CapacityMode : std::uint8_t { fixed, dynamic };

/// A User's own token bucket when allocations are configured per User (static buckets).
struct BucketOverride {
  std::string user;
  double rate_per_s = 0.0;
  double depth_tokens = 0.0;
};

/// Parameters of the dynamic System Capacity rule (see models/README.md).
struct DynamicCapacity {
  double target_utilisation = 0.8;  ///< bottleneck utilisation the capacity should produce
  double smoothing = 0.5;           ///< weight of the new estimate (exponential smoothing)
  double decrease_factor = 0.8;     ///< cut when the last interval missed its response targets
  double min_per_s = 1.0;
  double max_per_s = 1e9;
};

/// Service Request Traffic Management at DSP ingress (SECMP0067 and variants).
struct TrafficManagementConfig {
  Activation activation = Activation::never;
  ThrottleAction action = ThrottleAction::reject;
  std::uint64_t delay_queue_limit = 10'000;  ///< per User, for ThrottleAction::delay
  AllocationPolicy allocation = AllocationPolicy::forecast_share;
  CapacityMode capacity_mode = CapacityMode::fixed;
  double system_capacity_per_s = 1e9;        ///< SR tokens per second the system can take
  double operating_threshold = 0.8;          ///< share of System Capacity at which throttling switches on
  double bucket_depth_s = 10.0;              ///< a User's bucket holds this many seconds of its allocation
  double initial_fill = 1.0;                 ///< share of depth a bucket starts with
  sim::Duration interval = sim::minutes(1);  ///< load measurement and reallocation interval
  std::vector<std::size_t> exempt_sr_types;  ///< never throttled
  std::vector<BucketOverride> buckets;       ///< explicit per-User buckets (static policy)
  DynamicCapacity dynamic;
};

/// Thresholds of the variance report and of the Code Performance Measures.
struct ReportingConfig {
  double sr_low = 0.90;    ///< SR exception when actual <= sr_low × forecast
  double sr_high = 1.10;   ///< ... or actual >= sr_high × forecast
  double csr_high = 1.10;  ///< CSR exception when actual >= csr_high × forecast, or sent with no forecast
  sim::Duration future_dated_target =
      sim::hours(2);                              ///< future-dated SRs of on-demand types, from execution (L)
  sim::Duration alert_target = sim::seconds(60);  ///< device alert to User (L)
  double target_service_level = 0.99;             ///< (L)
  double minimum_service_level = 0.96;            ///< (L)
  sim::Duration series_interval = sim::minutes(15);
  double utilisation_limit = 0.95;  ///< a station above this over an interval is a breach
  double queue_limit_share = 0.8;   ///< a queue above this share of its limit is a breach
  /// An interval's share within target is judged only with at least this many responses, so a
  /// handful of night-time responses cannot make a breach.
  std::uint64_t min_interval_responses = 100;
};

/// The whole model.
struct ModelConfig {
  std::string name;
  sim::CivilDate epoch{2018, 8, 1};  ///< time zero
  sim::Duration horizon = sim::days(31);
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  Catalogue catalogue = default_catalogue();
  std::vector<User> users;
  std::array<AlertConfig, kRegionCount> alerts{};
  AlertThrottle alert_throttle;
  DspConfig dsp;
  SmkiConfig smki;
  std::array<CspConfig, kRegionCount> csps{};
  TrafficManagementConfig traffic_management;
  ReportingConfig reporting;
};

}  // namespace dccsim::models
