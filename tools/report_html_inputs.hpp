#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/csv.hpp"
#include "scenarios/diagnostic.hpp"
#include "tools/report_html_json.hpp"

// The report reads the files other dccsim commands wrote; every column is found by its name, so
// outputs may gain columns (and files) without a chart reading the wrong one.
namespace dccsim::tools {

/// A CSV output read whole, its columns addressed by name; columns the report does not know are kept.
class OutputTable {
 public:
  /// Reads `path`; nullopt, with diagnostics, when it is unreadable or malformed.
  static std::optional<OutputTable> read(const std::filesystem::path& path,
                                         std::vector<scenarios::Diagnostic>& diagnostics);
  /// Parses CSV `text`; `file` names it in diagnostics.
  static std::optional<OutputTable> parse(std::string_view text, const std::string& file,
                                          std::vector<scenarios::Diagnostic>& diagnostics);

  /// The file the table came from (its name, as diagnostics give it).
  const std::string& file() const { return file_; }
  /// Data rows.
  std::size_t rows() const { return csv_.rows.size(); }
  /// The 1-based line a data row starts on.
  std::size_t line(std::size_t row) const { return csv_.lines[row]; }
  /// The header, in file order.
  const std::vector<std::string>& header() const { return csv_.header; }
  /// True when the header has `column` (ASCII case ignored).
  bool has(std::string_view column) const { return index(column).has_value(); }
  /// True when every one of `columns` is present.
  bool has_all(std::initializer_list<std::string_view> columns) const;
  /// The cell text; empty when the column is absent.
  const std::string& text(std::size_t row, std::string_view column) const;
  /// The cell as a number; NaN when empty, absent or not a number (check_numeric reports those).
  double number(std::size_t row, std::string_view column) const;
  /// Reports, once per column, a present column among `columns` with a cell that is neither empty
  /// nor a number; true when there was none.
  bool check_numeric(const std::vector<std::string>& columns,
                     std::vector<scenarios::Diagnostic>& diagnostics) const;
  /// The columns `<prefix><name>` (none ending in `_hw`), as the names after the prefix, in file order.
  std::vector<std::string> suffixes_of(std::string_view prefix) const;

 private:
  std::optional<std::size_t> index(std::string_view column) const;
  std::string file_;
  scenarios::CsvTable csv_;
};

/// "12" or "-3.5e2" as a double; nullopt for anything else (surrounding spaces allowed).
std::optional<double> parse_number(std::string_view text);

/// Reads a JSON output; nullopt, with a diagnostic, when it is unreadable or malformed.
std::optional<Json> read_json_output(const std::filesystem::path& path,
                                     std::vector<scenarios::Diagnostic>& diagnostics);

/// The name of `column`'s 95 % half-width column or field: `<column>_hw`.
std::string half_width_name(std::string_view column);

}  // namespace dccsim::tools
