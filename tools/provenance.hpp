#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/text_format.hpp"  // shell_line

namespace boost::program_options {
class options_description;
}

// What a result file records so it can be reproduced from itself: the dccsim version, the command
// line and the overrides, seed and replications in effect. The recorded line leaves out the options
// that cannot change a result (--threads, --quiet, --out), and gives file arguments by file name,
// so a file is byte-identical whatever thread count, folder or working directory produced it.
namespace dccsim::tools {

class JsonWriter;

struct Provenance {
  std::vector<std::string> command_line;  ///< "dccsim", the command, then the recorded arguments
  std::vector<std::string> overrides;     ///< --set KEY=VALUE texts (and --vary for a sweep), in order
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> replications;
};

/// The options that never change a result, left out of a recorded command line.
inline const std::set<std::string, std::less<>> kResultNeutralOptions{"threads", "quiet", "out", "help"};

/// `args` of `command` as a result records them: parsed again with `options` (and the positional
/// option `positional`, its file arguments reduced to file names, as are the values of the options
/// in `file_options`), without kResultNeutralOptions; "dccsim" and the command first.
std::vector<std::string> recorded_command_line(std::string_view command, const std::vector<std::string>& args,
                                               const boost::program_options::options_description& options,
                                               const char* positional, int positional_count,
                                               const std::set<std::string, std::less<>>& file_options = {});

/// Writes `"provenance": {version, command_line: [...], overrides: [...], seed, replications}` (the
/// last two only when set) as the next key of the open object.
void write_provenance(JsonWriter& j, const Provenance& p);

}  // namespace dccsim::tools
