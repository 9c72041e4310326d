// The report's template and JavaScript, embedded with the assembler's .incbin: the bytes go into
// the binary as they are on disk, with no generated source to compile. The generated stamp header
// names the files and carries a hash of their content, so a change of a library rebuilds this
// file (and ccache, which never reads .incbin inputs, sees the change).
#include "tools/report_html_assets.hpp"

#include "report_html_assets_stamp.hpp"

#define DCCSIM_EMBED(symbol, path)          \
  asm(".pushsection .rodata\n"              \
      ".balign 16\n"                        \
      ".global " #symbol "_begin\n" #symbol \
      "_begin:\n"                           \
      ".incbin \"" path                     \
      "\"\n"                                \
      ".global " #symbol "_end\n" #symbol   \
      "_end:\n"                             \
      ".byte 0\n"                           \
      ".popsection\n");                     \
  extern "C" const char symbol##_begin[];   \
  extern "C" const char symbol##_end[]

DCCSIM_EMBED(dccsim_report_template, DCCSIM_REPORT_TEMPLATE_PATH);
#if DCCSIM_REPORT_HAVE_JAVASCRIPT
DCCSIM_EMBED(dccsim_report_vega, DCCSIM_REPORT_VEGA_PATH);
DCCSIM_EMBED(dccsim_report_vega_lite, DCCSIM_REPORT_VEGA_LITE_PATH);
DCCSIM_EMBED(dccsim_report_vega_embed, DCCSIM_REPORT_VEGA_EMBED_PATH);
#endif

namespace dccsim::tools {
namespace {

// Never read: it puts the content hash into the preprocessed source, which is what ccache hashes.
[[maybe_unused]] constexpr std::string_view kAssetsStamp = DCCSIM_REPORT_ASSETS_SHA256;

std::string_view between(const char* begin, const char* end) {
  return {begin, static_cast<std::string_view::size_type>(end - begin)};
}

}  // namespace

const ReportAssets& report_assets() {
  static const ReportAssets assets = [] {
    ReportAssets a;
    a.template_html = between(dccsim_report_template_begin, dccsim_report_template_end);
#if DCCSIM_REPORT_HAVE_JAVASCRIPT
    a.vega = between(dccsim_report_vega_begin, dccsim_report_vega_end);
    a.vega_lite = between(dccsim_report_vega_lite_begin, dccsim_report_vega_lite_end);
    a.vega_embed = between(dccsim_report_vega_embed_begin, dccsim_report_vega_embed_end);
    a.has_javascript = true;
#endif
    return a;
  }();
  return assets;
}

}  // namespace dccsim::tools
