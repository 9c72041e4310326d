#pragma once

#include <cstdint>
#include <string>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace dccsim::tools {

/// What a run's outputs say about how it was made (beyond the results themselves).
struct RunInfo {
  std::string scenario;       ///< scenario name
  std::string scenario_file;  ///< file name of the scenario (no folders: outputs stay path-independent)
  sim::CivilDate epoch;       ///< time zero of the scenario
  std::uint64_t seed = 0;
  double warmup_s = 0;  ///< statistics deleted before this (0: none, a terminating study)
  sim::Time horizon;    ///< end of the simulated span
};

}  // namespace dccsim::tools
