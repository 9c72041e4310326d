#pragma once

// Helpers of the scenario tests: load a scenario text or file and look at its diagnostics.

#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include "scenarios/loader.hpp"
#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"
#include "sim/any_distribution.hpp"
#include "tests/scenarios/temp_dir.hpp"

namespace dccsim::scenarios::testing {

namespace scn = ::dccsim::scenarios;
namespace sim = ::dccsim::sim;
namespace models = ::dccsim::models;

/// The repository and the scenario fixtures.
inline const std::filesystem::path kSource = std::filesystem::path(DCCSIM_SOURCE_DIR);
inline const std::filesystem::path kFixtures = kSource / "tests/scenarios/fixtures";

/// A [scenario] header with a name: two lines.
inline const std::string kHeader = "[scenario]\nname = \"t\"\n";

/// Each diagnostic as `file:line: key: problem`.
inline std::vector<std::string> lines_of(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.to_string());
  return out;
}
inline std::vector<std::string> lines_of(const LoadResult& r) { return lines_of(r.diagnostics); }

/// Every diagnostic, one a line (for INFO).
inline std::string all_of(const LoadResult& r) {
  std::string out;
  for (const auto& l : lines_of(r)) out += l + "\n";
  return out;
}

/// True when some diagnostic's text contains every one of `parts`.
inline bool has(const LoadResult& r, std::initializer_list<std::string_view> parts) {
  for (const auto& l : lines_of(r)) {
    bool all = true;
    for (std::string_view p : parts) all = all && l.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

/// Loads `text` written to scenario.toml in `dir`.
inline LoadResult load_text(const TempDir& dir, const std::string& text,
                            std::span<const Override> overrides = {}) {
  return load_scenario(dir.write("scenario.toml", text), overrides);
}

/// The path of scenario.toml in `dir` followed by ":", the prefix of its diagnostics.
inline std::string prefix_of(const TempDir& dir) { return (dir.path() / "scenario.toml").string() + ":"; }

/// The mean of a distribution, in seconds.
inline double mean_of(const sim::AnyDistribution& d) { return d.mean(); }

/// A TOML text parsed as the file t.toml, with a Reporter for the stage under test.
struct Doc {
  explicit Doc(const std::string& text)
      : table(toml::parse(std::string_view(text), std::string_view("t.toml"))) {}
  /// The document's root table.
  TableView root() const { return TableView::root(table); }
  /// The table at top-level `key`.
  TableView view(std::string_view key) const { return root().sub(key); }
  toml::table table;
  Reporter reporter{"t.toml", {}};
};

/// What section reader `read` fills from `d` alone, its diagnostics in d.reporter.
inline Draft read_section(Doc& d, void (*read)(const TableView&, Draft&, Reporter&)) {
  Draft draft;
  read(d.root(), draft, d.reporter);
  return draft;
}

}  // namespace dccsim::scenarios::testing

/// Diagnostic lists print one a line when a check fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& lines) {
    std::string out = "{\n";
    for (const auto& l : lines) out += "  " + l + "\n";
    return (out + "}").c_str();
  }
};
