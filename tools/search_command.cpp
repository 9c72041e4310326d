// dccsim search: the smallest value of a parameter at which a goal holds with the stated confidence.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/command_options.hpp"
#include "tools/commands.hpp"
#include "tools/provenance.hpp"
#include "tools/measures.hpp"
#include "tools/replications.hpp"
#include "tools/search.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {
namespace {

po::options_description search_options() {
  po::options_description options(
      "dccsim search SCENARIO --vary KEY=LO..HI[:STEP] --goal 'MEASURE >= VALUE' [options]\n"
      "The smallest value of KEY at which the goal (>= or <=) holds with the stated confidence, assuming\n"
      "that once met it stays met for larger values; common random numbers across values");
  options.add_options()("help,h", "this text")("vary", po::value<std::string>(),
                                               "the parameter and its range (integer step 1 unless given)")(
      "goal", po::value<std::string>(), "MEASURE >= VALUE or MEASURE <= VALUE (names: dccsim measures)")(
      "confidence", po::value<double>()->default_value(0.95),
      "one-sided confidence that the goal holds or fails")(
      "max-replications", po::value<Count>()->default_value(Count{100}), "per value tried");
  add_simulation_options(options, {.set = "override for every value",
                                   .replications = 5,
                                   .replications_help = "replications per batch at a value",
                                   .seed = "random seed (default: the scenario's)",
                                   .warmup = "none or a duration",
                                   .out = "output folder (default: out/search-<scenario name>)",
                                   .quiet = "no lines on screen"});
  options.add_options()("scenario", po::value<std::string>(), "scenario file");
  return options;
}

struct Parsed {
  std::string key;
  SearchRange range;
  SearchGoal goal;
  SearchSettings settings;
};

Parsed parse_arguments(const po::variables_map& vm) {
  if (!vm.count("scenario")) throw UsageError("search: a SCENARIO file is required");
  if (!vm.count("vary")) throw UsageError("search: --vary KEY=LO..HI is required");
  if (!vm.count("goal")) throw UsageError("search: --goal 'MEASURE >= VALUE' is required");
  Parsed p;
  const std::string vary = vm["vary"].as<std::string>();
  const auto eq = vary.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError(fmt::format("--vary: expected KEY=LO..HI, got '{}'", vary));
  p.key = vary.substr(0, eq);
  std::string problem;
  const auto range = parse_search_range(std::string_view(vary).substr(eq + 1), problem);
  if (!range) throw UsageError("--vary " + p.key + ": " + problem);
  p.range = *range;
  const auto goal = parse_search_goal(vm["goal"].as<std::string>(), problem);
  if (!goal) throw UsageError("--goal: " + problem);
  p.goal = *goal;
  p.settings.replications = vm["replications"].as<Count>().value;
  p.settings.max_replications = vm["max-replications"].as<Count>().value;
  p.settings.confidence = vm["confidence"].as<double>();
  if (p.settings.replications < 2) throw UsageError("--replications: a confidence bound needs at least 2");
  if (p.settings.max_replications < p.settings.replications)
    throw UsageError("--max-replications: must be at least --replications");
  if (!(p.settings.confidence > 0.5 && p.settings.confidence < 1))
    throw UsageError("--confidence: must be in (0.5, 1)");
  return p;
}

// The scenario at each value, loaded when first needed (LO and HI before anything runs).
class PointConfigs {
 public:
  PointConfigs(const po::variables_map& vm, const Parsed& p)
      : vm_(vm), p_(p), file_(vm["scenario"].as<std::string>()) {}
  const models::ModelConfig* at(std::size_t k) {
    auto it = configs_.find(k);
    if (it != configs_.end()) return &it->second;
    std::vector<std::string> sets = set_values(vm_);
    sets.push_back(p_.key + "=" + p_.range.text(k));
    auto scenario = load_or_report(file_, parse_overrides(sets));
    if (!scenario) return nullptr;
    if (vm_.count("seed")) scenario->model.seed = vm_["seed"].as<Count>().value;
    name_ = scenario->name;
    return &configs_.emplace(k, std::move(scenario->model)).first->second;
  }
  const std::string& name() const { return name_; }

 private:
  const po::variables_map& vm_;
  const Parsed& p_;
  std::string file_;
  std::map<std::size_t, models::ModelConfig> configs_;
  std::string name_;
};

struct BadPoint {};  // a value's scenario had diagnostics (already printed)

}  // namespace

int command_search(const std::vector<std::string>& args) {
  const po::options_description options = search_options();
  const std::optional<po::variables_map> parsed = parse_or_help(args, options, "scenario", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const Parsed p = parse_arguments(vm);
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;
  PointConfigs configs(vm, p);
  if (!configs.at(0) || !configs.at(p.range.points() - 1)) return kExitBadInput;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), *configs.at(0), quiet);
  const fs::path out_dir = out_folder(vm, fs::path("out") / ("search-" + configs.name()));

  // Replication i at every value shares seed and replication number: common random numbers.
  const SearchSampler sample = [&](std::size_t k, std::uint64_t first, std::uint64_t count) {
    const models::ModelConfig* config = configs.at(k);
    if (!config) throw BadPoint{};
    std::vector<double> values;
    const std::function<double(std::uint64_t)> job = [&](std::uint64_t i) {
      const MeasureValues m = measure_values(tabulated_replication(*config, first + i, warmup));
      for (std::size_t j = 0; j < m.specs.size(); ++j) {
        if (m.specs[j].name == p.goal.measure) return m.values[j];
      }
      throw UsageError(
          fmt::format("--goal: no measure '{}' in this run (dccsim measures lists them)", p.goal.measure));
    };
    const std::function<bool(std::uint64_t, double&&)> consume = [&](std::uint64_t, double&& v) {
      values.push_back(v);
      return true;
    };
    run_in_order<double>(count, threads, job, consume);
    return values;
  };
  SearchResult result;
  try {
    result = run_search(p.range, p.goal, p.settings, sample, [&](const SearchPoint& point) {
      if (!quiet) std::printf("%s\n", search_point_line(p.key, p.goal, point).c_str());
      std::fflush(stdout);
    });
  } catch (const BadPoint&) {
    return kExitBadInput;
  }
  SearchInfo info{p.key,          fs::path(vm["scenario"].as<std::string>()).filename().string(),
                  set_values(vm), configs.at(0)->seed,
                  version(),      shell_line(recorded_command_line("search", args, options, "scenario", 1))};
  create_output_folder(out_dir);
  write_file_atomically(out_dir / "search.csv", search_csv(result));
  write_file_atomically(out_dir / "search.json", search_json(result, p.range, p.goal, p.settings, info));
  if (!quiet) {
    std::fputs(search_summary(result, p.range, p.goal, p.settings, p.key).c_str(), stdout);
    std::printf("Points in %s, answer and bracket in %s\n", (out_dir / "search.csv").string().c_str(),
                (out_dir / "search.json").string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
