#pragma once

// What every stage of the loader shares: a view of a table of the TOML document (where it is and
// which schema pattern it follows) and the Reporter that places each problem at the file and line
// of the node it concerns. Internal to the scenarios library: it exposes toml++.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenarios/diagnostic.hpp"

namespace dccsim::scenarios {

/// Source name of values given on the command line (`--set`); they have no line.
inline constexpr std::string_view kSetFile = "--set";

/// "parent.key", or "key" when `parent` is empty.
std::string join_path(std::string_view parent, std::string_view key);

/// "parent[index]".
std::string element_path(std::string_view parent, std::size_t index);

/// How a diagnostic names a TOML value's type: "a string", "an array", ...
std::string type_name(const toml::node& n);

/// An integer or float node as a double; nullopt for any other type.
std::optional<double> as_number(const toml::node& n);

/// `v` as the shortest text that reads back ("0.5", "1e+06").
std::string number_text(double v);

/// " (did you mean X?)" for the closest of `candidates`, or empty when none is close.
std::string did_you_mean(std::string_view key, std::span<const std::string> candidates);

/// Where a node was written: its file and line; line 0 only for the command line (--set).
struct Location {
  std::string file;
  std::size_t line = 0;
};

/// The file and line of `n`'s source; line 1 of `root_file` when `n` is null (a key in no written
/// table) or has no source.
Location location_of(const toml::node* n, const std::string& root_file);

/// A table of the document being read: the table (null when absent: every key takes its default),
/// its concrete path ("users[2].meters") and its schema pattern ("users[].meters").
struct TableView {
  const toml::table* table = nullptr;
  std::string path;
  std::string pattern;

  /// The document's root table.
  static TableView root(const toml::table& doc) { return TableView{&doc, "", ""}; }
  /// The concrete path of `key` in this table.
  std::string path_of(std::string_view key) const { return join_path(path, key); }
  /// The node of `key`, or null; `key` must be in the schema, so that nothing is read that the
  /// unknown-key check would reject.
  const toml::node* get(std::string_view key) const;
  /// The sub-table at `key` (a view with a null table when absent or not a table).
  TableView sub(std::string_view key) const;
  /// The table elements of the array of tables at `key` (other elements are the key check's).
  std::vector<TableView> elements(std::string_view key) const;
};

/// Collects the diagnostics of one scenario, each at the file and line of the node it concerns.
struct Reporter {
  std::string root_file;  ///< the file given to load_scenario
  std::vector<Diagnostic> diagnostics;

  /// Reports `message` about `key` at location_of(`where`).
  void report(const toml::node* where, std::string key, std::string message);
  /// Reports that required `key` of `table` is missing, at the table.
  void missing(const TableView& table, std::string_view key);
  /// Reports each of `keys` present in `table` as not applying, `why` saying to what.
  void not_applicable(const TableView& table, std::initializer_list<std::string_view> keys,
                      const std::string& why);
};

}  // namespace dccsim::scenarios
