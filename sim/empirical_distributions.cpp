#include "sim/empirical_distributions.hpp"

#include <cmath>

namespace dccsim::sim {

ParamResult<EmpiricalDiscrete> EmpiricalDiscrete::from_weights(std::span<const double> values,
                                                               std::span<const double> weights) {
  if (values.size() != weights.size()) return ParamError{"values and weights must have the same length"};
  for (const double v : values) {
    if (!std::isfinite(v)) return ParamError{"values must be finite"};
  }
  auto table = AliasTable::from_weights(weights);
  if (!table) return ParamError{table.error()};
  double weighted = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    weighted += values[i] * weights[i];
    sum += weights[i];
  }
  return EmpiricalDiscrete(std::vector<double>(values.begin(), values.end()), std::move(table).value(),
                           weighted / sum);
}

ParamResult<EmpiricalContinuous> EmpiricalContinuous::from_cdf(std::span<const double> values,
                                                               std::span<const double> cumulative) {
  if (values.size() != cumulative.size()) {
    return ParamError{"values and cumulative probabilities must have the same length"};
  }
  if (values.size() < 2) return ParamError{"at least two points are needed"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) return ParamError{"values must be finite"};
    if (!(cumulative[i] >= 0.0 && cumulative[i] <= 1.0)) {
      return ParamError{"cumulative probabilities must lie in [0, 1]"};
    }
    if (i > 0 && values[i] < values[i - 1]) return ParamError{"values must be non-decreasing"};
    if (i > 0 && cumulative[i] < cumulative[i - 1]) {
      return ParamError{"cumulative probabilities must be non-decreasing"};
    }
  }
  if (cumulative.front() != 0.0) return ParamError{"the first cumulative probability must be 0"};
  if (cumulative.back() != 1.0) return ParamError{"the last cumulative probability must be 1"};
  double mean = 0.0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    mean += (cumulative[i] - cumulative[i - 1]) * 0.5 * (values[i - 1] + values[i]);
  }
  return EmpiricalContinuous(std::vector<double>(values.begin(), values.end()),
                             std::vector<double>(cumulative.begin(), cumulative.end()), mean);
}

}  // namespace dccsim::sim
