#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// A JSON value the report builds its chart specifications from and reads dccsim's JSON outputs
// into. Objects keep their keys in insertion order, so the text written is deterministic.
namespace dccsim::tools {

/// A JSON value: null, true/false, a number, a string, an array or an object (ordered keys).
class Json {
 public:
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  /// null.
  Json() = default;
  /// null.
  Json(std::nullptr_t) {}
  /// true or false.
  Json(bool b) : value_(b) {}
  /// A number; NaN and infinities are written as null.
  Json(double d) : value_(d) {}
  /// A whole number (exact up to 2^53).
  Json(int n) : value_(static_cast<double>(n)) {}
  /// A count (exact up to 2^53).
  Json(std::size_t n) : value_(static_cast<double>(n)) {}
  /// A string.
  Json(const char* s) : value_(std::string(s)) {}
  /// A string.
  Json(std::string s) : value_(std::move(s)) {}
  /// A string.
  Json(std::string_view s) : value_(std::string(s)) {}
  /// An array.
  Json(Array a) : value_(std::move(a)) {}
  /// An object.
  Json(Object o) : value_(std::move(o)) {}

  /// An object from key/value pairs, in that order: Json::object({{"mark", "line"}}).
  static Json object(std::initializer_list<Member> members) { return Json(Object(members)); }
  /// An array of the given values.
  static Json array(std::initializer_list<Json> values) { return Json(Array(values)); }

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value_); }
  bool is_bool() const { return std::holds_alternative<bool>(value_); }
  bool is_number() const { return std::holds_alternative<double>(value_); }
  bool is_string() const { return std::holds_alternative<std::string>(value_); }
  bool is_array() const { return std::holds_alternative<Array>(value_); }
  bool is_object() const { return std::holds_alternative<Object>(value_); }

  /// The number; NaN for null or any other kind (the outputs write undefined figures as null).
  double number() const;
  /// The string; empty for any other kind.
  const std::string& string() const;
  /// The boolean; false for any other kind.
  bool boolean() const { return is_bool() && std::get<bool>(value_); }
  /// The elements; empty for any other kind.
  const Array& array() const;
  /// The members; empty for any other kind.
  const Object& object() const;

  /// The member named `key` of an object, or nullptr (also when this is no object).
  const Json* find(std::string_view key) const;
  /// The number at `key`, NaN when absent or not a number.
  double number_at(std::string_view key) const;
  /// The string at `key`, empty when absent or not a string.
  std::string string_at(std::string_view key) const;
  /// Sets member `key` of an object (replacing it, or appending it in order); makes null an object.
  Json& set(std::string key, Json value);
  /// Appends to an array; makes null an array.
  Json& push_back(Json value);

  /// Compact JSON text; numbers in shortest round-trip form.
  std::string dump() const;
  /// Appends the compact JSON text to `out`.
  void dump_to(std::string& out) const;

 private:
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> value_;
};

/// Where and why JSON text failed to parse.
struct JsonError {
  std::size_t line = 0;  ///< 1-based
  std::string message;
};

/// Parses RFC 8259 JSON text (one value, surrounding white space allowed); on failure `error` says
/// where and why, and the result is nullopt. Nesting deeper than 256 levels is refused.
std::optional<Json> parse_json(std::string_view text, JsonError& error);

}  // namespace dccsim::tools
