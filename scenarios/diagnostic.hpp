#pragma once

#include <cstddef>
#include <string>

namespace dccsim::scenarios {

/// One problem found in user input, located by file, line (0 when unknown) and dotted key.
struct Diagnostic {
  std::string file;
  std::size_t line = 0;
  std::string key;      ///< dotted key path (`users[2].meters.north`), CSV column, or empty for a whole file
  std::string message;  ///< the problem, lower case, no trailing period

  /// "file:line: key: problem"; the line is left out when 0 and the key when empty.
  std::string to_string() const;
};

}  // namespace dccsim::scenarios
