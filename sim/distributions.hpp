#pragma once

// Every distribution of sim/, for code that draws from several kinds; include the header of one
// kind where that is all a file needs. ParamResult and ParamError are in sim/param_result.hpp.

#include "sim/alias_table.hpp"               // IWYU pragma: export
#include "sim/continuous_distributions.hpp"  // IWYU pragma: export
#include "sim/discrete_distributions.hpp"    // IWYU pragma: export
#include "sim/empirical_distributions.hpp"   // IWYU pragma: export
#include "sim/param_result.hpp"              // IWYU pragma: export
#include "sim/standard_normal.hpp"           // IWYU pragma: export
