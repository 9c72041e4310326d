#pragma once

#include <cstdint>
#include <vector>

#include "models/config.hpp"
#include "models/request.hpp"
#include "models/variance.hpp"
#include "sim/calendar.hpp"

namespace dccsim::models {

/// One counted line of the variance report: a User's month and service.
struct VarianceCell {
  std::uint32_t user;
  sim::YearMonth month;
  ServiceKey key;
  std::uint64_t forecast = 0;
  std::uint64_t actual = 0;  ///< SRs sent (every attempt) or CSRs
  bool has_forecast = false;
};

/// The variance report's cells, counted as requests are sent; addressed by index from requests.
class VarianceCells {
 public:
  /// Index of the cell of (user, month, key); a new one when `create`, else kNil if absent.
  std::uint32_t find(std::uint32_t user, sim::YearMonth month, const ServiceKey& key, bool create);
  VarianceCell& operator[](std::uint32_t i) { return cells_[i]; }
  /// One more request sent in cell `i` (kNil: not counted).
  void count(std::uint32_t i) {
    if (i != kNil) ++cells_[i].actual;
  }
  std::size_t size() const { return cells_.size(); }
  /// The report's lines, ordered by User, month, then service as first seen.
  std::vector<VarianceLine> lines(const ModelConfig& config) const;

 private:
  std::vector<VarianceCell> cells_;
};

}  // namespace dccsim::models
