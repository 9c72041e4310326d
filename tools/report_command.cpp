// dccsim report: the charts of a folder of outputs as one self-contained page.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/report_html.hpp"

namespace po = boost::program_options;

namespace dccsim::tools {

int command_report(const std::vector<std::string>& args) {
  po::options_description options(
      "dccsim report DIR: writes DIR/report.html, one self-contained page of charts of the outputs a dccsim "
      "command wrote into DIR (run, compare, sweep or variance); it opens offline in a browser");
  options.add_options()("help,h", "this text")("quiet,q", "print nothing on success")(
      "dir", po::value<std::string>(), "output folder");
  const auto parsed = parse_or_help(args, options, "dir", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("dir")) throw UsageError("report: a DIR holding dccsim outputs is required");
  ReportOutcome outcome;
  try {
    outcome = write_report(vm["dir"].as<std::string>());
  } catch (const ReportAssetsMissing& e) {
    std::fprintf(stderr, "dccsim report: %s\n", e.what());
    return kExitRuntime;
  }
  for (const scenarios::Diagnostic& d : outcome.diagnostics)
    std::fprintf(stderr, "%s\n", d.to_string().c_str());
  if (!outcome.diagnostics.empty()) return kExitBadInput;
  if (!vm.count("quiet")) {
    std::printf("%s: %s report, %zu charts\n", outcome.page.string().c_str(), outcome.kind.c_str(),
                outcome.charts);
    for (const std::string& n : outcome.notes) std::printf("  not shown: %s\n", n.c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
