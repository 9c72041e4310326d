#include "sim/standard_normal.hpp"

namespace dccsim::sim::detail {

double standard_normal_slow(RandomStream& stream, std::size_t layer, double x) {
  if (layer == 0) {
    // The base strip is the rectangle up to R plus the tail's area folded in beyond it: a candidate
    // past R is replaced by a tail draw (Marsaglia 1964, two exponentials), keeping its sign.
    const double r = kNormalZigguratX[1];
    double t = 0.0;
    double y = 0.0;
    do {
      t = -std::log(stream.uniform01_open()) / r;
      y = -std::log(stream.uniform01_open());
    } while (y + y < t * t);
    return std::copysign(r + t, x);
  }
  // A wedge between the layer's inner and outer edges: keep x when a uniform height within the
  // layer falls under the curve, else start over with a fresh candidate (the rejection is rare, so
  // the recursion is shallow, and compilers turn it into a jump).
  const double f_outer = kNormalZigguratF[layer];
  const double f_inner = kNormalZigguratF[layer + 1];
  const double height = f_outer + (f_inner - f_outer) * stream.uniform01();
  if (height < std::exp(-0.5 * x * x)) return x;
  return standard_normal(stream);
}

}  // namespace dccsim::sim::detail
