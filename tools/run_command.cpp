// dccsim run and dccsim validate.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "models/network.hpp"
#include "tools/command_line.hpp"
#include "tools/output_files.hpp"
#include "tools/report.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {

int command_validate(const std::vector<std::string>& args) {
  po::options_description options("dccsim validate SCENARIO [--set KEY=VALUE]...");
  options.add_options()("help,h", "this text")("set", po::value<std::vector<std::string>>()->composing(),
                                                 "override a scenario value, e.g. dsp.servers=64")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("validate: a SCENARIO file is required");
  const auto sets = parse_overrides(set_values(vm));
  const auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  const models::ModelConfig& m = scenario->model;
  std::printf("%s: ok: scenario %s, %zu users, %.1f days from %04d-%02u-%02u, seed %llu\n",
              vm["scenario"].as<std::string>().c_str(), scenario->name.c_str(), m.users.size(),
              m.horizon.seconds() / 86'400.0, m.epoch.year, m.epoch.month, m.epoch.day,
              static_cast<unsigned long long>(m.seed));
  return kExitOk;
}

int command_run(const std::vector<std::string>& args) {
  po::options_description options("dccsim run SCENARIO [options]");
  options.add_options()("help,h", "this text")("seed", po::value<std::uint64_t>(), "random seed (default: the scenario's)")(
      "out", po::value<std::string>(), "output folder (default: out/<scenario name>)")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a scenario value, e.g. dsp.servers=64")(
      "quiet,q", "no report and no progress, only errors")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("run: a SCENARIO file is required");
  const bool quiet = vm.count("quiet") > 0;
  const auto sets = parse_overrides(set_values(vm));
  auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  models::ModelConfig& config = scenario->model;
  if (vm.count("seed")) config.seed = vm["seed"].as<std::uint64_t>();
  const fs::path out_dir = vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("out") / scenario->name;

  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&started] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  models::DccModel model(config);
  const bool progress = !quiet && isatty(fileno(stderr)) != 0;
  bool progress_shown = false;
  const sim::Duration step = std::max(config.horizon / 500, sim::seconds(1));
  while (model.now() < model.horizon()) {
    model.run_until(model.now() + step);
    const double wall = elapsed();
    if (progress && wall > 1.0) {
      const double done = model.now().seconds() / model.horizon().seconds();
      const double eta = done > 0 ? wall * (1 - done) / done : 0;
      const sim::Calendar calendar(config.epoch);
      std::fprintf(stderr, "\r  %5.1f%%  simulated to %s  %.2f M events/s  %s left   ", done * 100.0,
                   iso_time(calendar, model.now()).c_str(), static_cast<double>(model.events()) / wall / 1e6,
                   human_duration(eta).c_str());
      progress_shown = true;
    }
  }
  if (progress_shown) std::fprintf(stderr, "\r%80s\r", "");
  const models::ModelResults results = model.results();
  const double wall = elapsed();

  RunInfo info;
  info.scenario = scenario->name;
  // The file name only: outputs must not depend on where the command was run from.
  info.scenario_file = fs::path(vm["scenario"].as<std::string>()).filename().string();
  info.epoch = config.epoch;
  info.seed = config.seed;
  write_run_outputs(out_dir, results, info);
  // Wall-clock figures live in their own file so every other output is byte-identical per seed.
  write_file_atomically(out_dir / "timing.json",
                        fmt::format("{{\"wall_seconds\":{:.3f},\"events\":{},\"events_per_s\":{:.0f}}}\n", wall,
                                    results.events, static_cast<double>(results.events) / std::max(wall, 1e-9)));
  if (!quiet) {
    std::fputs(run_report(results, info).c_str(), stdout);
    std::printf("\nWall time %.2f s (%.2f M events/s). Outputs in %s/\n", wall,
                static_cast<double>(results.events) / std::max(wall, 1e-9) / 1e6, out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
