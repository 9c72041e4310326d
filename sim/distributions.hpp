#pragma once

// Distributions written out by hand rather than taken from <random>, whose algorithms are
// implementation-defined: the same stream gives the same draws with any standard library. Every
// draw is a sequence of explicit statements, never two draws in one expression, because the order
// in which function arguments are evaluated is unspecified.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/random.hpp"

namespace dccsim::sim {

/// Why a factory rejected its parameters: a one-line message naming the parameter (static storage).
struct ParamError {
  std::string_view message;
};

/// A distribution built from validated parameters, or the ParamError saying why it was not built.
template <class T>
class [[nodiscard]] ParamResult {
 public:
  /// A valid distribution.
  ParamResult(T value) : value_(std::move(value)) {}
  /// A rejection.
  ParamResult(ParamError error) : error_(error) {}

  /// True when the parameters were valid.
  bool ok() const { return value_.has_value(); }
  /// Same as ok().
  explicit operator bool() const { return ok(); }
  /// The distribution; throws std::bad_optional_access when !ok() (a programming error).
  const T& value() const& { return value_.value(); }
  /// The distribution, moved out (by value, so it cannot dangle); throws std::bad_optional_access when !ok().
  T value() && { return std::move(value_).value(); }
  /// The distribution; precondition ok().
  const T& operator*() const& { return *value_; }
  /// Member access to the distribution; precondition ok().
  const T* operator->() const { return &*value_; }
  /// Why the parameters were rejected; empty when ok().
  std::string_view error() const { return error_.message; }

 private:
  std::optional<T> value_;
  ParamError error_{};
};

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

/// Walker's alias table (Vose's construction): index i with probability weight[i] / sum, O(1) per draw.
class AliasTable {
 public:
  /// Weights must be non-empty, finite, >= 0, with a finite positive sum; O(n) construction.
  static ParamResult<AliasTable> from_weights(std::span<const double> weights);

  /// An index in [0, size()), never one of weight 0; one 64-bit draw, probabilities exact to size() / 2^64.
  std::size_t sample(RandomStream& stream) const {
    // The column is the high word of a 64x64-bit product and the low word is the coin: one draw, no
    // division, and each column is hit by floor or ceil of 2^64 / n of the 2^64 possible draws.
    const auto product = pcg_extras::pcg128_t{stream.next_u64()} * entries_.size();
    const auto column = static_cast<std::size_t>(product >> 64);
    const Entry& entry = entries_[column];
    return static_cast<std::uint64_t>(product) < entry.threshold ? column : entry.alias;
  }
  /// The number of indices n.
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t threshold;  // keep the column when the low word is below this, else take alias
    std::uint64_t alias;
  };
  explicit AliasTable(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  std::vector<Entry> entries_;
};

/// Discrete empirical distribution: values drawn with probability proportional to their weights.
class EmpiricalDiscrete {
 public:
  /// Equal-length values (finite) and weights (as AliasTable::from_weights).
  static ParamResult<EmpiricalDiscrete> from_weights(std::span<const double> values,
                                                     std::span<const double> weights);

  /// One of the values; O(1), one 64-bit draw.
  double sample(RandomStream& stream) const { return values_[table_.sample(stream)]; }
  /// The weighted mean of the values.
  double mean() const { return mean_; }

 private:
  EmpiricalDiscrete(std::vector<double> values, AliasTable table, double mean)
      : values_(std::move(values)), table_(std::move(table)), mean_(mean) {}
  std::vector<double> values_;
  AliasTable table_;
  double mean_;
};

/// Continuous empirical distribution: a piecewise-linear CDF through (value, cumulative probability) points.
class EmpiricalContinuous {
 public:
  /// >= 2 points; values finite, non-decreasing (a repeat is an atom); cumulative rising from 0 to 1 exactly.
  static ParamResult<EmpiricalContinuous> from_cdf(std::span<const double> values,
                                                   std::span<const double> cumulative);

  /// A draw in [values.front(), values.back()]; O(log n), one uniform.
  double sample(RandomStream& stream) const {
    const double u = stream.uniform01();
    // cumulative_.front() == 0 <= u < 1 == cumulative_.back(), so 1 <= i < size and the segment
    // [i-1, i] has positive probability.
    const auto i = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                            cumulative_.begin());
    const double fraction = (u - cumulative_[i - 1]) / (cumulative_[i] - cumulative_[i - 1]);
    return values_[i - 1] + fraction * (values_[i] - values_[i - 1]);
  }
  /// The mean of the piecewise-linear distribution.
  double mean() const { return mean_; }

 private:
  EmpiricalContinuous(std::vector<double> values, std::vector<double> cumulative, double mean)
      : values_(std::move(values)), cumulative_(std::move(cumulative)), mean_(mean) {}
  std::vector<double> values_;
  std::vector<double> cumulative_;
  double mean_;
};

