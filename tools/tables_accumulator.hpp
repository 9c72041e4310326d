#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/output_analysis.hpp"
#include "sim/statistics.hpp"
#include "tools/result_tables.hpp"

namespace dccsim::tools {

/// A breach row with the replication it happened in.
struct ReplicatedBreach {
  std::uint64_t replication = 0;
  BreachRow breach;
};

template <class Schema>
class AccumulatedTable;

/// Running mean and variance of every cell of a set of tables, merged in replication order.
class TablesAccumulator {
 public:
  /// Adds one replication; its tables must have the shape of the first one added (same rows).
  void add(const ResultTables& replication, std::uint64_t replication_index);
  /// Replications added.
  std::uint64_t count() const { return count_; }
  /// The shape and keys of the tables (from the first replication).
  const ResultTables& shape() const { return shape_; }
  /// Tally of one cell by position, for writers that go over every column of a table.
  const sim::Tally& cell(TableId table, std::size_t row, std::size_t column) const {
    return cells_[static_cast<std::size_t>(table)][row][column];
  }
  /// Mean of every column of one row; NaN where no replication defined the figure.
  std::vector<double> means(TableId table, std::size_t row) const;
  /// The derived column `derived` of one row, computed from its means.
  std::string derived(TableId table, std::size_t row, std::size_t derived) const;
  /// The table laid out by `Schema`, read by name.
  template <class Schema>
  AccumulatedTable<Schema> table() const {
    return AccumulatedTable<Schema>(*this);
  }
  /// Breach rows of every replication, in replication order.
  const std::vector<ReplicatedBreach>& breaches() const { return breaches_; }
  /// Events summed over replications.
  double events() const { return events_.sum(); }

 private:
  ResultTables shape_;
  std::array<std::vector<std::vector<sim::Tally>>, kTableCount> cells_;  // [table][row][column]
  std::vector<ReplicatedBreach> breaches_;
  sim::Tally events_;
  std::uint64_t count_ = 0;
};

/// Mean of a tally; NaN when it holds no observation.
inline double mean_or_nan(const sim::Tally& t) {
  return t.count() ? t.mean() : std::numeric_limits<double>::quiet_NaN();
}
/// 95 % Student-t half-width of the mean of a tally (infinite with fewer than 2 observations).
inline double half_width95(const sim::Tally& t) { return sim::t_interval(t, 0.95).half_width; }

/// One accumulated table read by name: keys of the first replication, tallies of every cell.
template <class Schema>
class AccumulatedTable {
 public:
  explicit AccumulatedTable(const TablesAccumulator& acc) : acc_(acc), shape_(acc.shape().get<Schema>()) {}
  /// Number of rows.
  std::size_t rows() const { return shape_.rows(); }
  /// The key cell `k` of `row`.
  const std::string& key(std::size_t row, typename Schema::Key k) const { return shape_.key(row, k); }
  /// Tally of column `c` of `row` over the replications.
  const sim::Tally& cell(std::size_t row, typename Schema::Column c) const {
    return acc_.cell(Schema::id, row, c);
  }
  /// Mean of column `c` of `row`; NaN when undefined in every replication.
  double mean(std::size_t row, typename Schema::Column c) const { return mean_or_nan(cell(row, c)); }
  /// Derived column `d` of `row`, computed from the row's means.
  std::string derived(std::size_t row, typename Schema::Derived d) const {
    return acc_.derived(Schema::id, row, d);
  }

 private:
  const TablesAccumulator& acc_;
  const TypedTable<Schema>& shape_;
};

}  // namespace dccsim::tools
