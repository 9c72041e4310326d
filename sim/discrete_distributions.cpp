#include "sim/discrete_distributions.hpp"

#include <array>
#include <cmath>
#include <cstddef>

namespace dccsim::sim {
namespace {

constexpr double kHalfLogTwoPi = 0.918938533204672741780329736406;

// fc(k) = log k! - [log sqrt(2 pi) + (k + 1/2) log(k + 1) - (k + 1)], the Stirling tail used by
// BTRD. Exact values below 10 (the series is not accurate enough there); the series above.
double stirling_tail(double k) {
  static constexpr std::array<double, 10> kExact = {
      0.081061466795327261,  0.041340695955409297, 0.027677925684998338, 0.020790672103765093,
      0.016644691189821193,  0.013876128823070748, 0.011896709945891770, 0.010411265261972096,
      0.0092554621827127329, 0.0083305634333628708};
  if (k < 10.0) return kExact[static_cast<std::size_t>(k)];
  const double r = 1.0 / (k + 1.0);
  const double r2 = r * r;
  return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0) * r2) * r2) * r;
}

// log P(K = k) for K ~ Poisson(mean). Written around delta = k + 1 - mean, which is exact whenever
// k + 1 is within a factor 2 of the mean (Sterbenz), so the O(delta) terms cancel without the
// O(mean * log(mean)) rounding of the textbook k*log(mean) - mean - lgamma(k + 1).
double log_poisson_pmf(double k, double mean) {
  const double delta = k + 1.0 - mean;
  return delta - k * std::log1p(delta / mean) - kHalfLogTwoPi - 0.5 * std::log(k + 1.0) - stirling_tail(k);
}

// Callers have checked 0 <= k < 2^53, so the conversion is exact.
std::uint64_t to_count(double k) { return static_cast<std::uint64_t>(k); }

}  // namespace

ParamResult<Bernoulli> Bernoulli::with_probability(double p) {
  if (!(p >= 0.0 && p <= 1.0)) return ParamError{"p must lie in [0, 1]"};
  return Bernoulli(p);
}

ParamResult<Poisson> Poisson::with_mean(double mean) {
  if (!(mean >= 0.0 && mean <= kMaxMean)) return ParamError{"mean must lie in [0, 1e12]"};
  return Poisson(mean);
}

Poisson::Poisson(double mean) : mean_(mean) {
  if (mean < kInversionLimit) {
    exp_neg_mean_ = std::exp(-mean);
    return;
  }
  b_ = 0.931 + 2.53 * std::sqrt(mean);
  a_ = -0.059 + 0.02483 * b_;
  log_alpha_ = std::log(1.1239 + 1.1328 / (b_ - 3.4));
  v_r_ = 0.9277 - 3.6224 / (b_ - 2.0);
}

std::uint64_t Poisson::sample_ptrs(RandomStream& stream) const {
  for (;;) {
    const double u = stream.uniform01() - 0.5;
    const double v = stream.uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a_ / us + b_) * u + mean_ + 0.43);
    if (us >= 0.07 && v <= v_r_) return to_count(k);
    // !(k >= 0) also rejects the -inf of us == 0.
    if (!(k >= 0.0) || (us < 0.013 && v > us)) continue;
    if (std::log(v) + log_alpha_ - std::log(a_ / (us * us) + b_) <= log_poisson_pmf(k, mean_)) {
      return to_count(k);
    }
  }
}

ParamResult<Binomial> Binomial::with_trials(std::uint64_t n, double p) {
  if (n > kMaxTrials) return ParamError{"n must be <= 1e12"};
  if (!(p >= 0.0 && p <= 1.0)) return ParamError{"p must lie in [0, 1]"};
  return Binomial(n, p);
}

Binomial::Binomial(std::uint64_t n, double p)
    : n_(n), p_(p), flipped_(p > 0.5), use_btrd_(false), odds_(0.0), ratio_numerator_(0.0) {
  const double q = flipped_ ? 1.0 - p : p;
  const auto trials = static_cast<double>(n);
  odds_ = q / (1.0 - q);
  ratio_numerator_ = (trials + 1.0) * odds_;
  use_btrd_ = trials * q >= kInversionLimit;
  if (!use_btrd_) {
    // log1p keeps (1 - q)^n accurate for n in the billions.
    q_pow_n_ = std::exp(trials * std::log1p(-q));
    return;
  }
  npq_ = trials * q * (1.0 - q);
  const double sqrt_npq = std::sqrt(npq_);
  b_ = 1.15 + 2.53 * sqrt_npq;
  a_ = -0.0873 + 0.0248 * b_ + 0.01 * q;
  c_ = trials * q + 0.5;
  alpha_ = (2.83 + 5.1 / b_) * sqrt_npq;
  v_r_ = 0.92 - 4.2 / b_;
  u_r_v_r_ = 0.86 * v_r_;
  mode_ = std::floor((trials + 1.0) * q);
  h_ = (mode_ + 0.5) * std::log((mode_ + 1.0) / (odds_ * (trials - mode_ + 1.0))) + stirling_tail(mode_) +
       stirling_tail(trials - mode_);
}

std::uint64_t Binomial::sample_btrd(RandomStream& stream) const {
  const auto trials = static_cast<double>(n_);
  for (;;) {
    double v = stream.uniform01();
    double u = 0.0;
    // Step 1: the central box, where the hat is the density; about 86% of draws stop here.
    if (v <= u_r_v_r_) {
      u = v / v_r_ - 0.43;
      return to_count(std::floor((2.0 * a_ / (0.5 - std::fabs(u)) + b_) * u + c_));
    }
    // Step 2: a fresh u outside the box, or u reflected from v's position inside it.
    if (v >= v_r_) {
      u = stream.uniform01() - 0.5;
    } else {
      u = v / v_r_ - 0.93;
      u = (u < 0.0 ? -0.5 : 0.5) - u;
      v = stream.uniform01() * v_r_;
    }
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a_ / us + b_) * u + c_);
    if (!(k >= 0.0 && k <= trials)) continue;
    v = v * alpha_ / (a_ / (us * us) + b_);
    const double distance = std::fabs(k - mode_);
    if (distance <= 15.0) {
      // Step 3.1: pmf(k) / pmf(mode) by the recurrence, cheaper than logs this close to the mode.
      const std::uint64_t count = to_count(k);
      const std::uint64_t mode = to_count(mode_);
      double f = 1.0;
      for (std::uint64_t i = mode + 1; i <= count; ++i) {
        f *= ratio_numerator_ / static_cast<double>(i) - odds_;
      }
      for (std::uint64_t i = count + 1; i <= mode; ++i) {
        v *= ratio_numerator_ / static_cast<double>(i) - odds_;
      }
      if (v <= f) return count;
      continue;
    }
    // Step 3.2: squeeze on log(pmf(k) / pmf(mode)) by its normal approximation.
    v = std::log(v);
    const double rho = (distance / npq_) * (((distance / 3.0 + 0.625) * distance + 1.0 / 6.0) / npq_ + 0.5);
    const double t = -distance * distance / (2.0 * npq_);
    if (v < t - rho) return to_count(k);
    if (v > t + rho) continue;
    // Step 3.3-3.4: the exact log ratio, Stirling tails included; log1p as n may be huge.
    const double nk = trials - k + 1.0;
    const double log_ratio = h_ + (trials + 1.0) * std::log1p((k - mode_) / nk) +
                             (k + 0.5) * std::log(nk * odds_ / (k + 1.0)) - stirling_tail(k) -
                             stirling_tail(trials - k);
    if (v <= log_ratio) return to_count(k);
  }
}

}  // namespace dccsim::sim
