// dccsim sweep: a full factorial grid × replications, one durable row each, resumable.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/progress.hpp"
#include "tools/provenance.hpp"
#include "tools/replications.hpp"
#include "tools/sweep_journal.hpp"
#include "tools/sweep_outputs.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

po::options_description sweep_options() {
  po::options_description options("dccsim sweep SCENARIO --vary KEY=v1,v2,... [--vary ...] [options]");
  options.add_options()("help,h", "this text")("vary", po::value<std::vector<std::string>>()->composing(),
                                               "a key and its values; several give a full factorial grid");
  add_simulation_options(options, {.set = "override for every point",
                                   .replications = 3,
                                   .replications_help = "replications per point",
                                   .seed = "random seed (default: the scenario's)",
                                   .warmup = "none or a duration",
                                   .out = "output folder (default: out/sweep-<scenario name>)",
                                   .quiet = "no progress"});
  options.add_options()("scenario", po::value<std::string>(), "scenario file");
  return options;
}

Vary parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw UsageError(fmt::format("--vary: expected KEY=v1,v2,..., got '{}'", text));
  }
  Vary v{text.substr(0, eq), {}};
  std::string item;
  std::istringstream values(text.substr(eq + 1));
  while (std::getline(values, item, ',')) {
    if (item.empty()) throw UsageError(fmt::format("--vary {}: empty value", v.key));
    v.values.push_back(item);
  }
  return v;
}

// A grid is loaded point by point before anything runs: its size is bounded before that.
constexpr std::uint64_t kMaxPoints = 10'000;
constexpr std::uint64_t kMaxRuns = 1'000'000;

void check_grid_size(const std::vector<Vary>& grid, std::uint64_t replications) {
  std::uint64_t points = 1;
  for (const Vary& v : grid) {
    points *= v.values.size();
    if (points > kMaxPoints) {
      throw UsageError(fmt::format("--vary: the grid has more than {} points (each is loaded and run)", kMaxPoints));
    }
  }
  if (points * replications > kMaxRuns) {
    throw UsageError(fmt::format("--replications: {} points × {} replications is more than {} runs", points,
                                 replications, kMaxRuns));
  }
  for (std::size_t i = 0; i < grid.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (grid[i].key == grid[j].key) throw UsageError(fmt::format("--vary {}: varied twice", grid[i].key));
    }
  }
}

// Every point of the grid, loaded and validated before anything runs.
struct SweepPoints {
  std::vector<models::ModelConfig> configs;
  std::vector<std::vector<std::string>> values;  ///< per point, the value of each varied key
  std::string scenario_name;
};

std::optional<SweepPoints> load_points(const po::variables_map& vm, const std::string& file,
                                       const std::vector<Vary>& grid) {
  std::size_t points = 1;
  for (const Vary& v : grid) points *= v.values.size();
  SweepPoints out;
  bool bad = false;
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::string> sets = set_values(vm);
    std::vector<std::string> values;
    std::size_t rest = p;
    for (std::size_t k = grid.size(); k-- > 0;) {  // the first --vary changes slowest
      values.insert(values.begin(), grid[k].values[rest % grid[k].values.size()]);
      rest /= grid[k].values.size();
    }
    for (std::size_t k = 0; k < grid.size(); ++k) sets.push_back(grid[k].key + "=" + values[k]);
    auto scenario = load_or_report(file, parse_overrides(sets));
    if (!scenario) {
      // The first bad point is enough: every other point would mostly repeat its lines.
      bad = true;
      break;
    }
    if (vm.count("seed")) scenario->model.seed = vm["seed"].as<Count>().value;
    out.scenario_name = scenario->name;
    out.configs.push_back(std::move(scenario->model));
    out.values.push_back(values);
  }
  if (bad) return std::nullopt;
  return out;
}

