#pragma once

// Loading a scenario: TOML (with `extends` and --set overrides) and the CSVs it names, validated in
// full before anything runs, into a models::ModelConfig. See scenarios/README.md for the language.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/config.hpp"
#include "scenarios/diagnostic.hpp"

namespace dccsim::scenarios {

/// One `--set KEY=VALUE` from the command line, applied to the merged scenario before validation.
struct Override {
  std::string key;    ///< dotted path: `dsp.servers`, `users[0].behaviour.ratio`, `users.SUPPLIER_A.role`
  std::string value;  ///< TOML value text; a bare word that is not valid TOML is taken as a string
};

/// Splits "KEY=VALUE" into an Override; nullopt with `error` (file "--set") when malformed.
std::optional<Override> parse_override(std::string_view text, Diagnostic& error);

/// A loaded, validated scenario.
struct Scenario {
  models::ModelConfig model;
  std::string name;            ///< scenario.name
  std::filesystem::path path;  ///< the file given to load_scenario
};

/// A scenario, or every problem found while loading it.
struct LoadResult {
  std::optional<Scenario> scenario;
  std::vector<Diagnostic> diagnostics;
  /// What was accepted but is worth a line (inputs wholly outside the horizon, skipped); not errors.
  std::vector<Diagnostic> notes;
  /// True when a scenario was loaded without any diagnostic.
  bool ok() const { return scenario.has_value() && diagnostics.empty(); }
};

/// Reads, merges (`extends`), overrides, validates and converts `file`; never throws on bad input.
/// The scenario is present only when there is no diagnostic at all.
LoadResult load_scenario(const std::filesystem::path& file, std::span<const Override> overrides = {});

/// Every dotted key path the loader accepts (the schema it checks unknown keys against), e.g.
/// `dsp.servers`, `users[].meters.north`, `csp.<region>.maintenance[].start`, `<distribution>.mean`.
std::vector<std::string> accepted_keys();

}  // namespace dccsim::scenarios
