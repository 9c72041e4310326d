#pragma once

#include <span>
#include <vector>

#include "sim/statistics.hpp"

// The tests behind compare's verdicts: a two-sided paired t-test on the replications' differences
// and the two multiple-comparison adjustments (Holm for the headline set, Benjamini-Hochberg for
// the rest), so that testing hundreds of measures at once does not cry wolf.
namespace dccsim::tools {

/// Two-sided p-value of the paired t-test that the mean of `differences` is 0 (n - 1 degrees of
/// freedom). With no spread: 1 when the mean is 0, 0 otherwise. NaN with fewer than 2 values.
double paired_t_p_value(const sim::Tally& differences);

/// Holm's step-down adjusted p-values (family-wise error rate), in the order given; NaN entries are
/// left out of the family and stay NaN.
std::vector<double> holm_adjusted(std::span<const double> p);

/// Benjamini-Hochberg step-up adjusted p-values (false discovery rate), in the order given; NaN
/// entries are left out of the family and stay NaN.
std::vector<double> benjamini_hochberg_adjusted(std::span<const double> p);

}  // namespace dccsim::tools
