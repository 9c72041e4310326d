#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dccsim::tools {

/// Builds compact, deterministic JSON text: keys in call order, doubles in shortest round-trip
/// form, NaN and infinities as null. Misuse (a value where a key is due) is a programmer error.
class JsonWriter {
 public:
  /// Opens an object (as a value, or after key()).
  JsonWriter& begin_object();
  /// Closes the innermost object.
  JsonWriter& end_object();
  /// Opens an array.
  JsonWriter& begin_array();
  /// Closes the innermost array.
  JsonWriter& end_array();
  /// Names the next value inside an object.
  JsonWriter& key(std::string_view k);
  /// A string value, escaped.
  JsonWriter& value(std::string_view s);
  /// A string value (avoids the bool overload for literals).
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  /// A number; non-finite values become null.
  JsonWriter& value(double d);
  /// An unsigned integer.
  JsonWriter& value(std::uint64_t n);
  /// A signed integer.
  JsonWriter& value(std::int64_t n);
  /// true or false.
  JsonWriter& value(bool b);
  /// null.
  JsonWriter& null();
  /// The text so far, with a trailing newline once the outermost value is closed.
  std::string str() const { return out_ + "\n"; }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

/// `s` as a JSON string literal, quotes included.
std::string json_quote(std::string_view s);

}  // namespace dccsim::tools
