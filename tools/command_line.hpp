#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/loader.hpp"

// What every dccsim subcommand shares: exit codes, usage errors, loading scenarios with their
// diagnostics printed, and Program_options parsing.
namespace dccsim::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitBadInput = 2;

/// dccsim's version ("0.2.0"), as the build defines it.
const char* version();

/// A bad command line: reported in one line, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Parses `--set KEY=VALUE` texts; throws UsageError (after printing all problems but the last).
std::vector<scenarios::Override> parse_overrides(const std::vector<std::string>& sets);

/// Loads a scenario, printing every diagnostic to stderr; nullopt when there was any.
std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<scenarios::Override>& sets);

/// Parses a subcommand's arguments; throws UsageError on a bad one.
boost::program_options::variables_map parse_command(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional);

/// A whole-number option value. Program_options would read "-3" into an unsigned type as a huge
/// number; this type accepts digits only and reports anything else as a bad value.
struct Count {
  std::uint64_t value = 0;
};
/// Program_options hook (found by argument-dependent lookup) that parses a Count.
void validate(boost::any& out, const std::vector<std::string>& values, Count*, int);
/// Prints a Count (for defaults in --help).
std::ostream& operator<<(std::ostream& os, const Count& c);

/// The `--threads` value: at least 1 (else UsageError), at most 1024; all cores when absent.
unsigned thread_count(const boost::program_options::variables_map& vm);

/// "42s", "3m05s", "1h20m".
std::string human_duration(double seconds);

/// The `--set` values of a parsed command (empty when none).
std::vector<std::string> set_values(const boost::program_options::variables_map& vm);

/// dccsim run.
int command_run(const std::vector<std::string>& args);
/// dccsim validate.
int command_validate(const std::vector<std::string>& args);
/// dccsim variance: variance forecasts and their backtest.
int command_variance(const std::vector<std::string>& args);

}  // namespace dccsim::tools
