#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/diagnostic.hpp"
#include "tools/report_html_charts.hpp"

// report.html: one self-contained page of Vega-Lite charts of the outputs a dccsim command wrote
// into a folder. The page inlines pinned vega, vega-lite and vega-embed builds (embedded in the
// binary at build time) and so opens offline.
namespace dccsim::tools {

/// The binary was built without the report's JavaScript (tools/report/node_modules was absent).
struct ReportAssetsMissing : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// What write_report found in the folder and wrote.
struct ReportOutcome {
  std::vector<scenarios::Diagnostic> diagnostics;  ///< unreadable outputs; nothing written when any
  std::filesystem::path page;                      ///< the page written (empty with diagnostics)
  std::string kind;                                ///< "run", "compare", "sweep", "variance forecast"
  std::size_t charts = 0;                          ///< charts on the page
  std::vector<std::string> notes;                  ///< charts left out and why
};

/// Reads the outputs in `dir` and builds the page (kind by the files present; empty kind when
/// there are none the report knows). Reads nothing but `dir`; writes nothing.
ReportPage build_report_page(const std::filesystem::path& dir);

/// The whole report.html text of `page`, with the JavaScript libraries inlined. Throws
/// ReportAssetsMissing when the binary has none.
std::string render_report_html(const ReportPage& page);

/// Writes `dir/report.html` (whole or not at all) from the outputs a dccsim command wrote into
/// `dir`. Problems in those files come back as diagnostics; a folder with no output the report
/// knows is one too. Then throws ReportAssetsMissing when the binary has no JavaScript, or
/// std::runtime_error on an I/O failure.
ReportOutcome write_report(const std::filesystem::path& dir);

/// True when the binary carries the JavaScript libraries the page inlines.
bool report_assets_available();


}  // namespace dccsim::tools
