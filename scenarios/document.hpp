#pragma once

// Stage 1 of the loader: the scenario file read as a TOML document, with the files it `extends`
// merged beneath it. Each value keeps the file and line where it was written.

#include <filesystem>
#include <optional>

#include <toml++/toml.h>

#include "scenarios/reader.hpp"

namespace dccsim::scenarios {

/// Reads `file` and, recursively, the bases it extends (relative to it); the extending file's values
/// win: tables merge key by key, arrays and distribution or profile tables are replaced whole.
/// nullopt when a file is missing, empty, binary or not TOML, or the chain has a cycle (reported).
std::optional<toml::table> load_document(const std::filesystem::path& file, Reporter& reporter);

/// Merges `over` into `base` as `extends` does; `pattern` is the schema pattern of both ("" at the root).
void merge_into(toml::table& base, toml::table&& over, const std::string& pattern);

}  // namespace dccsim::scenarios
