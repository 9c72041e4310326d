// dccsim compare: two policies, paired replications (common random numbers unless the sides' seeds
// differ or --independent), decided by tests adjusted for multiplicity and practical margins.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/provenance.hpp"
#include "tools/comparison.hpp"
#include "tools/progress.hpp"
#include "tools/replications.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

// B's replication numbers under --independent with one seed: far from A's (and from the warm-up
// pilot's, 2^40 up), so no stream is shared.
constexpr std::uint64_t kIndependentOffset = std::uint64_t{1} << 41;

po::options_description compare_options() {
  po::options_description options(
      "dccsim compare A.toml B.toml [options]\n"
      "dccsim compare S.toml --a KEY=VALUE... --b KEY=VALUE... [options]");
  options.add_options()("help,h", "this text")("a", po::value<std::vector<std::string>>()->composing(),
                                               "override for policy A (with one scenario)")(
      "b", po::value<std::vector<std::string>>()->composing(), "override for policy B (with one scenario)");
  add_simulation_options(options,
                         {.set = "override for both",
                          .replications = 10,
                          .replications_help = "paired replications",
                          .seed = "random seed for both (default: A's; a side's scenario.seed override "
                                  "keeps its own)",
                          .warmup = "none, auto or a duration",
                          .out = "output folder (default: out/compare)",
                          .quiet = "no table and no progress on screen"});
  options.add_options()("margin", po::value<std::vector<std::string>>()->composing(),
                        "practical-significance margin KIND=VALUE or MEASURE=VALUE (defaults: share=0.005 "
                        "utilisation=0.01 percent=1 absolute; time, rate, count, queue 0.05 relative)")(
      "independent", "independent random streams for B (an A/A check of how often compare cries wolf)")(
      "report", "also write report.html into the output folder (as dccsim report DIR does)")(
      "scenarios", po::value<std::vector<std::string>>(), "scenario files");
  return options;
}

std::string label(const std::string& file, const std::vector<std::string>& sets) {
  std::string s = fs::path(file).filename().string();
  for (const std::string& x : sets) s += " " + x;
  return s;
}

bool sets_seed(const std::vector<std::string>& sets) {
  return std::any_of(sets.begin(), sets.end(),
                     [](const std::string& s) { return s.rfind("scenario.seed=", 0) == 0; });
}

struct Policies {
  models::ModelConfig a;
  models::ModelConfig b;
  ComparisonInfo info;
  std::string note;  ///< a seed replaced, said on screen
};

// The paired replications, once the scenarios and overrides given make one comparison.
std::uint64_t checked_replications(const po::variables_map& vm) {
  const auto files = option_values(vm, "scenarios");
  const auto a_sets = option_values(vm, "a");
  const auto b_sets = option_values(vm, "b");
  if (files.empty()) throw UsageError("compare: one or two SCENARIO files are required");
  if (files.size() == 1 && a_sets.empty() && b_sets.empty() && !vm.count("independent")) {
    throw UsageError(
        "compare: with one scenario, give --a and/or --b overrides (or --independent for an A/A check)");
  }
  if (files.size() == 2 && (!a_sets.empty() || !b_sets.empty())) {
    throw UsageError("compare: --a/--b apply to one scenario; with two, use --set for both");
  }
  if (vm.count("seed") && (sets_seed(a_sets) || sets_seed(b_sets))) {
    throw UsageError("compare: give either --seed (both sides) or a side's scenario.seed, not both");
  }
  const std::uint64_t replications =
      count_within(vm, "replications", 2, kMaxReplications, "a paired interval needs at least 2");
  return replications;
}

ComparisonSettings checked_settings(const po::variables_map& vm) {
  ComparisonSettings s;
  for (const std::string& m : option_values(vm, "margin")) {
    if (const auto problem = s.margins.set(m)) throw UsageError("--margin " + *problem);
  }
  return s;
}

