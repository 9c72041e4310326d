#pragma once

// Stage 5 of the loader: the semantic problems of models::check_config, each reported where its key
// was written. A key that was never written (it kept its default) is placed at its deepest written
// parent (usually its section header); a key with no written parent, or an empty key (the scenario as
// a whole), at line 1 of the scenario file. A key written by --set is reported as "--set".

#include <span>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "models/config_check.hpp"
#include "scenarios/reader.hpp"

namespace dccsim::scenarios {

/// Where `key` (a scenario key path such as "users[2].retry.max_attempts") or its deepest written
/// parent was written in `doc`; line 1 of `root_file` when neither was.
Location locate_key(const toml::table& doc, std::string_view key, const std::string& root_file);

/// Reports each of `problems` at locate_key of its field.
void report_config_problems(const toml::table& doc, std::span<const models::ConfigProblem> problems,
                            Reporter& reporter);

}  // namespace dccsim::scenarios
