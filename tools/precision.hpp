#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/measures.hpp"
#include "tools/result_tables.hpp"

// The stopping rule of --precision: which measures must be precise, how precise, and which one
// binds. Shares and utilisation (fractions 0..1) take `precision` as an absolute 95 % half-width;
// every other kind takes it relative to its mean, but never against less than a floor of its kind
// (time 1 s, queue 1 request, count 1, rate 0.01 per s, percent 1 point), so that a measure whose
// mean is near zero (SMKI's wait of 0.1 ms) does not hold the run hostage.
namespace dccsim::tools {

/// What --precision asks for.
struct PrecisionRule {
  double precision = 0;         ///< absolute half-width for shares and utilisation, relative otherwise
  std::vector<std::string> on;  ///< measures or patterns (tools/measures.hpp); empty: the default set
};

/// The default set: share within target per class, utilisation and mean wait per station, the
/// admitted share.
bool in_default_precision_set(const MeasureSpec& spec);

/// The half-width `precision` allows a measure of this kind and mean.
double allowed_half_width(MeasureKind kind, double mean, double precision);

/// Tallies the watched measures replication by replication and decides whether they are precise.
class PrecisionTracker {
 public:
  explicit PrecisionTracker(PrecisionRule rule) : rule_(std::move(rule)) {}
  /// Adds one replication's measures.
  void add(const ResultTables& tables);
  /// Whether every watched measure with at least 2 values has its half-width within the allowed one.
  bool reached() const;
  /// Patterns of --on that matched no measure of the first replication.
  const std::vector<std::string>& unmatched() const { return unmatched_; }
  /// One line: replications, the binding measure, its half-width against the allowed one, and why.
  std::string report() const;

 private:
  /// Index in tallies_ of the measure furthest from its allowed half-width; nullopt if none.
  std::optional<std::size_t> binding() const;
  double ratio(std::size_t i) const;
  bool watched(const MeasureSpec& spec) const;
  PrecisionRule rule_;
  MeasureTallies tallies_;
  std::vector<std::string> unmatched_;
  bool first_ = true;
};

}  // namespace dccsim::tools
