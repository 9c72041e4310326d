#pragma once

// Counts and trials: Bernoulli, Poisson, binomial.
// Written out by hand rather than taken from <random>, whose algorithms are implementation-defined:
// the same stream gives the same draws with any standard library. Every draw is a sequence of
// explicit statements, never two draws in one expression, because the order in which function
// arguments are evaluated is unspecified.

#include <cstdint>

#include "sim/param_result.hpp"
#include "sim/random.hpp"

namespace dccsim::sim {

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
