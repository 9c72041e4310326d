#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

// The layout of every result table, declared once: an enum names each key, number and derived
// column, and a spec in enum order gives its output name, decimals and direction. Code reads cells
// by these names (StationsTable::utilisation), so adding a column cannot shift another; the
// static_asserts below refuse a spec missing or out of order. Each schema struct holds: `id`, its
// TableId; `name`, its output name; the enums `Key`, `Column` and `Derived` (each ending in a
// count); and `keys`, `columns` and `derived`, their specs in enum order.
namespace dccsim::tools {

/// Which way a figure is better, for comparison verdicts. Counts of traffic carried, failed or
/// throttled are neutral (the side carrying more traffic would "lose"): tools/measures.cpp derives
/// their rates, which have a direction. Utilisation and throughput are neutral.
enum class Better : std::uint8_t { neutral, higher, lower };

/// A numeric column: output name, decimals in CSV (0: a whole count), which way is better.
template <class Id>
struct ColumnSpec {
  Id id;
  std::string_view name;
  int decimals = 0;
  Better better = Better::neutral;
};

/// A key column or a derived text column: its output name.
template <class Id>
struct NameSpec {
  Id id;
  std::string_view name;
};

/// The tables of a run, in output order.
enum class TableId : std::size_t {
  requests,
  variance_totals,
  variance,
  stations,
  performance,
  throttle,
  timeseries
};
/// Number of TableId values.
inline constexpr std::size_t kTableCount = 7;

/// Whether `specs[i].id == i` for every i: the spec lists every enumerator in order.
template <class Spec, std::size_t N>
constexpr bool in_enum_order(const std::array<Spec, N>& specs) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(specs[i].id) != i) return false;
  }
  return true;
}

/// One row: where every request ended up.
struct RequestsTable {
  static constexpr TableId id = TableId::requests;
  static constexpr std::string_view name = "requests";
  enum Key : std::size_t { key_count };
  enum Column : std::size_t {
    carried_in,
    generated,
    completed,
    completed_within_target,
    completed_late,
    rejected,
    rejected_throttled,
    rejected_queue_full,
    failed,
    failed_timeout,
    failed_outage,
    in_flight,
    column_count
  };
  enum Derived : std::size_t { conserved, derived_count };
  static constexpr std::array<NameSpec<Key>, key_count> keys{};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {carried_in, "carried_in"},
      {generated, "generated"},
      {completed, "completed"},
      {completed_within_target, "completed_within_target"},
      {completed_late, "completed_late"},
      {rejected, "rejected"},
      {rejected_throttled, "rejected_throttled"},
      {rejected_queue_full, "rejected_queue_full"},
      {failed, "failed"},
      {failed_timeout, "failed_timeout"},
      {failed_outage, "failed_outage"},
      {in_flight, "in_flight"},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{{{conserved, "conserved"}}};
};

