#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "models/results.hpp"
#include "sim/assert.hpp"
#include "tools/table_schema.hpp"

// Results as tables of keyed rows of numbers: one shape for a single run and for the mean and
// 95 % half-width over replications, so every output file and comparison is written one way.
// Writers that go over every column use positions; everything else reads cells by name through
// TypedTable and the enums of tools/table_schema.hpp.
namespace dccsim::tools {

/// A numeric column as written: its name, decimals in CSV, which way is better.
struct Column {
  std::string name;
  int decimals = 0;
  Better better = Better::neutral;
};

/// A text column computed from a row's keys and numbers (e.g. an exception flag).
struct DerivedColumn {
  std::string_view name;  ///< e.g. "exception"
  /// The cell's text from the row's keys and numbers (means, with replications).
  std::function<std::string(std::span<const std::string> keys, std::span<const double> values)> compute;
};

/// One output table: rows identified by their key cells, each with one number per column.
struct Table {
  std::string_view name;  ///< e.g. "stations"
  std::vector<std::string_view> key_names;
  std::vector<Column> columns;
  std::vector<DerivedColumn> derived;  ///< written after the numbers, in the schema's order
  std::vector<std::vector<std::string>> keys;
  std::vector<std::vector<double>> values;
  /// Number of rows.
  std::size_t rows() const { return keys.size(); }
};

/// One row's keys and numbers read by name.
template <class Schema>
class RowView {
 public:
  RowView(std::span<const std::string> keys, std::span<const double> values) : keys_(keys), values_(values) {}
  /// The number in column `c`.
  double operator[](typename Schema::Column c) const { return values_[c]; }
  /// The key cell `k`.
  const std::string& key(typename Schema::Key k) const { return keys_[k]; }

 private:
  std::span<const std::string> keys_;
  std::span<const double> values_;
};

/// A Table laid out by `Schema` (one of the structs of tools/table_schema.hpp), read and filled by name.
template <class Schema>
struct TypedTable : Table {
  using Key = typename Schema::Key;            ///< the key columns' names
  using ColumnId = typename Schema::Column;    ///< the numeric columns' names
  using DerivedId = typename Schema::Derived;  ///< the derived columns' names
  /// A named cell for add_row.
  struct Cell {
    ColumnId column;
    double value;
  };

  /// An empty table with the schema's name, key names, columns and (uncomputed) derived columns.
  TypedTable() {
    name = Schema::name;
    for (const auto& k : Schema::keys) key_names.push_back(k.name);
    for (const auto& c : Schema::columns) columns.push_back({std::string(c.name), c.decimals, c.better});
    for (const auto& d : Schema::derived) derived.push_back({d.name, {}});
  }
  /// The number in `row`, column `c`.
  double value(std::size_t row, ColumnId c) const { return values[row][c]; }
  /// The key cell `k` of `row`.
  const std::string& key(std::size_t row, Key k) const { return keys[row][k]; }
  /// Sets how derived column `d` is computed from a row.
  void set_derived(DerivedId d, std::function<std::string(const RowView<Schema>&)> compute) {
    derived[d].compute = [compute = std::move(compute)](std::span<const std::string> k,
                                                        std::span<const double> v) {
      return compute(RowView<Schema>(k, v));
    };
  }
  /// Appends a row: every key, every named column exactly once (in any order), then the values of
  /// the columns added after the schema's (the time series' per-class and per-station columns).
  void add_row(std::vector<std::string> row_keys, std::initializer_list<Cell> cells,
               std::vector<double> extra = {}) {
    DCCSIM_ASSERT(row_keys.size() == Schema::key_count, "a key per key column");
    DCCSIM_ASSERT(cells.size() == Schema::column_count, "every named column once");
    DCCSIM_ASSERT(extra.size() + Schema::column_count == columns.size(), "a value per added column");
    std::vector<double> row(columns.size());
    std::array<bool, Schema::column_count> set{};
    for (const Cell& c : cells) {
      DCCSIM_ASSERT(!set[c.column], "a named column given twice");
      set[c.column] = true;
      row[c.column] = c.value;
    }
    for (std::size_t i = 0; i < extra.size(); ++i) row[Schema::column_count + i] = extra[i];
    keys.push_back(std::move(row_keys));
    values.push_back(std::move(row));
  }
};

/// A breach of one run, its times already as text.
struct BreachRow {
  std::string start;  ///< ISO 8601
  std::string end;    ///< ISO 8601
  std::string kind;   ///< breach_kind_name
  std::string where;
  double peak_excess = 0;  ///< in the limit's unit
};

/// The tables of one run, plus the rows that vary in number (breaches).
struct ResultTables {
  TypedTable<RequestsTable> requests;
  TypedTable<VarianceTotalsTable> variance_totals;
  TypedTable<VarianceTable> variance;
  TypedTable<StationsTable> stations;
  TypedTable<PerformanceTable> performance;
  TypedTable<ThrottleTable> throttle;
  TypedTable<TimeseriesTable> timeseries;
  /// Per variance row: whether a forecast line exists (a forecast of 0 is still a forecast).
  std::vector<bool> variance_has_forecast;
  std::vector<BreachRow> breaches;
  double events = 0;
  double peak_in_flight = 0;

  /// The tables in TableId order.
  std::array<const Table*, kTableCount> all() const {
    return {&requests, &variance_totals, &variance, &stations, &performance, &throttle, &timeseries};
  }
  /// Table `id`.
  const Table& table(TableId id) const { return *all()[static_cast<std::size_t>(id)]; }
  /// The table laid out by `Schema`.
  template <class Schema>
  const TypedTable<Schema>& get() const;
};

template <class Schema>
const TypedTable<Schema>& ResultTables::get() const {
  if constexpr (Schema::id == TableId::requests) {
    return requests;
  } else if constexpr (Schema::id == TableId::variance_totals) {
    return variance_totals;
  } else if constexpr (Schema::id == TableId::variance) {
    return variance;
  } else if constexpr (Schema::id == TableId::stations) {
    return stations;
  } else if constexpr (Schema::id == TableId::performance) {
    return performance;
  } else if constexpr (Schema::id == TableId::throttle) {
    return throttle;
  } else {
    return timeseries;
  }
}

/// Tabulates one run's results; `reporting` gives the thresholds of derived flags.
ResultTables tabulate(const models::ModelResults& r, const sim::CivilDate& epoch,
                      const models::ReportingConfig& reporting);

}  // namespace dccsim::tools
