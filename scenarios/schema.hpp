#pragma once

// The keys of the scenario language: the single list from which the unknown-key check, the
// override check, accepted_keys() and the documentation test all derive.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dccsim::scenarios {

/// What a key holds, as far as the key walk needs to know.
enum class KeyKind : std::uint8_t {
  table,         ///< a table whose keys are in the schema
  tables,        ///< an array of tables; element keys are `<pattern>[].<key>`
  value,         ///< a leaf (string, number, boolean, array of leaves)
  distribution,  ///< a duration string or a distribution table (keys: distribution_keys())
  profile,       ///< a profile name or a table with `hourly` and `daily`
};

/// One key pattern: dotted, `[]` for array elements, `<region>` for north/central/south and
/// `<name>` for a free name (e.g. `csp.<region>.maintenance[].start`, `profiles.<name>.hourly`).
struct KeySpec {
  std::string pattern;
  KeyKind kind;
};

/// Every key pattern, parents before children.
const std::vector<KeySpec>& schema();

/// The spec of `pattern`, or nullptr.
const KeySpec* find_key(std::string_view pattern);

/// The pattern of key `key` inside a table at `parent` ("" for the root): exact name, then
/// `<region>` for a region name, then `<name>`; nullopt when the schema has no such key.
std::optional<std::string> child_pattern(std::string_view parent, std::string_view key);

/// The literal key names allowed directly under `parent` (placeholders expanded to region names).
std::vector<std::string> child_names(std::string_view parent);

/// The keys of a distribution table (`dist`, `mean`, `p95`, ...).
std::span<const std::string_view> distribution_keys();

/// The closest of `candidates` to `key` when close enough to be a likely typo, else empty.
std::string closest(std::string_view key, std::span<const std::string> candidates);

}  // namespace dccsim::scenarios
