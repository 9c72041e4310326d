#include "tools/comparison_statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>

namespace dccsim::tools {
namespace {

// Indices of the finite p-values, smallest p first (ties by position: deterministic).
std::vector<std::size_t> ascending(std::span<const double> p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::isfinite(p[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return p[x] < p[y]; });
  return order;
}

}  // namespace

double paired_t_p_value(const sim::Tally& d) {
  if (d.count() < 2) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(d.count());
  const double se = std::sqrt(d.variance() / n);
  if (!(se > 0)) return d.mean() == 0 ? 1.0 : 0.0;
  const double t = std::abs(d.mean()) / se;
  const boost::math::students_t distribution(n - 1);
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(distribution, t)));
}

std::vector<double> holm_adjusted(std::span<const double> p) {
  std::vector<double> out(p.size(), std::numeric_limits<double>::quiet_NaN());
  const std::vector<std::size_t> order = ascending(p);
  const double m = static_cast<double>(order.size());
  double running = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(k)) * p[order[k]]));
    out[order[k]] = running;
  }
  return out;
}

std::vector<double> benjamini_hochberg_adjusted(std::span<const double> p) {
  std::vector<double> out(p.size(), std::numeric_limits<double>::quiet_NaN());
  const std::vector<std::size_t> order = ascending(p);
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (std::size_t k = order.size(); k-- > 0;) {
    running = std::min(running, m / static_cast<double>(k + 1) * p[order[k]]);
    out[order[k]] = running;
  }
  return out;
}

}  // namespace dccsim::tools
