// dccsim run: one run with progress, or replications merged in order; outputs, then the report.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "models/network.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/replications.hpp"
#include "tools/run_outputs.hpp"
#include "tools/run_report.hpp"
#include "tools/text_format.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

 private:
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// One replication in steps of a 500th of the horizon, showing progress once it takes over a second.
models::ModelResults run_once(const models::ModelConfig& config, sim::Duration warmup, bool progress,
                              const Stopwatch& clock) {
  models::DccModel model(config);
  bool progress_shown = false;
  const sim::Duration step = std::max(config.horizon / 500, sim::seconds(1));
  bool warmed = warmup == sim::Duration::zero();
  const sim::Calendar calendar(config.epoch);
  while (model.now() < model.horizon()) {
    sim::Time next = model.now() + step;
    if (!warmed) next = std::min(next, sim::Time::zero() + warmup);
    model.run_until(next);
    if (!warmed && model.now() >= sim::Time::zero() + warmup) {
      model.reset_statistics();
      warmed = true;
    }
    const double wall = clock.seconds();
    if (progress && wall > 1.0) {
      const double done = model.now().seconds() / model.horizon().seconds();
      const double eta = done > 0 ? wall * (1 - done) / done : 0;
      std::fprintf(stderr, "\r  %5.1f%%  simulated to %s  %.2f M events/s  %s left   ", done * 100.0,
                   iso_time(calendar, model.now()).c_str(), static_cast<double>(model.events()) / wall / 1e6,
                   human_duration(eta).c_str());
      progress_shown = true;
    }
  }
  if (progress_shown) std::fprintf(stderr, "\r%80s\r", "");
  return model.results();
}

po::options_description run_options() {
  po::options_description options("dccsim run SCENARIO [options]");
  options.add_options()("help,h", "this text");
  add_simulation_options(
      options, {.set = "override a scenario value, e.g. dsp.servers=64",
                .replications = 1,
                .replications_help = "independent replications (mean ± 95 % half-width)",
                .seed = "random seed (default: the scenario's)",
                .warmup = "statistics deleted before this: none (terminating study), auto (MSER-5), or a "
                          "duration such as 2h",
                .out = "output folder (default: out/<scenario name>)",
                .quiet = "no report and no progress, only errors"});
  options.add_options()(
      "precision", po::value<double>(),
      "add replications until every watched measure is this precise: an absolute 95 % half-width for "
      "shares and utilisation (0.001 = 0.1 point), relative to the mean for the rest (see README)")(
      "on", po::value<std::vector<std::string>>()->composing(),
      "with --precision, the measures to watch (names, PREFIX.* or headline; default: share within target "
      "per class, utilisation and mean wait per station, admitted share)")(
      "max-replications", po::value<Count>()->default_value(Count{100}), "upper bound with --precision")(
      "scenario", po::value<std::string>(), "scenario file");
  return options;
}

ReplicationPlan replication_plan(const po::variables_map& vm) {
  ReplicationPlan plan;
  plan.replications = count_within(vm, "replications", 1, kMaxReplications, "");
  plan.max_replications = count_within(vm, "max-replications", 1, kMaxReplications, "");
  plan.precision = vm.count("precision") ? vm["precision"].as<double>() : 0.0;
  if (vm.count("precision") && !(plan.precision > 0 && plan.precision < 1))
    throw UsageError("--precision: must be in (0, 1)");
  if (!vm.count("precision") && !vm["max-replications"].defaulted())
    throw UsageError("--max-replications: only bounds --precision, which was not given");
  if (vm.count("precision") && plan.max_replications < std::max<std::uint64_t>(plan.replications, 2)) {
    throw UsageError("--max-replications: must be at least --replications and 2");
  }
  if (vm.count("on") && !vm.count("precision")) throw UsageError("--on: only with --precision");
  plan.threads = thread_count(vm);
  return plan;
}

TablesAccumulator replicate(const models::ModelConfig& config, sim::Duration warmup, ReplicationPlan plan,
                            const std::vector<std::string>& on, bool quiet, bool progress, const Stopwatch& clock) {
  PrecisionTracker tracker({plan.precision, on});
  if (plan.precision > 0) plan.tracker = &tracker;
  TablesAccumulator acc = run_replications(config, warmup, plan, [&](std::uint64_t done) {
    if (progress) {
      std::fprintf(stderr, "\r  replication %llu done, %s elapsed   ", static_cast<unsigned long long>(done),
                   human_duration(clock.seconds()).c_str());
    }
  });
  if (progress) std::fprintf(stderr, "\r%60s\r", "");
  if (!tracker.unmatched().empty()) {
    throw UsageError(fmt::format("--on {}: no such measure in this run (dccsim measures lists them)",
                                 tracker.unmatched().front()));
  }
  if (plan.precision > 0 && !quiet) {
    std::fprintf(stderr, "precision: %llu replications%s; %s\n", static_cast<unsigned long long>(acc.count()),
                 tracker.reached() ? "" : ", not reached by --max-replications", tracker.report().c_str());
  }
  return acc;
}

}  // namespace

int command_run(const std::vector<std::string>& args) {
  const po::options_description options = run_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenario", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("run: a SCENARIO file is required");
  const bool quiet = vm.count("quiet") > 0;
  const ReplicationPlan plan = replication_plan(vm);
  const std::vector<scenarios::Override> sets = parse_overrides(set_values(vm));
  check_overrides_honoured(sets, vm.count("seed") > 0);
  auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  models::ModelConfig& config = scenario->model;
  if (vm.count("seed")) config.seed = vm["seed"].as<Count>().value;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), config, quiet);
  const fs::path out_dir = out_folder(vm, fs::path("out") / scenario->name);
  require_writable_folder(out_dir);

  RunInfo info;
  info.scenario = scenario->name;
  // The file name only: outputs must not depend on where the command was run from.
  info.scenario_file = fs::path(vm["scenario"].as<std::string>()).filename().string();
  info.epoch = config.epoch;
  info.seed = config.seed;
  info.warmup_s = warmup.seconds();
  info.horizon = sim::Time::zero() + config.horizon;

  const Stopwatch clock;
  const bool progress = !quiet && isatty(fileno(stderr)) != 0;
  TablesAccumulator acc;
  if (plan.replications == 1 && plan.precision == 0) {
    mpi::only_rank0();  // one replication: nothing to spread over MPI ranks
    acc.add(tabulate(run_once(config, warmup, progress, clock), config.epoch, config.reporting),
            config.replication);
  } else {
    acc = replicate(config, warmup, plan, option_values(vm, "on"), quiet, progress, clock);
  }
  const double wall = clock.seconds();
  write_run_outputs(out_dir, acc, info);
  write_timing(out_dir, wall, acc.events(), plan.threads);
  if (!quiet) {
    std::fputs(run_report(acc, info).c_str(), stdout);
    std::printf("\nWall time %.2f s (%.2f M events/s). Outputs in %s/\n", wall,
                acc.events() / std::max(wall, 1e-9) / 1e6, out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