/// Bernoulli trial: true with probability p; one uniform per draw.
class Bernoulli {
 public:
  /// p must lie in [0, 1].
  static ParamResult<Bernoulli> with_probability(double p);

  /// True with probability p (never for p = 0, always for p = 1).
  bool sample(RandomStream& stream) const { return stream.uniform01() < p_; }
  /// p.
  double mean() const { return p_; }

 private:
  explicit Bernoulli(double p) : p_(p) {}
  double p_;
};

/// Poisson counts, exact up to double rounding: inversion for mean < 10, Hoermann's PTRS (1993) above.
class Poisson {
 public:
  /// The largest accepted mean: beyond it doubles no longer resolve counts finely enough.
  static constexpr double kMaxMean = 1e12;

  /// Mean must be finite, >= 0 and <= kMaxMean (0 always draws 0).
  static ParamResult<Poisson> with_mean(double mean);

  /// A count.
  std::uint64_t sample(RandomStream& stream) const {
    return mean_ < kInversionLimit ? sample_inversion(stream) : sample_ptrs(stream);
  }
  /// The mean (also the variance).
  double mean() const { return mean_; }

 private:
  static constexpr double kInversionLimit = 10.0;
  explicit Poisson(double mean);

  std::uint64_t sample_inversion(RandomStream& stream) const {
    const double u = stream.uniform01();
    double pmf = exp_neg_mean_;
    double cdf = pmf;
    std::uint64_t k = 0;
    while (u > cdf) {
      ++k;
      pmf *= mean_ / static_cast<double>(k);
      const double next = cdf + pmf;
      // The remaining terms no longer move the sum: u sits in the rounding gap below 1.
      if (next == cdf) break;
      cdf = next;
    }
    return k;
  }
  std::uint64_t sample_ptrs(RandomStream& stream) const;

  double mean_;
  double exp_neg_mean_ = 0.0;  // inversion; PTRS below
  double a_ = 0.0;
  double b_ = 0.0;
  double log_alpha_ = 0.0;
  double v_r_ = 0.0;
};

/// Binomial(n, p) counts: inversion when n * min(p, 1 - p) < 10, Hoermann's BTRD (1993) above.
class Binomial {
 public:
  /// The largest accepted n: beyond it doubles no longer resolve counts finely enough.
  static constexpr std::uint64_t kMaxTrials = 1'000'000'000'000;

  /// n <= kMaxTrials and p in [0, 1].
  static ParamResult<Binomial> with_trials(std::uint64_t n, double p);

  /// A count in [0, n].
  std::uint64_t sample(RandomStream& stream) const {
    const std::uint64_t k = use_btrd_ ? sample_btrd(stream) : sample_inversion(stream);
    return flipped_ ? n_ - k : k;
  }
  /// The number of trials n.
  std::uint64_t trials() const { return n_; }
  /// The success probability p.
  double probability() const { return p_; }
  /// n * p.
  double mean() const { return static_cast<double>(n_) * p_; }
  /// n * p * (1 - p).
  double variance() const { return static_cast<double>(n_) * p_ * (1.0 - p_); }

 private:
  static constexpr double kInversionLimit = 10.0;
  Binomial(std::uint64_t n, double p);

  // Draws with the probability q = min(p, 1 - p) <= 1/2.
  std::uint64_t sample_inversion(RandomStream& stream) const {
    const double u = stream.uniform01();
    double pmf = q_pow_n_;
    double cdf = pmf;
    std::uint64_t k = 0;
    while (u > cdf && k < n_) {
      ++k;
      pmf *= ratio_numerator_ / static_cast<double>(k) - odds_;
      const double next = cdf + pmf;
      if (next == cdf) break;  // as in Poisson: u sits in the rounding gap below 1
      cdf = next;
    }
    return k;
  }
  std::uint64_t sample_btrd(RandomStream& stream) const;

  std::uint64_t n_;
  double p_;
  bool flipped_;  // drawing n - Binomial(n, 1 - p)
  bool use_btrd_;
  double odds_;             // q / (1 - q), q the drawn probability
  double ratio_numerator_;  // (n + 1) * odds: pmf(k) / pmf(k-1) = ratio_numerator / k - odds
  double q_pow_n_ = 0.0;    // inversion: (1 - q)^n
  double mode_ = 0.0;       // BTRD below
  double npq_ = 0.0;
  double a_ = 0.0;
  double b_ = 0.0;
  double c_ = 0.0;
  double alpha_ = 0.0;
  double v_r_ = 0.0;
  double u_r_v_r_ = 0.0;
  double h_ = 0.0;
};

}  // namespace dccsim::sim
