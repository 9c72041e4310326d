#include "tools/report_html_json.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "tools/json_writer.hpp"

namespace dccsim::tools {

double Json::number() const {
  return is_number() ? std::get<double>(value_) : std::numeric_limits<double>::quiet_NaN();
}

const std::string& Json::string() const {
  static const std::string empty;
  return is_string() ? std::get<std::string>(value_) : empty;
}

const Json::Array& Json::array() const {
  static const Array empty;
  return is_array() ? std::get<Array>(value_) : empty;
}

const Json::Object& Json::object() const {
  static const Object empty;
  return is_object() ? std::get<Object>(value_) : empty;
}

const Json* Json::find(std::string_view key) const {
  for (const Member& m : object()) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

double Json::number_at(std::string_view key) const {
  const Json* v = find(key);
  return v ? v->number() : std::numeric_limits<double>::quiet_NaN();
}

std::string Json::string_at(std::string_view key) const {
  const Json* v = find(key);
  return v ? v->string() : std::string();
}

Json& Json::set(std::string key, Json value) {
  if (is_null()) value_ = Object{};
  auto& members = std::get<Object>(value_);
  for (Member& m : members) {
    if (m.first == key) {
      m.second = std::move(value);
      return *this;
    }
  }
  members.emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::push_back(Json value) {
  if (is_null()) value_ = Array{};
  std::get<Array>(value_).push_back(std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Json::dump_to(std::string& out) const {
  struct Visitor {
    std::string& out;
    void operator()(std::nullptr_t) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(double d) const { out += std::isfinite(d) ? fmt::format("{}", d) : "null"; }
    void operator()(const std::string& s) const { out += json_quote(s); }
    void operator()(const Array& a) const {
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += ',';
        a[i].dump_to(out);
      }
      out += ']';
    }
    void operator()(const Object& o) const {
      out += '{';
      for (std::size_t i = 0; i < o.size(); ++i) {
        if (i) out += ',';
        out += json_quote(o[i].first);
        out += ':';
        o[i].second.dump_to(out);
      }
      out += '}';
    }
  };
  std::visit(Visitor{out}, value_);
}

namespace {

// Recursive descent over the text; every failure records the line and stops.
class Parser {
 public:
  Parser(std::string_view text, JsonError& error) : text_(text), error_(error) {}

  std::optional<Json> document() {
    std::optional<Json> v = value(0);
    if (!v) return std::nullopt;
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text after the JSON value");
    return v;
  }

 private:
  std::nullopt_t fail(std::string message) {
    if (error_.message.empty()) {
      error_.line = line_;
      error_.message = std::move(message);
    }
    return std::nullopt;
  }

  bool failed(std::string message) {
    fail(std::move(message));
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') ++line_;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::optional<Json> value(int depth) {
    if (depth > 256) return fail("nested too deeply");
    skip_space();
    if (pos_ == text_.size()) return fail("unexpected end of text");
    const char c = text_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      std::optional<std::string> s = string();
      if (!s) return std::nullopt;
      return Json(std::move(*s));
    }
    if (literal("true")) return Json(true);
    if (literal("false")) return Json(false);
    if (literal("null")) return Json();
    return number();
  }

  std::optional<Json> number() {
    const std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    const std::size_t first_digit = pos_;
    if (digits() == 0) return fail("expected a value");
    if (text_[first_digit] == '0' && pos_ - first_digit > 1) return fail("a number has a leading zero");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail("a number has no digits after its decimal point");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail("a number has no digits in its exponent");
    }
    double d = 0;
    const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, d);
    if (ec != std::errc() || end != text_.data() + pos_) return fail("a number is out of range");
    return Json(d);
  }

  bool hex4(unsigned& code) {
    if (pos_ + 4 > text_.size()) return false;
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9')
        code |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        code |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        code |= static_cast<unsigned>(h - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    const auto byte = [&](unsigned b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
    if (code < 0x80) {
      byte(code);
    } else if (code < 0x800) {
      byte(0xC0 | (code >> 6));
      byte(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      byte(0xE0 | (code >> 12));
      byte(0x80 | ((code >> 6) & 0x3F));
      byte(0x80 | (code & 0x3F));
    } else {
      byte(0xF0 | (code >> 18));
      byte(0x80 | ((code >> 12) & 0x3F));
      byte(0x80 | ((code >> 6) & 0x3F));
      byte(0x80 | (code & 0x3F));
    }
  }

  bool escape(std::string& out) {
    if (pos_ == text_.size()) return failed("unterminated string");
    const char e = text_[pos_++];
    const std::string_view plain = "\"\\/bfnrt";
    const std::string_view meant = "\"\\/\b\f\n\r\t";
    if (const auto at = plain.find(e); at != std::string_view::npos) {
      out += meant[at];
      return true;
    }
    if (e != 'u') return failed(fmt::format("unknown escape \\{}", e));
    unsigned code = 0;
    if (!hex4(code)) return failed("bad \\u escape");
    if (code >= 0xD800 && code < 0xDC00) {  // a high surrogate needs its low half
      unsigned low = 0;
      if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low >= 0xE000) return failed("unpaired surrogate");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code < 0xE000) {
      return failed("unpaired surrogate");
    }
    append_utf8(out, code);
    return true;
  }

  std::optional<std::string> string() {
    ++pos_;  // the opening quote
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c == '\\') {
        if (!escape(out)) return std::nullopt;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        return fail("a control character in a string");
      } else {
        out += c;
      }
    }
    return fail("unterminated string");
  }

  std::optional<Json> array(int depth) {
    ++pos_;
    Json::Array items;
    skip_space();
    if (literal("]")) return Json(std::move(items));
    while (true) {
      std::optional<Json> v = value(depth + 1);
      if (!v) return std::nullopt;
      items.push_back(std::move(*v));
      skip_space();
      if (literal("]")) return Json(std::move(items));
      if (!literal(",")) return fail("expected , or ] in an array");
    }
  }

  std::optional<Json> object(int depth) {
    ++pos_;
    Json::Object members;
    skip_space();
    if (literal("}")) return Json(std::move(members));
    while (true) {
      skip_space();
      if (pos_ == text_.size() || text_[pos_] != '"') return fail("expected a key in quotes");
      std::optional<std::string> key = string();
      if (!key) return std::nullopt;
      skip_space();
      if (!literal(":")) return fail("expected : after a key");
      std::optional<Json> v = value(depth + 1);
      if (!v) return std::nullopt;
      members.emplace_back(std::move(*key), std::move(*v));
      skip_space();
      if (literal("}")) return Json(std::move(members));
      if (!literal(",")) return fail("expected , or } in an object");
    }
  }

  std::string_view text_;
  JsonError& error_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

std::optional<Json> parse_json(std::string_view text, JsonError& error) {
  error = {};
  return Parser(text, error).document();
}

}  // namespace dccsim::tools
