#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

// Program_options plumbing of the command files (*_command.cpp); nothing else includes this header.
namespace dccsim::tools {

/// Parses a subcommand's arguments (UsageError on a bad one), `positional_count` positional ones under the
/// option `positional` (none when null); prints the options and returns nullopt for --help.
std::optional<boost::program_options::variables_map> parse_or_help(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const char* positional = nullptr, int positional_count = 0);

/// A whole-number option value. Program_options would read "-3" into an unsigned type as a huge
/// number; this type accepts digits only and reports anything else as a bad value.
struct Count {
  std::uint64_t value = 0;
};
/// Program_options hook (found by argument-dependent lookup) that parses a Count.
void validate(boost::any& out, const std::vector<std::string>& values, Count*, int);
/// Prints a Count (for defaults in --help).
std::ostream& operator<<(std::ostream& os, const Count& c);

/// Replications any command accepts: beyond this a study is a typo (or takes weeks).
inline constexpr std::uint64_t kMaxReplications = 100'000;
/// Worker threads any command accepts.
inline constexpr std::uint64_t kMaxThreads = 1024;

/// The Count option `name` (which must be present), or UsageError "--name: must lie within
/// LOW..HIGH, got N (why)" outside [low, high].
std::uint64_t count_within(const boost::program_options::variables_map& vm, const char* name,
                           std::uint64_t low, std::uint64_t high, const char* why);

/// The `--threads` value: 1..kMaxThreads (else UsageError); all cores when absent.
unsigned thread_count(const boost::program_options::variables_map& vm);

/// The values of a repeatable option such as `--set` (empty when none).
std::vector<std::string> option_values(const boost::program_options::variables_map& vm, const char* name);

/// The `--set` values of a parsed command (empty when none).
inline std::vector<std::string> set_values(const boost::program_options::variables_map& vm) {
  return option_values(vm, "set");
}

/// The `--out` folder, or `fallback` when absent.
std::filesystem::path out_folder(const boost::program_options::variables_map& vm,
                                 const std::filesystem::path& fallback);

/// Creates `dir` and checks a file can be written in it, before any work starts: else UsageError
/// "--out: DIR: cannot write here (reason)".
void require_writable_folder(const std::filesystem::path& dir);

/// The help texts (and default replications) of the options every simulating command takes.
struct SimulationOptionHelp {
  const char* set;
  std::uint64_t replications;
  const char* replications_help;
  const char* seed;
  const char* warmup;
  const char* out;
  const char* quiet;
};
/// Adds --set, --replications, --threads, --seed, --warmup, --out and --quiet, in that order.
void add_simulation_options(boost::program_options::options_description& options,
                            const SimulationOptionHelp& help);

}  // namespace dccsim::tools
