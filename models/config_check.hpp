#pragma once

#include <string>
#include <vector>

#include "models/config.hpp"

namespace dccsim::models {

/// One semantic problem of a configuration: the scenario key it concerns, as the scenario language
/// writes it ("users[2].retry.max_attempts", "dsp.servers", "scenario.horizon"; empty when it
/// concerns the scenario as a whole), and what is wrong with it.
struct ConfigProblem {
  std::string field;
  std::string message;
};

/// Checks the semantic consistency of a configuration (indices, ranges, shares, magnitudes the
/// model can carry); one problem each, empty when the configuration can run. Loaders report these
/// at the file and line where `field` was written. DccModel requires an empty result.
std::vector<ConfigProblem> check_config(const ModelConfig& config);

}  // namespace dccsim::models
