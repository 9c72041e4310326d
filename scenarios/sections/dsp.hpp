#pragma once

// Section reader, [dsp]: the DSP's servers, discipline, queue and response path.

#include "scenarios/reader.hpp"
#include "scenarios/sections/draft.hpp"

namespace dccsim::scenarios {

/// Reads [dsp] into draft.model.dsp.
void read_dsp(const TableView& root, Draft& draft, Reporter& r);

}  // namespace dccsim::scenarios
