#pragma once

// Dotted key paths as the command line and the diagnostics write them: `dsp.servers`,
// `users[0].behaviour.ratio`, `users.SUPPLIER_A.role`, `catalogue.sr."4.1.1".target`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dccsim::scenarios {

/// One segment of a key path: a name, optionally indexed ("users[0]").
struct KeySegment {
  std::string name;
  std::optional<std::size_t> index;
};

/// The segments of `key` (bare names of letters, digits, `_` and `-`, or quoted; an optional `[N]`
/// after each); nullopt with `error` set when malformed.
std::optional<std::vector<KeySegment>> parse_key_path(std::string_view key, std::string& error);

}  // namespace dccsim::scenarios
