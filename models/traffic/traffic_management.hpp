#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/config.hpp"
#include "models/demand/variance_cells.hpp"
#include "models/measures/measures.hpp"
#include "models/months.hpp"
#include "models/request.hpp"
#include "models/results.hpp"
#include "models/stations/multi_server.hpp"
#include "models/token_bucket.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/statistics.hpp"

namespace dccsim::models {

/// Traffic Management's state for one User.
struct UserTraffic {
  const User* config = nullptr;
  TokenBucket bucket{0.0, 1.0, 0.0, sim::Time::zero()};
  bool fixed_bucket = false;  ///< an explicit bucket: the control loop leaves it alone
  RequestFifo delayed;        ///< SRs held for tokens (action "delay")
  sim::EventId release{};     ///< the pending release of the delay queue's head
  std::uint64_t interval_attempts = 0;
  sim::RandomStream retry_rng = sim::make_stream(0, 0, 0);  ///< replaced per User
  std::vector<double> forecast_weight_by_month;             ///< SR forecast per month index
  UserThrottle result;
  double allocation_active_s = 0;     ///< seconds with throttling on
  double allocation_active_area = 0;  ///< allocation × seconds with throttling on
  sim::TimeSeries allocation_series{sim::Time::zero(), sim::seconds(1), 1};  ///< replaced per User
};

/// DSP ingress for Users' SRs: a token bucket per User; without tokens an SR is rejected (and
/// retried after the User's backoff, up to its attempts) or delayed in a bounded FIFO released as
/// tokens refill. Exempt SR types, and every SR while activation is "never", pass untouched; while
/// throttling is off SRs pass but still drain their bucket. Admitted SRs go to the DSP.
class TrafficManagement {
 public:
  TrafficManagement(const ModelConfig& config, const MonthSpan& span, sim::Simulation& simulation,
                    RequestPool& pool, MultiServer& dsp, Measures& measures, VarianceCells& cells,
                    std::size_t intervals);
  TrafficManagement(const TrafficManagement&) = delete;
  TrafficManagement& operator=(const TrafficManagement&) = delete;

  /// SR `r` (one attempt) reaches Traffic Management now.
  void submit(std::uint32_t r);
  /// Whether non-conforming SRs are throttled (set by the control loop).
  void set_throttling(bool on) { throttling_ = on; }
  bool throttling() const { return throttling_; }
  /// User `i`'s delay queue is released at once (throttling switched off).
  void release_all(std::uint32_t i);
  /// User `i`'s bucket changed: its pending release is rescheduled.
  void reschedule_release(std::uint32_t i);
  /// Warm-up deletion: per-User counts restart.
  void reset_statistics();
  /// Per-User figures; call once at the horizon.
  std::vector<UserThrottle> results(sim::Time horizon, std::size_t intervals);

  std::vector<UserTraffic>& users() { return users_; }
  /// The largest token cost of an SR type (a bucket holds at least this).
  std::uint32_t max_token_cost() const { return max_token_cost_; }

  std::uint64_t interval_attempts = 0;     ///< SR attempts since the last control tick
  std::uint64_t interval_completions = 0;  ///< SRs through the DSP since the last control tick
  sim::TimeSeries offered_series;          ///< SR attempts per series interval

 private:
  void admit(std::uint32_t r);
  void reject(std::uint32_t r);
  void schedule_release(UserTraffic& u, std::uint32_t user_index);
  void on_retry(std::uint64_t r);
  void on_release(std::uint64_t user_index);

  const ModelConfig* config_;
  sim::Simulation* simulation_;
  RequestPool* pool_;
  MultiServer* dsp_;
  Measures* measures_;
  VarianceCells* cells_;
  sim::Time horizon_;
  std::vector<UserTraffic> users_;
  std::vector<bool> exempt_;  // by SR type
  std::uint32_t max_token_cost_ = 1;
  bool throttling_ = false;
  sim::HandlerId retry_{};
  sim::HandlerId release_{};
};

}  // namespace dccsim::models
