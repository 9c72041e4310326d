// dccsim validate: loads and checks a scenario without running it.
#include <cstdio>

#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"

namespace po = boost::program_options;

namespace dccsim::tools {

int command_validate(const std::vector<std::string>& args) {
  po::options_description options("dccsim validate SCENARIO [--set KEY=VALUE]...");
  options.add_options()("help,h", "this text")("set", po::value<std::vector<std::string>>()->composing(),
                                               "override a scenario value, e.g. dsp.servers=64")(
      "scenario", po::value<std::string>(), "scenario file");
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenario", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("validate: a SCENARIO file is required");
  const auto sets = parse_overrides(set_values(vm));
  check_overrides_honoured(sets, false);
  const auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  const models::ModelConfig& m = scenario->model;
  std::printf("%s: ok: scenario %s, %zu users, %.1f days from %04d-%02u-%02u, seed %llu\n",
              vm["scenario"].as<std::string>().c_str(), scenario->name.c_str(), m.users.size(),
              m.horizon.seconds() / 86'400.0, m.epoch.year, m.epoch.month, m.epoch.day,
              static_cast<unsigned long long>(m.seed));
  return kExitOk;
}

}  // namespace dccsim::tools
