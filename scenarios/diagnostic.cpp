#include "scenarios/diagnostic.hpp"

namespace dccsim::scenarios {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line != 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  out += message;
  return out;
}

}  // namespace dccsim::scenarios