// Seeds: --seed for both; else each side's own scenario.seed override; else A's seed for both.
void choose_seeds(const po::variables_map& vm, const std::vector<std::string>& b_sets, Policies& p) {
  const std::uint64_t file_seed_b = p.b.seed;
  if (vm.count("seed")) {
    p.a.seed = p.b.seed = vm["seed"].as<Count>().value;
  } else if (!sets_seed(b_sets)) {
    p.b.seed = p.a.seed;
    if (file_seed_b != p.a.seed)
      p.note = fmt::format("B's seed {} replaced by A's {}: common random numbers", file_seed_b, p.a.seed);
  }
  const bool independent = vm.count("independent") > 0 || p.a.seed != p.b.seed;
  p.b.replication = p.a.replication + (independent && p.a.seed == p.b.seed ? kIndependentOffset : 0);
  p.info.common_random_numbers = !independent;
}

// Loads A and B (two files, or one with --a/--b overrides); nullopt after printing diagnostics.
std::optional<Policies> load_policies(const po::variables_map& vm, std::uint64_t replications) {
  const auto files = option_values(vm, "scenarios");
  const auto a_sets = option_values(vm, "a");
  const auto b_sets = option_values(vm, "b");
  const auto common = set_values(vm);
  std::vector<std::string> sets_a = common;
  std::vector<std::string> sets_b = common;
  sets_a.insert(sets_a.end(), a_sets.begin(), a_sets.end());
  sets_b.insert(sets_b.end(), b_sets.begin(), b_sets.end());
  const std::string& file_b = files.size() == 2 ? files[1] : files[0];
  const auto a = load_or_report(files[0], parse_overrides(sets_a));
  const auto b = load_or_report(file_b, parse_overrides(sets_b));
  if (!a || !b) return std::nullopt;
  Policies p{a->model, b->model, {}, {}};
  choose_seeds(vm, b_sets, p);
  p.info.label_a = label(files[0], a_sets);
  p.info.label_b = label(file_b, b_sets);
  p.info.a = {fs::path(files[0]).filename().string(), sets_a, p.a.seed, p.a.replication};
  p.info.b = {fs::path(file_b).filename().string(), sets_b, p.b.seed, p.b.replication};
  p.info.replications = replications;
  p.info.version = version();
  return p;
}

}  // namespace

int command_compare(const std::vector<std::string>& args) {
  const po::options_description options = compare_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenarios", 2);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const std::uint64_t replications = checked_replications(vm);
  const ComparisonSettings settings = checked_settings(vm);
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;
  std::optional<Policies> p = load_policies(vm, replications);
  if (!p) return kExitBadInput;
  p->info.settings = settings;
  // Without --threads/--quiet/--out and with files by name: compare.json is the same whatever ran it.
  p->info.command_line = shell_line(recorded_command_line("compare", args, options, "scenarios", 2));
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), p->a, quiet);
  const fs::path out_dir = out_folder(vm, fs::path("out") / "compare");
  require_writable_folder(out_dir);

  using Pair = std::pair<ResultTables, ResultTables>;
  PairedMeasures paired;
  Progress progress(!quiet);
  const auto started = std::chrono::steady_clock::now();
  const std::function<Pair(std::uint64_t)> job = [&](std::uint64_t i) {
    return Pair{tabulated_replication(p->a, i, warmup), tabulated_replication(p->b, i, warmup)};
  };
  const std::function<bool(std::uint64_t, Pair &&)> consume = [&](std::uint64_t i, Pair&& pair) {
    paired.add(pair.first, pair.second);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress.update(fmt::format("  compare: {} of {} replication pairs done, {} elapsed", i + 1, replications,
                                human_duration(wall)));
    return true;
  };
  run_in_order<Pair>(replications, threads, job, consume, pair_wire(tables_wire(p->a), tables_wire(p->b)));
  progress.clear();

  const std::vector<ComparedMeasure> measures = compared_measures(paired, settings);
  create_output_folder(out_dir);
  write_file_atomically(out_dir / "compare.csv", compare_csv(measures));
  write_file_atomically(out_dir / "compare.json", compare_json(measures, p->info));
  if (!quiet) {
    if (!p->note.empty()) std::printf("%s\n", p->note.c_str());
    std::fputs(compare_screen(measures, p->info).c_str(), stdout);
    std::printf("\nAll measures in %s/compare.csv\n", out_dir.string().c_str());
  }
  if (vm.count("report")) {
    std::vector<std::string> report_args{out_dir.string()};
    if (quiet) report_args.emplace_back("--quiet");
    return command_report(report_args);
  }
  return kExitOk;
}

}  // namespace dccsim::tools
