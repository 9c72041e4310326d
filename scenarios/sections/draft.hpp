#pragma once

// What the section readers fill and share: the configuration being built and what earlier sections
// defined that later ones refer to (the calendar, named profiles, User ids).

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/config.hpp"
#include "scenarios/typed_readers.hpp"
#include "sim/calendar.hpp"

namespace dccsim::scenarios {

/// The configuration as the sections read it, in the order the pipeline calls them.
struct Draft {
  models::ModelConfig model;
  std::optional<sim::Calendar> calendar;  ///< from [scenario]; absent when the epoch is invalid
  ProfileMap profiles;                    ///< [profiles.<name>]
  std::map<std::string, std::size_t, std::less<>> user_index;  ///< User id -> index in model.users
  std::vector<std::string> user_ids;                           ///< in [[users]] order, for suggestions
  bool have_actuals = false;                                   ///< demand.actuals was read
  /// What lies wholly outside the horizon and is skipped (one note for all, not one error each), so
  /// that a short what-if horizon runs on the same inputs.
  struct Skipped {
    std::size_t bursts = 0;
    std::size_t storms = 0;
    std::size_t rows = 0;  ///< forecast and actuals CSV rows
  } skipped;

  /// The end of the horizon, as time since the epoch.
  sim::Time horizon_end() const { return sim::Time::zero() + model.horizon; }
};

}  // namespace dccsim::scenarios