/// SR and CSR totals against forecast.
struct VarianceTotalsTable {
  static constexpr TableId id = TableId::variance_totals;
  static constexpr std::string_view name = "variance_totals";
  enum Key : std::size_t { kind, key_count };  ///< "sr" or "csr"
  enum Column : std::size_t { forecast, actual, variance_pct, column_count };
  enum Derived : std::size_t { derived_count };
  static constexpr std::array<NameSpec<Key>, key_count> keys{{{kind, "kind"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {forecast, "forecast"},
      {actual, "actual"},
      {variance_pct, "variance_pct", 2},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{};
};

/// One row per User × month × service, as the DCC's variance report lists them.
struct VarianceTable {
  static constexpr TableId id = TableId::variance;
  static constexpr std::string_view name = "variance";
  enum Key : std::size_t { user, month, service, key_count };
  enum Column : std::size_t { forecast, actual, variance_pct, column_count };
  enum Derived : std::size_t { exception, derived_count };  ///< "yes" or "no"
  static constexpr std::array<NameSpec<Key>, key_count> keys{
      {{user, "user"}, {month, "month"}, {service, "service"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {forecast, "forecast"},
      {actual, "actual"},
      {variance_pct, "variance_pct", 2},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{{{exception, "exception"}}};
};

/// One row per station (dsp, smki, csp_<region>).
struct StationsTable {
  static constexpr TableId id = TableId::stations;
  static constexpr std::string_view name = "stations";
  enum Key : std::size_t { station, key_count };
  enum Column : std::size_t {
    servers,
    arrivals,
    completions,
    rejected,
    abandoned,
    throughput_per_s,
    utilisation,
    wait_mean_s,
    wait_p50_s,
    wait_p95_s,
    wait_p99_s,
    response_mean_s,
    response_p95_s,
    queue_mean,
    queue_max,
    column_count
  };
  enum Derived : std::size_t { derived_count };
  static constexpr std::array<NameSpec<Key>, key_count> keys{{{station, "station"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {servers, "servers"},
      {arrivals, "arrivals"},
      {completions, "completions"},
      {rejected, "rejected"},
      {abandoned, "abandoned"},
      {throughput_per_s, "throughput_per_s", 3},
      {utilisation, "utilisation", 6},
      {wait_mean_s, "wait_mean_s", 6, Better::lower},
      {wait_p50_s, "wait_p50_s", 6, Better::lower},
      {wait_p95_s, "wait_p95_s", 6, Better::lower},
      {wait_p99_s, "wait_p99_s", 6, Better::lower},
      {response_mean_s, "response_mean_s", 6, Better::lower},
      {response_p95_s, "response_p95_s", 6, Better::lower},
      {queue_mean, "queue_mean", 3, Better::lower},
      {queue_max, "queue_max", 0, Better::lower},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{};
};

/// One row per Code Performance Measure class and month.
struct PerformanceTable {
  static constexpr TableId id = TableId::performance;
  static constexpr std::string_view name = "performance";
  enum Key : std::size_t { measure, month, key_count };
  enum Column : std::size_t {
    responses,
    within_target,
    share_within_target,
    target,
    minimum,
    response_p50_s,
    response_p95_s,
    response_p99_s,
    column_count
  };
  enum Derived : std::size_t { status, derived_count };  ///< the words of measure_status_name
  static constexpr std::array<NameSpec<Key>, key_count> keys{{{measure, "measure"}, {month, "month"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {responses, "responses"},
      {within_target, "within_target"},
      {share_within_target, "share_within_target", 6, Better::higher},
      {target, "target", 4},
      {minimum, "minimum", 4},
      {response_p50_s, "response_p50_s", 3, Better::lower},
      {response_p95_s, "response_p95_s", 3, Better::lower},
      {response_p99_s, "response_p99_s", 3, Better::lower},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{{{status, "status"}}};
};

/// One row per User: Traffic Management at DSP ingress.
struct ThrottleTable {
  static constexpr TableId id = TableId::throttle;
  static constexpr std::string_view name = "throttle";
  enum Key : std::size_t { user, key_count };
  enum Column : std::size_t {
    offered,
    admitted,
    rejected,
    delayed,
    retried,
    given_up,
    allocation_mean_per_s,
    allocation_min_per_s,
    allocation_max_per_s,
    column_count
  };
  enum Derived : std::size_t { derived_count };
  static constexpr std::array<NameSpec<Key>, key_count> keys{{{user, "user"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {offered, "offered"},
      {admitted, "admitted"},
      {rejected, "rejected"},
      {delayed, "delayed"},
      {retried, "retried"},
      {given_up, "given_up"},
      {allocation_mean_per_s, "allocation_mean_per_s", 3},
      {allocation_min_per_s, "allocation_min_per_s", 3},
      {allocation_max_per_s, "allocation_max_per_s", 3},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{};
};

/// One row per series interval. The named columns come first; then, built from the run, the share
/// within target of each measure class and the queue and utilisation of each station.
struct TimeseriesTable {
  static constexpr TableId id = TableId::timeseries;
  static constexpr std::string_view name = "timeseries";
  enum Key : std::size_t { interval_start, key_count };
  enum Column : std::size_t {
    offered_per_s,
    capacity_per_s,
    throughput_per_s,
    throttling_active,
    column_count
  };
  enum Derived : std::size_t { derived_count };
  static constexpr std::array<NameSpec<Key>, key_count> keys{{{interval_start, "interval_start"}}};
  static constexpr std::array<ColumnSpec<Column>, column_count> columns{{
      {offered_per_s, "offered_per_s", 3},
      {capacity_per_s, "capacity_per_s", 3},
      {throughput_per_s, "throughput_per_s", 3},
      {throttling_active, "throttling_active", 3},
  }};
  static constexpr std::array<NameSpec<Derived>, derived_count> derived{};
};

/// Every table's specs list its enumerators in order.
template <class Schema>
constexpr bool schema_in_order() {
  return in_enum_order(Schema::keys) && in_enum_order(Schema::columns) && in_enum_order(Schema::derived);
}
static_assert(schema_in_order<RequestsTable>() && schema_in_order<VarianceTotalsTable>() &&
              schema_in_order<VarianceTable>() && schema_in_order<StationsTable>() &&
              schema_in_order<PerformanceTable>() && schema_in_order<ThrottleTable>() &&
              schema_in_order<TimeseriesTable>());
static_assert(static_cast<std::size_t>(TimeseriesTable::id) + 1 == kTableCount);

}  // namespace dccsim::tools
