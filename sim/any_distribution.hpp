#pragma once

#include <utility>
#include <variant>

#include "sim/continuous_distributions.hpp"
#include "sim/empirical_distributions.hpp"
#include "sim/random.hpp"

namespace dccsim::sim {

/// A non-negative continuous distribution of any supported kind, chosen at run time (from a
/// scenario) and sampled without virtual calls (a variant visit).
class AnyDistribution {
 public:
  using Variant =
      std::variant<Deterministic, Exponential, Uniform, Lognormal, Gamma, Erlang, EmpiricalContinuous>;

  /// Zero, the default.
  AnyDistribution() : value_(Deterministic::with_value(0.0).value()) {}
  /// Wraps one distribution.
  template <class D>
  AnyDistribution(D d) : value_(std::move(d)) {}  // NOLINT(google-explicit-constructor)

  /// One draw.
  double sample(RandomStream& stream) const {
    return std::visit([&stream](const auto& d) { return static_cast<double>(d.sample(stream)); }, value_);
  }
  /// The mean.
  double mean() const {
    return std::visit([](const auto& d) { return d.mean(); }, value_);
  }
  /// Whether the distribution is a constant (draws consume no random numbers).
  bool is_constant() const { return std::holds_alternative<Deterministic>(value_); }
  /// The wrapped distribution.
  const Variant& get() const { return value_; }

 private:
  Variant value_;
};

}  // namespace dccsim::sim
