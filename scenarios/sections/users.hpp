#pragma once

// Section reader, [[users]]: each User's meters, behaviour, profile, bursts, future-dating, schedules, CSRs
// and retries.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [[users]] into draft.model.users, their ids into draft.user_index and draft.user_ids.
void read_users(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