// Refuses what a point would silently drop: a key varied twice, a --set of a varied key, --seed with
// scenario.seed set or varied (--seed would win), a --set key given twice.
void check_grid_honoured(const std::vector<Vary>& grid, const po::variables_map& vm) {
  const std::vector<scenarios::Override> sets = parse_overrides(set_values(vm));
  check_overrides_honoured(sets, vm.count("seed") > 0);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k) {
      if (grid[k].key == grid[i].key) throw UsageError(fmt::format("--vary {}: given twice", grid[i].key));
    }
    for (const scenarios::Override& o : sets) {
      if (o.key == grid[i].key) {
        throw UsageError(fmt::format("--vary {}: also given by --set {}={}, which every point would override",
                                     o.key, o.key, o.value));
      }
    }
    if (grid[i].key == "scenario.seed" && vm.count("seed")) {
      throw UsageError("--vary scenario.seed with --seed: --seed would override every point; give one");
    }
  }
}

}  // namespace

int command_sweep(const std::vector<std::string>& args) {
  const po::options_description options = sweep_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenario", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("sweep: a SCENARIO file is required");
  if (!vm.count("vary")) throw UsageError("sweep: at least one --vary KEY=v1,v2,... is required");
  std::vector<Vary> grid;
  for (const std::string& text : option_values(vm, "vary")) grid.push_back(parse_vary(text));
  check_grid_honoured(grid, vm);
  const std::uint64_t replications = count_within(vm, "replications", 1, kMaxReplications, "");
  check_grid_size(grid, replications);
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;
  const std::string file = vm["scenario"].as<std::string>();
  const std::optional<SweepPoints> points = load_points(vm, file, grid);
  if (!points) return kExitBadInput;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), points->configs.front(), quiet);
  const fs::path out_dir = out_folder(vm, fs::path("out") / ("sweep-" + points->scenario_name));
  require_writable_folder(out_dir);

  // The arguments that define the rows; a restart must give the same ones.
  const std::string meta = sweep_args_json({fs::path(file).filename().string(), points->configs.front().seed,
                                            replications, warmup.seconds(), set_values(vm), grid});
  // Under MPI the journal is rank 0's alone; the other ranks learn from it where it stands.
  std::optional<SweepJournal> journal;
  if (mpi::rank() == 0) {
    journal = SweepJournal::open(out_dir, {sweep_header(grid), points->values, replications}, meta);
    if (!journal) return kExitBadInput;
  }
  const std::uint64_t done_rows = mpi::share(journal ? journal->done() : 0);
  const std::uint64_t total = points->configs.size() * replications;
  if (!quiet && done_rows > 0) {
    std::fprintf(stderr, "resuming: %llu of %llu rows already done\n", static_cast<unsigned long long>(done_rows),
                 static_cast<unsigned long long>(total));
  }

  const std::function<SweepValues(std::uint64_t)> job = [&](std::uint64_t k) {
    const std::uint64_t index = done_rows + k;
    return sweep_values(
        tabulated_replication(points->configs[index / replications], index % replications, warmup));
  };
  Progress progress(!quiet);  // on a terminal only: a redirected stderr gets whole lines
  const std::function<bool(std::uint64_t, SweepValues &&)> consume = [&](std::uint64_t, SweepValues&& m) {
    journal->append(m);
    progress.update(fmt::format("  sweep: {} of {} rows", journal->done(), total));
    return true;
  };
  if (done_rows < total) {
    run_in_order<SweepValues>(total - done_rows, threads, job, consume, numbers_wire<SweepMetrics::column_count>());
  }
  mpi::only_rank0();  // nothing was left to do: the summary is rank 0's
  progress.clear();

  // The summary per point comes from the journal's rows as read back, so rows of earlier runs count.
  const std::vector<SweepTallies> tallies = tally_sweep_rows(journal->rows(), points->configs.size());
  const SweepProvenance provenance{points->configs.front().seed, version(),
                                   recorded_command_line("sweep", args, options, "scenario", 1)};
  write_file_atomically(out_dir / "sweep_summary.csv",
                        sweep_summary_csv(grid, points->values, tallies, provenance));
  if (!quiet) {
    std::fputs(sweep_screen(grid, points->values, tallies).c_str(), stdout);
    std::printf("\nRows in %s, summary per point in %s\n", journal->path().string().c_str(),
                (out_dir / "sweep_summary.csv").string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
