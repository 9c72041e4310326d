#pragma once

// Section reader, [smki]: the SMKI service that signs CSRs.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [smki] into draft.model.smki.
void read_smki(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
