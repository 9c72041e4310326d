#include "tools/command_options.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <thread>

#include "tools/command_line.hpp"

namespace po = boost::program_options;

namespace dccsim::tools {
namespace {

po::variables_map parse_command(const std::vector<std::string>& args, const po::options_description& options,
                                const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error_with_option_name& e) {
    // One form for every flag problem: "--name: problem".
    const std::string name = e.get_option_name();
    const std::string what = e.what();
    if (name.empty() || what.find(name) != std::string::npos) throw UsageError(what);
    throw UsageError(name + ": " + what);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

}  // namespace

std::optional<po::variables_map> parse_or_help(const std::vector<std::string>& args,
                                               const po::options_description& options, const char* positional,
                                               int positional_count) {
  po::positional_options_description names;
  if (positional) names.add(positional, positional_count);
  po::variables_map vm = parse_command(args, options, names);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return std::nullopt;
  }
  return vm;
}

void validate(boost::any& out, const std::vector<std::string>& values, Count*, int) {
  po::validators::check_first_occurrence(out);
  const std::string& text = po::validators::get_single_string(values);
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) {
    po::error_with_option_name error("expected a whole number (0, 1, 2, ...), got '%value%'");
    error.set_substitute("value", text);
    throw error;
  }
  out = boost::any(Count{n});
}

std::uint64_t count_within(const po::variables_map& vm, const char* name, std::uint64_t low,
                           std::uint64_t high, const char* why) {
  const std::uint64_t n = vm[name].as<Count>().value;
  if (n < low || n > high) {
    throw UsageError("--" + std::string(name) + ": must lie within " + std::to_string(low) + ".." +
                     std::to_string(high) + ", got " + std::to_string(n) + (why[0] != 0 ? " (" + std::string(why) + ")" : ""));
  }
  return n;
}

std::ostream& operator<<(std::ostream& os, const Count& c) { return os << c.value; }

unsigned thread_count(const po::variables_map& vm) {
  if (!vm.count("threads")) return std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(count_within(vm, "threads", 1, kMaxThreads, ""));
}

std::vector<std::string> option_values(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::filesystem::path out_folder(const po::variables_map& vm, const std::filesystem::path& fallback) {
  return vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>()) : fallback;
}

void require_writable_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError("--out: " + dir.string() + ": cannot create the folder (" + ec.message() + ")");
  const std::filesystem::path probe = dir / ".dccsim-write-test";
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    out << "x";
    out.flush();
    if (!out) {
      throw UsageError("--out: " + dir.string() + ": cannot write in the folder (permissions, or not a folder)");
    }
  }
  std::filesystem::remove(probe, ec);
}

void add_simulation_options(po::options_description& options, const SimulationOptionHelp& help) {
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(), help.set)(
      "replications,r", po::value<Count>()->default_value(Count{help.replications}), help.replications_help)(
      "threads,j", po::value<Count>(), "worker threads (default: all cores)")(
      "seed", po::value<Count>(), help.seed)("warmup", po::value<std::string>()->default_value("none"),
                                             help.warmup)("out", po::value<std::string>(), help.out)(
      "quiet,q", help.quiet);
}

}  // namespace dccsim::tools
