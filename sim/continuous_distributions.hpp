#pragma once

// Real-valued distributions: exponential, constant, uniform, normal, lognormal, gamma, Erlang.
// Written out by hand rather than taken from <random>, whose algorithms are implementation-defined:
// the same stream gives the same draws with any standard library. Every draw is a sequence of
// explicit statements, never two draws in one expression, because the order in which function
// arguments are evaluated is unspecified.

#include <cmath>
#include <cstdint>

#include "sim/param_result.hpp"
#include "sim/random.hpp"
#include "sim/standard_normal.hpp"

namespace dccsim::sim {

/// Exponential with a given mean; draws by inversion, one uniform per draw.
class Exponential {
 public:
  /// Mean in the unit of the draws; must be finite and > 0.
  static ParamResult<Exponential> with_mean(double mean);
  /// Rate in events per unit of the draws; must be finite and > 0 with a finite mean 1/rate.
  static ParamResult<Exponential> with_rate(double rate);

  /// A draw in (0, about 36.7 * mean].
  double sample(RandomStream& stream) const { return -mean_ * std::log(stream.uniform01_open()); }
  /// The mean.
  double mean() const { return mean_; }
  /// The rate, 1 / mean.
  double rate() const { return 1.0 / mean_; }
  /// The variance, mean^2.
  double variance() const { return mean_ * mean_; }

 private:
  explicit Exponential(double mean) : mean_(mean) {}
  double mean_;
};

/// A constant: every draw is the same value and consumes no random numbers.
class Deterministic {
 public:
  /// The constant; must be finite.
  static ParamResult<Deterministic> with_value(double value);

  /// The constant; the stream is not advanced.
  double sample(RandomStream& /*stream*/) const { return value_; }
  /// The constant.
  double mean() const { return value_; }
  /// Zero.
  double variance() const { return 0.0; }

 private:
  explicit Deterministic(double value) : value_(value) {}
  double value_;
};

/// Continuous uniform on [low, high); one uniform per draw.
class Uniform {
 public:
  /// Bounds must be finite with low <= high and a finite width (low == high gives a constant).
  static ParamResult<Uniform> with_bounds(double low, double high);

  /// A draw in [low, high] (high only through rounding).
  double sample(RandomStream& stream) const { return low_ + width_ * stream.uniform01(); }
  /// (low + high) / 2.
  double mean() const { return low_ + 0.5 * width_; }
  /// width^2 / 12.
  double variance() const { return width_ * width_ / 12.0; }

 private:
  Uniform(double low, double width) : low_(low), width_(width) {}
  double low_;
  double width_;
};

/// Normal (Gaussian) with a mean and a standard deviation; one standard_normal per draw.
class Normal {
 public:
  /// Mean and standard deviation must be finite, sd >= 0 (0 gives a constant).
  static ParamResult<Normal> with_mean_sd(double mean, double sd);

  /// A draw.
  double sample(RandomStream& stream) const { return mean_ + sd_ * standard_normal(stream); }
  /// The mean.
  double mean() const { return mean_; }
  /// The standard deviation.
  double sd() const { return sd_; }
  /// sd^2.
  double variance() const { return sd_ * sd_; }

 private:
  Normal(double mean, double sd) : mean_(mean), sd_(sd) {}
  double mean_;
  double sd_;
};

/// Lognormal: exp(mu + sigma * Z) with Z standard normal; one standard_normal per draw.
class Lognormal {
 public:
  /// The 95th percentile of the standard normal, used by with_mean_p95.
  static constexpr double kZ95 = 1.6448536269514722;

  /// mu and sigma of the underlying normal; finite, sigma >= 0.
  static ParamResult<Lognormal> with_mu_sigma(double mu, double sigma);
  /// Median exp(mu) (finite, > 0) and log-scale dispersion sigma (finite, >= 0).
  static ParamResult<Lognormal> with_median_sigma(double median, double sigma);
  /// Mean and 95th percentile with mean <= p95 <= mean * exp(z95^2 / 2) (about 3.87 * mean); sigma <= z95.
  static ParamResult<Lognormal> with_mean_p95(double mean, double p95);

  /// A draw in [0, inf).
  double sample(RandomStream& stream) const { return std::exp(mu_ + sigma_ * standard_normal(stream)); }
  /// mu of the underlying normal.
  double mu() const { return mu_; }
  /// sigma of the underlying normal.
  double sigma() const { return sigma_; }
  /// exp(mu + sigma^2 / 2).
  double mean() const { return std::exp(mu_ + 0.5 * sigma_ * sigma_); }
  /// exp(mu).
  double median() const { return std::exp(mu_); }
  /// (exp(sigma^2) - 1) * mean^2.
  double variance() const { return std::expm1(sigma_ * sigma_) * std::exp(2.0 * mu_ + sigma_ * sigma_); }

 private:
  Lognormal(double mu, double sigma) : mu_(mu), sigma_(sigma) {}
  double mu_;
  double sigma_;
};

/// Gamma with shape k and scale theta, by Marsaglia-Tsang (2000), boosted for k < 1.
class Gamma {
 public:
  /// Shape and scale must be finite and > 0.
  static ParamResult<Gamma> with_shape_scale(double shape, double scale);

  /// A draw in [0, inf) (0 only by underflow when shape << 1); about 2 random draws per sample, 3 when shape
  /// < 1.
  double sample(RandomStream& stream) const;
  /// The shape k.
  double shape() const { return shape_; }
  /// The scale theta.
  double scale() const { return scale_; }
  /// k * theta.
  double mean() const { return shape_ * scale_; }
  /// k * theta^2.
  double variance() const { return shape_ * scale_ * scale_; }

 private:
  Gamma(double shape, double scale);
  double shape_;
  double scale_;
  double d_;          // shape (+1 when boosted) - 1/3
  double c_;          // 1 / sqrt(9 d)
  double inv_shape_;  // exponent of the k < 1 boost U^(1/k)
  bool boosted_;
};

/// Erlang: the sum of k exponentials, i.e. Gamma(k, mean / k).
class Erlang {
 public:
  /// Number of phases k >= 1 and the mean (finite, > 0) of the sum.
  static ParamResult<Erlang> with_shape_mean(std::uint32_t shape, double mean);

  /// A draw in (0, inf): the log of a product of k uniforms for small k, Gamma for large k.
  double sample(RandomStream& stream) const {
    if (shape_ > kMaxProductShape) return gamma_.sample(stream);
    double product = stream.uniform01_open();
    for (std::uint32_t i = 1; i < shape_; ++i) product *= stream.uniform01_open();
    return -phase_mean_ * std::log(product);
  }
  /// The number of phases k.
  std::uint32_t shape() const { return shape_; }
  /// The mean of the sum.
  double mean() const { return phase_mean_ * shape_; }
  /// k * (mean / k)^2.
  double variance() const { return phase_mean_ * phase_mean_ * shape_; }

 private:
  // Each open uniform is >= 2^-53, so a product of up to 16 stays far above the double underflow.
  static constexpr std::uint32_t kMaxProductShape = 16;
  Erlang(std::uint32_t shape, double phase_mean, Gamma gamma)
      : shape_(shape), phase_mean_(phase_mean), gamma_(gamma) {}
  std::uint32_t shape_;
  double phase_mean_;
  Gamma gamma_;
};
}  // namespace dccsim::sim
