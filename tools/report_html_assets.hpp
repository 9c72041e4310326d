#pragma once

#include <string_view>

// The files report.html is made from, embedded in the binary when it was built
// (tools/report/assets.cmake): the page template and the pinned JavaScript libraries.
namespace dccsim::tools {

/// The embedded files; the JavaScript views are empty when the build had no tools/report/node_modules.
struct ReportAssets {
  std::string_view template_html;  ///< tools/report/template.html
  std::string_view vega;           ///< vega/build/vega.min.js
  std::string_view vega_lite;      ///< vega-lite/build/vega-lite.min.js
  std::string_view vega_embed;     ///< vega-embed/build/vega-embed.min.js
  bool has_javascript = false;     ///< all three libraries are embedded
};

/// The files embedded in this binary.
const ReportAssets& report_assets();

}  // namespace dccsim::tools
