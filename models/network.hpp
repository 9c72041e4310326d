#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/config.hpp"
#include "models/results.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// The DCC network on its own simulation: Users' sources, Traffic Management, DSP, SMKI and the
/// three CSP regions, with every measure of results.hpp. Build, advance to the horizon, collect.
class DccModel {
 public:
  /// Builds the model; `config` must pass check_config (asserted). Draws monthly counts up front.
  explicit DccModel(const ModelConfig& config);
  ~DccModel();
  DccModel(const DccModel&) = delete;
  DccModel& operator=(const DccModel&) = delete;

  /// Runs events up to min(t, horizon).
  void run_until(sim::Time t);
  /// Runs to the horizon.
  void run();
  /// Current simulated time.
  sim::Time now() const;
  /// End of the simulated span.
  sim::Time horizon() const;
  /// Events executed so far.
  std::uint64_t events() const;
  /// Requests currently alive (in flight).
  std::uint64_t in_flight() const;
  /// Warm-up deletion: forgets every statistic gathered so far (stations, measures, Traffic
  /// Management counts, request accounting) and restarts them now; requests in flight carry over.
  /// Variance counts are kept: they count what Users sent in their months.
  void reset_statistics();
  /// Collects the results; call once, after run().
  ModelResults results();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Runs `config` to its horizon and returns the results.
ModelResults simulate(const ModelConfig& config);

}  // namespace dccsim::models
