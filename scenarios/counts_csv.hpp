#pragma once

// Monthly counts per User and service from spreadsheets: forecasts and recorded actuals.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/config.hpp"
#include "scenarios/csv.hpp"
#include "scenarios/diagnostic.hpp"
#include "sim/calendar.hpp"

namespace dccsim::scenarios {

/// One row of a counts CSV (header `user,month,service,count`).
struct CountRow {
  std::string user;
  sim::YearMonth month;
  models::ServiceKey service;
  std::uint64_t count = 0;
  std::size_t line =
      0;  ///< 1-based line in the CSV, for later diagnostics (unknown User, month outside the horizon)
};

/// The service column: "CSR" (any case), a family number ("4", must have SR types in `catalogue`)
/// or an SR id ("4.1.1", must be in `catalogue`); nullopt with `error` set otherwise.
std::optional<models::ServiceKey> parse_service(std::string_view text, const models::Catalogue& catalogue,
                                                std::string& error);

/// The user, month and service of a keyed CSV row (its first three fields).
struct RowKey {
  std::string user;
  sim::YearMonth month;
  models::ServiceKey service;
};

/// Reads the first three fields of a row at `line` of `file`: a non-empty user, a month "YYYY-MM"
/// and a service of `catalogue`; each bad one is a diagnostic in `out` (column user, month, service).
std::optional<RowKey> parse_row_key(std::span<const std::string> fields, const models::Catalogue& catalogue,
                                    const std::string& file, std::size_t line, std::vector<Diagnostic>& out);

/// Reads one count cell; nullopt with `error` set when it is not a valid count.
using CountParser = std::optional<std::uint64_t> (*)(std::string_view text, std::string& error);

/// Reads a CSV whose rows are keyed by `user,month,service` (its first three columns) with a count
/// in column `count_column` of `header`, read by `parse`; bad rows and duplicate keys are
/// diagnostics in `out` and are left out.
std::vector<CountRow> read_keyed_counts(const std::filesystem::path& path, const models::Catalogue& catalogue,
                                        std::span<const std::string_view> header, std::size_t count_column,
                                        CountParser parse, std::vector<Diagnostic>& out);

/// Reads a counts CSV; every bad row (month, service, count, duplicate user-month-service) is a
/// diagnostic in `out` and is left out. Users are not checked here: the caller knows them.
std::vector<CountRow> read_counts_csv(const std::filesystem::path& path, const models::Catalogue& catalogue,
                                      std::vector<Diagnostic>& out);

/// Reads a `variance_forecast.csv` written by `dccsim variance` as demand: each row's
/// `expected_actual`, rounded, is the count (a number within [0, 1e15]); other columns are ignored.
std::vector<CountRow> read_variance_forecast_csv(const std::filesystem::path& path,
                                                 const models::Catalogue& catalogue,
                                                 std::vector<Diagnostic>& out);

}  // namespace dccsim::scenarios
