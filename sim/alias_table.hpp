#pragma once

// Walker's alias table: an index drawn by weight in O(1).
// Written out by hand rather than taken from <random>, whose algorithms are implementation-defined:
// the same stream gives the same draws with any standard library. Every draw is a sequence of
// explicit statements, never two draws in one expression, because the order in which function
// arguments are evaluated is unspecified.

#include <pcg_random.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/param_result.hpp"
#include "sim/random.hpp"

namespace dccsim::sim {

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

}  // namespace dccsim::sim
