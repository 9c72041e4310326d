// dccsim compare: two policies, paired replications with common random numbers.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <utility>

#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/comparison.hpp"
#include "tools/replications.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

po::options_description compare_options() {
  po::options_description options(
      "dccsim compare A.toml B.toml [options]\n"
      "dccsim compare S.toml --a KEY=VALUE... --b KEY=VALUE... [options]");
  options.add_options()("help,h", "this text")("a", po::value<std::vector<std::string>>()->composing(),
                                               "override for policy A (with one scenario)")(
      "b", po::value<std::vector<std::string>>()->composing(), "override for policy B (with one scenario)");
  add_simulation_options(options, {.set = "override for both",
                                   .replications = 10,
                                   .replications_help = "paired replications",
                                   .seed = "random seed for both (default: A's)",
                                   .warmup = "none, auto or a duration",
                                   .out = "output folder (default: out/compare)",
                                   .quiet = "no table on screen"});
  options.add_options()("scenarios", po::value<std::vector<std::string>>(), "scenario files");
  return options;
}

std::string label(const std::string& file, const std::vector<std::string>& sets) {
  std::string s = fs::path(file).filename().string();
  for (const std::string& x : sets) s += " " + x;
  return s;
}

struct Policies {
  models::ModelConfig a;
  models::ModelConfig b;
  ComparisonInfo info;
};

// The paired replications, once the scenarios and overrides given make one comparison.
std::uint64_t checked_replications(const po::variables_map& vm) {
  const auto files = option_values(vm, "scenarios");
  const auto a_sets = option_values(vm, "a");
  const auto b_sets = option_values(vm, "b");
  if (files.empty()) throw UsageError("compare: one or two SCENARIO files are required");
  if (files.size() == 1 && a_sets.empty() && b_sets.empty()) {
    throw UsageError("compare: with one scenario, give --a and/or --b overrides");
  }
  if (files.size() == 2 && (!a_sets.empty() || !b_sets.empty())) {
    throw UsageError("compare: --a/--b apply to one scenario; with two, use --set for both");
  }
  const std::uint64_t replications = vm["replications"].as<Count>().value;
  if (replications < 2) throw UsageError("--replications: a paired interval needs at least 2");
  return replications;
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
  Policies p{a->model, b->model, {label(files[0], a_sets), label(file_b, b_sets), 0, replications}};
  // Common random numbers: the same seed and replication numbers under both policies.
  p.a.seed = p.b.seed = vm.count("seed") ? vm["seed"].as<Count>().value : p.a.seed;
  p.b.replication = p.a.replication;
  p.info.seed = p.a.seed;
  return p;
}

}  // namespace

int command_compare(const std::vector<std::string>& args) {
  const po::options_description options = compare_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenarios", 2);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const std::uint64_t replications = checked_replications(vm);
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;
  const std::optional<Policies> p = load_policies(vm, replications);
  if (!p) return kExitBadInput;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), p->a, quiet);
  const fs::path out_dir = out_folder(vm, fs::path("out") / "compare");

  using Pair = std::pair<ResultTables, ResultTables>;
  TablesAccumulator acc_a;
  TablesAccumulator acc_b;
  PairedTables paired;
  const std::function<Pair(std::uint64_t)> job = [&](std::uint64_t i) {
    return Pair{tabulated_replication(p->a, i, warmup), tabulated_replication(p->b, i, warmup)};
  };
  const std::function<bool(std::uint64_t, Pair &&)> consume = [&](std::uint64_t i, Pair&& pair) {
    acc_a.add(pair.first, i);
    acc_b.add(pair.second, i);
    paired.add(pair.first, pair.second);
    return true;
  };
  run_in_order<Pair>(p->info.replications, threads, job, consume, pair_wire(tables_wire(p->a), tables_wire(p->b)));

  const std::vector<ComparedMeasure> measures = compared_measures(acc_a, acc_b, paired);
  create_output_folder(out_dir);
  write_file_atomically(out_dir / "compare.csv", compare_csv(measures));
  write_file_atomically(out_dir / "compare.json", compare_json(measures, p->info));
  if (!quiet) {
    std::fputs(compare_screen(measures, p->info).c_str(), stdout);
    std::printf("\nAll measures in %s/compare.csv\n", out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
