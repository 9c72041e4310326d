#pragma once

// Stage 2 of the loader: `--set KEY=VALUE` overrides written into the merged document. Each value
// (and each table it creates) is marked as written by "--set", so later diagnostics name it.

#include <vector>

#include <toml++/toml.h>

#include "scenarios/diagnostic.hpp"
#include "scenarios/loader.hpp"

namespace dccsim::scenarios {

/// Writes `o` into `doc` at its key (elements by index or by id); a key the schema does not have,
/// a missing element or a value that is not TOML is a diagnostic (file "--set") in `out`.
void apply_override(toml::table& doc, const Override& o, std::vector<Diagnostic>& out);

}  // namespace dccsim::scenarios
