#pragma once

// Section reader, [catalogue] and [[catalogue.sr]]: the built-in SR catalogue, changed or extended.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [catalogue] into draft.model.catalogue (the built-in one unless use_default = false).
void read_catalogue(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
