#pragma once

// Section reader, [profiles.<name>]: named time profiles that Users and alerts refer to.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [profiles] into draft.profiles (an invalid one is kept flat, so that users naming it stay quiet).
void read_profiles(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
