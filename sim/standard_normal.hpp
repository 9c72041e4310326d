#pragma once

// The standard normal draw every normal-based distribution builds on, by hand rather than from
// <random> so that a stream gives the same draws with any standard library.

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "sim/random.hpp"

namespace dccsim::sim {

// The tables are defined in sim/ziggurat_tables.cpp.
namespace detail {

/// Layers of the normal ziggurat (a power of two: the layer index is the low bits of one draw).
inline constexpr std::size_t kNormalLayers = 256;
/// Right edges x[i] of the ziggurat under exp(-x^2 / 2): x[0] = V / f(R) (the base strip with its tail
/// folded in), x[1] = R = 3.654..., decreasing to x[256] = 0; every layer has area V.
extern const double kNormalZigguratX[kNormalLayers + 1];
/// f(x[i]) = exp(-x[i]^2 / 2) for each edge of kNormalZigguratX (so f[256] = 1).
extern const double kNormalZigguratF[kNormalLayers + 1];
/// Finishes a standard normal draw whose first candidate `x` from `layer` missed the inner rectangle.
double standard_normal_slow(RandomStream& stream, std::size_t layer, double x);

}  // namespace detail

/// A standard normal draw by the ziggurat (Marsaglia-Tsang 2000 with Doornik's 2005 fix); no hidden
/// state. One 64-bit draw 98.5% of the time, more (a variable number) on the wedges and the tail.
inline double standard_normal(RandomStream& stream) {
  const std::uint64_t bits = stream.next_u64();
  // Doornik's fix: the layer takes the low 8 bits and the abscissa the top 53, disjoint bits, so the
  // two are independent (the 2000 paper took both from one 32-bit word).
  const auto layer = static_cast<std::size_t>(bits & (detail::kNormalLayers - 1));
  // A uniform on (-1, 1) from the top 53 bits taken as a signed integer, on the grid (k + 1/2) * 2^-52:
  // exact in a double and symmetric about 0, so the sign of the draw is a fair coin.
  const double u = (static_cast<double>(static_cast<std::int64_t>(bits) >> 11) + 0.5) * 0x1.0p-52;
  const double x = u * detail::kNormalZigguratX[layer];
  if (std::fabs(x) < detail::kNormalZigguratX[layer + 1]) [[likely]]
    return x;
  return detail::standard_normal_slow(stream, layer, x);
}

}  // namespace dccsim::sim
