#pragma once

// The distribution reader of the section stage: a duration string (a constant) or a table selected
// by `dist`, each form taking exactly its parameters, built by the validated sim factories.

#include <string_view>

#include "scenarios/reader.hpp"
#include "sim/any_distribution.hpp"

namespace dccsim::scenarios {

/// Reads the distribution at `key` of `c` into `out` (in seconds); leaves `out` unchanged when the
/// key is absent or invalid (reporting every problem). True when it stored a distribution.
bool read_distribution(Reporter& r, const TableView& c, std::string_view key, sim::AnyDistribution& out);

}  // namespace dccsim::scenarios
