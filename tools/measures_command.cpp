// dccsim measures: the names compare, search and --precision take, with unit, direction and meaning.
#include <cstdio>

#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/measures.hpp"
#include "tools/replications.hpp"

namespace po = boost::program_options;

namespace dccsim::tools {

int command_measures(const std::vector<std::string>& args) {
  po::options_description options(
      "dccsim measures SCENARIO [--set KEY=VALUE]...\n"
      "Runs the scenario once (replication 0) and lists every measure its run produces; rows that depend\n"
      "on traffic (SMKI without CSRs, months without responses) appear only when present");
  options.add_options()("help,h", "this text")("set", po::value<std::vector<std::string>>()->composing(),
                                               "override a scenario value")(
      "scenario", po::value<std::string>(), "scenario file");
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenario", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("measures: a SCENARIO file is required");
  const auto scenario = load_or_report(vm["scenario"].as<std::string>(), parse_overrides(set_values(vm)));
  if (!scenario) return kExitBadInput;
  const MeasureValues m = measure_values(tabulated_replication(scenario->model, 0, sim::Duration::zero()));
  std::fputs(measures_listing(m).c_str(), stdout);
  std::printf(
      "\n%zu measures. Shares, utilisation and percent are compared and made precise in absolute "
      "terms, the other kinds relative to their mean.\n",
      m.specs.size());
  return kExitOk;
}

}  // namespace dccsim::tools
