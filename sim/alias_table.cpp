#include "sim/alias_table.hpp"

#include <cmath>
#include <limits>

namespace dccsim::sim {

using detail::finite_positive;

ParamResult<AliasTable> AliasTable::from_weights(std::span<const double> weights) {
  if (weights.empty()) return ParamError{"weights must not be empty"};
  double sum = 0.0;
  for (const double w : weights) {
    if (!std::isfinite(w) || w < 0.0) return ParamError{"weights must be finite and >= 0"};
    sum += w;
  }
  if (!finite_positive(sum)) return ParamError{"weights must have a finite sum > 0"};

  // Vose: columns below the average probability ("small") are topped up from one above it.
  const std::size_t n = weights.size();
  const auto count = static_cast<double>(n);
  std::vector<double> scaled(n);
  std::vector<std::size_t> small;
  std::vector<std::size_t> large;
  small.reserve(n);
  large.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] / sum * count;
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  std::vector<Entry> entries(n);
  // A column kept with probability one aliases itself, so a low word of 2^64 - 1 (which fails
  // the threshold test) still lands on it.
  for (std::size_t i = 0; i < n; ++i) entries[i] = Entry{std::numeric_limits<std::uint64_t>::max(), i};
  while (!small.empty() && !large.empty()) {
    const std::size_t lo = small.back();
    small.pop_back();
    const std::size_t hi = large.back();
    large.pop_back();
    entries[lo] = Entry{static_cast<std::uint64_t>(scaled[lo] * 0x1.0p64), hi};
    // Vose's order of operations: it loses less to rounding than scaled[hi] - (1 - scaled[lo]).
    scaled[hi] = (scaled[hi] + scaled[lo]) - 1.0;
    (scaled[hi] < 1.0 ? small : large).push_back(hi);
  }
  // Whatever is left over is 1 up to rounding and keeps the self-alias set above.
  return AliasTable(std::move(entries));
}

}  // namespace dccsim::sim
