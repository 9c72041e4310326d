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

  /// The end of the horizon, as time since the epoch.
  sim::Time horizon_end() const { return sim::Time::zero() + model.horizon; }
};

}  // namespace dccsim::scenarios
