#pragma once

// Reading spreadsheet exports: RFC 4180 CSV (quoted fields, doubled quotes, quoted line breaks,
// CRLF or LF line ends, an optional UTF-8 byte-order mark) with a required header.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/diagnostic.hpp"

namespace dccsim::scenarios {

/// A CSV file read whole: the header and the well-formed records, with the line each record starts on.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< each exactly header.size() fields
  std::vector<std::size_t> lines;              ///< 1-based line of each row
};

/// Reads `path`, whose header must begin with `expected_header_prefix` (cells compared after
/// trimming spaces, ignoring ASCII case); extra header columns are kept. Blank lines are skipped. Problems go
/// to `diagnostics`: a file-level one (missing, empty, binary, wrong header) returns nullopt; a bad record
/// (wrong column count, unterminated quote) is reported and left out of the table.
std::optional<CsvTable> read_csv(const std::filesystem::path& path,
                                 std::span<const std::string_view> expected_header_prefix,
                                 std::vector<Diagnostic>& diagnostics);

/// Parses CSV `text` as read_csv does; `file` only names the source in diagnostics.
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file,
                                  std::span<const std::string_view> expected_header_prefix,
                                  std::vector<Diagnostic>& diagnostics);

/// One record of a CSV being read: where each bad cell of it is reported.
struct RecordSite {
  const std::string& file;
  std::size_t line;
  std::vector<Diagnostic>& out;

  /// Stores `parsed` in `into` and returns true; else reports `error` at `column` and returns false.
  template <class T, class V>
  bool take(const std::optional<T>& parsed, V& into, std::string_view column,
            const std::string& error) const {
    if (parsed) {
      into = *parsed;
      return true;
    }
    out.push_back({file, line, std::string(column), error});
    return false;
  }
};

/// Equal ignoring ASCII case: spreadsheets capitalise headers and keywords at will ("User", "Csr").
bool iequals(std::string_view a, std::string_view b);

/// `s` with ASCII letters in lower case (a key for case-insensitive lookups).
std::string ascii_lower(std::string_view s);

/// True when `bytes` holds a NUL or is not valid UTF-8: it is not a text file.
bool looks_binary(std::string_view bytes);

/// The offset of the first NUL or byte that is not valid UTF-8 in `bytes`, or npos.
std::size_t first_invalid_utf8(std::string_view bytes);

/// Why `bytes` of `file` is not `kind` ("CSV", "TOML") text, or nullopt: a NUL makes it binary
/// (no line); a byte that is not UTF-8 is reported at its line with its column and value.
std::optional<Diagnostic> text_problem(std::string_view bytes, const std::string& file, const char* kind);

/// The whole file as bytes, or nullopt with a diagnostic when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path,
                                          std::vector<Diagnostic>& diagnostics);

}  // namespace dccsim::scenarios
