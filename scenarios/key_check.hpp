#pragma once

// Stage 3 of the loader: every key of the merged document checked against the schema, so that a typo
// is reported (with the closest key) rather than silently taking a default.

#include <string>

#include <toml++/toml.h>

#include "scenarios/reader.hpp"

namespace dccsim::scenarios {

/// Reports each key of `table` (at schema `pattern`, concrete `path`; "" for the root) that the
/// schema does not have, and each table or array of tables that is written as something else.
void check_keys(const toml::table& table, const std::string& pattern, const std::string& path,
                Reporter& reporter);

}  // namespace dccsim::scenarios
