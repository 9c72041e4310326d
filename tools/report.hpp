#pragma once

#include <string>
#include <vector>

#include "models/results.hpp"
#include "tools/output_files.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {

/// A plain text table: header and rows of cells; numeric-looking cells are right-aligned.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

/// The readable summary `dccsim run` prints: variance in the DCC report's words, exceptions,
/// Code Performance Measures, busiest stations, breaches, throttling per User, accounting.
std::string run_report(const models::ModelResults& r, const RunInfo& info);

}  // namespace dccsim::tools
