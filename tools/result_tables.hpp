#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/results.hpp"
#include "sim/statistics.hpp"

// Results as tables of keyed rows of numbers: one shape for a single run and for the mean and
// 95 % half-width over replications, so every output file and comparison is written one way.
namespace dccsim::tools {

/// Which way a figure is better, for comparison verdicts.
enum class Better : std::uint8_t { neutral, higher, lower };

/// A numeric column: its name, decimals in CSV (0: a whole count), and which way is better.
struct Column {
  std::string name;
  int decimals = 0;
  Better better = Better::neutral;
};

/// A text column computed from a row's numbers (e.g. an exception flag from forecast and actual).
struct DerivedColumn {
  std::string name;
  std::function<std::string(const std::vector<std::string>& keys, const std::vector<double>& values)> compute;
};

/// One output table: rows identified by their key cells, each with one number per column.
struct Table {
  std::string name;  ///< e.g. "stations"
  std::vector<std::string> key_names;
  std::vector<Column> columns;
  std::vector<DerivedColumn> derived;  ///< written after the numbers
  std::vector<std::vector<std::string>> keys;
  std::vector<std::vector<double>> values;
};

/// The tables of one run, plus the rows that vary in number (breaches) kept as text.
struct ResultTables {
  Table requests;
  Table variance_totals;
  Table variance;
  Table stations;
  Table performance;
  Table throttle;
  Table timeseries;
  std::vector<std::vector<std::string>> breaches;  ///< start, end, kind, where, peak_excess
  double events = 0;
  double peak_in_flight = 0;
  /// The tables in output order (requests and totals first).
  std::vector<const Table*> all() const {
    return {&requests, &variance_totals, &variance, &stations, &performance, &throttle, &timeseries};
  }
  std::vector<Table*> all() {
    return {&requests, &variance_totals, &variance, &stations, &performance, &throttle, &timeseries};
  }
};

/// Tabulates one run's results; `reporting` gives the thresholds of derived flags.
ResultTables tabulate(const models::ModelResults& r, const sim::CivilDate& epoch,
                      const models::ReportingConfig& reporting);

/// Running mean and variance of every cell of a set of tables, merged in replication order.
class TablesAccumulator {
 public:
  /// Adds one replication; its tables must have the shape of the first one added (same rows).
  void add(const ResultTables& replication, std::uint64_t replication_index);
  /// Replications added.
  std::uint64_t count() const { return count_; }
  /// The shape and keys of the tables (from the first replication).
  const ResultTables& shape() const { return shape_; }
  /// Tally of one cell.
  const sim::Tally& cell(std::size_t table, std::size_t row, std::size_t column) const {
    return cells_[table][row][column];
  }
  /// Breach rows of every replication, each prefixed with its replication number.
  const std::vector<std::vector<std::string>>& breaches() const { return breaches_; }
  /// Events summed over replications.
  double events() const { return events_.sum(); }

 private:
  ResultTables shape_;
  std::vector<std::vector<std::vector<sim::Tally>>> cells_;  // [table][row][column]
  std::vector<std::vector<std::string>> breaches_;
  sim::Tally events_;
  std::uint64_t count_ = 0;
};

/// Table `table_index` (in ResultTables::all() order) as CSV of the means over replications; with more
/// than one, the 95 % half-width of every column is appended as `<name>_hw`.
std::string table_csv(const TablesAccumulator& acc, std::size_t table_index);

}  // namespace dccsim::tools
