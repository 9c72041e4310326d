#pragma once

#include <string>
#include <string_view>
#include <vector>

// The command line as outputs record it, so a result can be reproduced from its own file.
namespace dccsim::tools {

/// "dccsim COMMAND ARG...", each argument single-quoted for a POSIX shell when it needs to be.
inline std::string command_text(std::string_view command, const std::vector<std::string>& args) {
  std::string out = "dccsim " + std::string(command);
  for (const std::string& a : args) {
    const bool plain = !a.empty() && a.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_-+=.,/:@%") == std::string::npos;
    if (plain) {
      out += " " + a;
      continue;
    }
    out += " '";
    for (const char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += "'";
  }
  return out;
}

}  // namespace dccsim::tools
