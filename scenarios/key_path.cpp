#include "scenarios/key_path.hpp"

namespace dccsim::scenarios {
namespace {

bool is_bare(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Reads the name at `i` (quoted or bare) into `out`; false with `error` when there is none.
bool read_name(std::string_view key, std::size_t& i, std::string& out, std::string& error) {
  if (i < key.size() && key[i] == '"') {
    const std::size_t close = key.find('"', i + 1);
    if (close == std::string_view::npos) {
      error = "unterminated quote in key";
      return false;
    }
    out = std::string(key.substr(i + 1, close - i - 1));
    i = close + 1;
  } else {
    const std::size_t start = i;
    while (i < key.size() && is_bare(key[i])) ++i;
    out = std::string(key.substr(start, i - start));
  }
  if (out.empty()) {
    error = "malformed key (expected dotted names such as dsp.servers or users[0].id)";
    return false;
  }
  return true;
}

// Reads "[N]" at `i`, when there is one, into `out`; false with `error` when malformed.
bool read_index(std::string_view key, std::size_t& i, std::optional<std::size_t>& out, std::string& error) {
  if (i >= key.size() || key[i] != '[') return true;
  const std::size_t close = key.find(']', i);
  const std::string_view digits = close == std::string_view::npos ? "" : key.substr(i + 1, close - i - 1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos ||
      digits.size() > 9) {
    error = "malformed index in key (expected [N])";
    return false;
  }
  std::size_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::size_t>(c - '0');
  out = value;
  i = close + 1;
  return true;
}

}  // namespace

std::optional<std::vector<KeySegment>> parse_key_path(std::string_view key, std::string& error) {
  std::vector<KeySegment> segments;
  std::size_t i = 0;
  while (true) {
    KeySegment s;
    if (!read_name(key, i, s.name, error) || !read_index(key, i, s.index, error)) return std::nullopt;
    segments.push_back(std::move(s));
    if (i == key.size()) return segments;
    if (key[i] != '.') {
      error = "malformed key (unexpected '" + std::string(1, key[i]) + "')";
      return std::nullopt;
    }
    ++i;
  }
}

}  // namespace dccsim::scenarios
