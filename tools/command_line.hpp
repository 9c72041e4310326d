#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/loader.hpp"

// What every dccsim subcommand shares: exit codes, usage errors, loading scenarios with their
// diagnostics printed. The Program_options plumbing is in tools/command_options.hpp.
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

/// Refuses (UsageError) a key given twice in `sets` (the first value would be silently dropped), and
/// `scenario.seed` among them when `seed_option` (--seed, which would silently win over it).
void check_overrides_honoured(const std::vector<scenarios::Override>& sets, bool seed_option);

/// Loads a scenario, printing every diagnostic to stderr; nullopt when there was any.
std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<scenarios::Override>& sets);

/// "42s", "3m05s", "1h20m".
std::string human_duration(double seconds);

}  // namespace dccsim::tools
