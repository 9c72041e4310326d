#include "sim/distributions.hpp"

#include <array>
#include <limits>

namespace dccsim::sim {
namespace {

bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }

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
