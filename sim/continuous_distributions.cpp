#include "sim/continuous_distributions.hpp"

namespace dccsim::sim {

using detail::finite_positive;

ParamResult<Exponential> Exponential::with_mean(double mean) {
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  return Exponential(mean);
}

ParamResult<Exponential> Exponential::with_rate(double rate) {
  if (!finite_positive(rate)) return ParamError{"rate must be finite and > 0"};
  const double mean = 1.0 / rate;
  if (!std::isfinite(mean)) return ParamError{"rate is too small: 1/rate overflows"};
  return Exponential(mean);
}

ParamResult<Deterministic> Deterministic::with_value(double value) {
  if (!std::isfinite(value)) return ParamError{"value must be finite"};
  return Deterministic(value);
}

ParamResult<Uniform> Uniform::with_bounds(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return ParamError{"bounds must be finite"};
  if (!(low <= high)) return ParamError{"low must be <= high"};
  const double width = high - low;
  if (!std::isfinite(width)) return ParamError{"high - low overflows"};
  return Uniform(low, width);
}

ParamResult<Normal> Normal::with_mean_sd(double mean, double sd) {
  if (!std::isfinite(mean)) return ParamError{"mean must be finite"};
  if (!std::isfinite(sd) || sd < 0.0) return ParamError{"sd must be finite and >= 0"};
  return Normal(mean, sd);
}

ParamResult<Lognormal> Lognormal::with_mu_sigma(double mu, double sigma) {
  if (!std::isfinite(mu)) return ParamError{"mu must be finite"};
  if (!std::isfinite(sigma) || sigma < 0.0) return ParamError{"sigma must be finite and >= 0"};
  return Lognormal(mu, sigma);
}

ParamResult<Lognormal> Lognormal::with_median_sigma(double median, double sigma) {
  if (!finite_positive(median)) return ParamError{"median must be finite and > 0"};
  return with_mu_sigma(std::log(median), sigma);
}

ParamResult<Lognormal> Lognormal::with_mean_p95(double mean, double p95) {
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  if (!finite_positive(p95)) return ParamError{"p95 must be finite and > 0"};
  // ln p95 = mu + z sigma and ln mean = mu + sigma^2/2 give sigma^2/2 - z sigma + L = 0 with
  // L = ln(p95/mean). For 0 <= L <= z^2/2 the smaller root z - sqrt(z^2 - 2L) lies in [0, z]. For
  // L < 0 the only positive root exceeds 2z (median below mean * e^-5.4): taken as a mistake.
  const double log_ratio = std::log(p95) - std::log(mean);
  if (log_ratio < 0.0) return ParamError{"p95 must be >= mean"};
  const double discriminant = kZ95 * kZ95 - 2.0 * log_ratio;
  if (discriminant < 0.0) return ParamError{"p95 must be <= mean * exp(z95^2 / 2), about 3.87 * mean"};
  // The smaller root rationalised, which avoids cancellation when L is small.
  const double sigma = 2.0 * log_ratio / (kZ95 + std::sqrt(discriminant));
  return Lognormal(std::log(mean) - 0.5 * sigma * sigma, sigma);
}

ParamResult<Gamma> Gamma::with_shape_scale(double shape, double scale) {
  if (!finite_positive(shape)) return ParamError{"shape must be finite and > 0"};
  if (!finite_positive(scale)) return ParamError{"scale must be finite and > 0"};
  return Gamma(shape, scale);
}

Gamma::Gamma(double shape, double scale)
    : shape_(shape),
      scale_(scale),
      d_((shape < 1.0 ? shape + 1.0 : shape) - 1.0 / 3.0),
      c_(1.0 / std::sqrt(9.0 * d_)),
      inv_shape_(1.0 / shape),
      boosted_(shape < 1.0) {}

double Gamma::sample(RandomStream& stream) const {
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(stream);
      v = 1.0 + c_ * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = stream.uniform01_open();
    const double x2 = x * x;
    // The squeeze settles most candidates without a log.
    if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d_ * (1.0 - v + std::log(v))) {
      double draw = d_ * v;
      // Marsaglia-Tsang needs k >= 1: Gamma(k) = Gamma(k + 1) * U^(1/k) covers k < 1.
      if (boosted_) draw *= std::exp(std::log(stream.uniform01_open()) * inv_shape_);
      return draw * scale_;
    }
  }
}

ParamResult<Erlang> Erlang::with_shape_mean(std::uint32_t shape, double mean) {
  if (shape < 1) return ParamError{"shape must be >= 1"};
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  const double phase_mean = mean / shape;
  auto gamma = Gamma::with_shape_scale(shape, phase_mean);
  if (!gamma) return ParamError{"mean / shape underflows"};
  return Erlang(shape, phase_mean, *gamma);
}

}  // namespace dccsim::sim
