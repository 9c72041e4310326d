#include "scenarios/overrides.hpp"

#include <algorithm>
#include <string>

#include "scenarios/key_path.hpp"
#include "scenarios/reader.hpp"
#include "scenarios/schema.hpp"

namespace dccsim::scenarios {
namespace {

std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// `text` parsed as the value of key "v", from the source "--set".
toml::table parse_as_value(const std::string& text) { return toml::parse("v = " + text, kSetFile); }

// The value of an override: TOML if it parses as one, else a bare word taken as a string. The result
// holds it as "v"; nullopt with `error` otherwise.
std::optional<toml::table> parse_value(const std::string& value, std::string& error) {
  toml::table parsed;
  try {
    parsed = parse_as_value(value);
  } catch (const toml::parse_error& e) {
    const bool bare = !value.empty() && value.find_first_of("\"'[{\n\r") == std::string::npos;
    if (!bare) {
      error = "invalid TOML value: " + std::string(e.description());
      return std::nullopt;
    }
    try {
      parsed = parse_as_value(toml_quote(value));
    } catch (const toml::parse_error& quoted) {
      error = "invalid value: " + std::string(quoted.description());
      return std::nullopt;
    }
  }
  if (parsed.size() != 1 || parsed.get("v") == nullptr) {
    error = "invalid TOML value (expected one value)";
    return std::nullopt;
  }
  return parsed;
}

// The element of `array` whose id (or user, for buckets) is `id`, or null.
toml::table* element_with_id(toml::array& array, const std::string& id) {
  toml::table* element = nullptr;
  for (auto& n : array) {
    auto* t = n.as_table();
    if (t == nullptr) continue;
    for (const char* id_key : {"id", "user"}) {
      const auto* v = t->get(id_key);
      if (v != nullptr && v->is_string() && v->as_string()->get() == id) element = t;
    }
  }
  return element;
}

// Walks an override's key through the document, creating the tables it names; `error` says why not.
class OverrideWriter {
 public:
  OverrideWriter(toml::table& doc, const Override& o, std::vector<KeySegment> segments, toml::table value)
      : table_(&doc), key_(o.key), segments_(std::move(segments)), value_(std::move(value)) {}

  // Writes the value; false with `error` set when the key cannot take it.
  bool write(std::string& error) {
    for (i_ = 0; i_ < segments_.size(); ++i_) {
      const auto done = in_distribution_ ? step_distribution(error) : step(error);
      if (!done || *done) return done.value_or(false);
    }
    error = "malformed key";  // not reached: the last segment always writes or fails
    return false;
  }

 private:
  bool last() const { return i_ + 1 == segments_.size(); }
  void put(const std::string& name) { table_->insert_or_assign(name, std::move(*value_.get("v"))); }

  // Inside a distribution table only its parameters may follow, as the last segment.
  std::optional<bool> step_distribution(std::string& error) {
    const KeySegment& s = segments_[i_];
    const auto keys = distribution_keys();
    if (std::find(keys.begin(), keys.end(), s.name) != keys.end() && last() && !s.index) {
      put(s.name);
      return true;
    }
    const std::vector<std::string> names(keys.begin(), keys.end());
    error = "unknown key " + s.name + " in a distribution" + did_you_mean(s.name, names);
    return std::nullopt;
  }

  // One segment: writes (true), descends (false) or fails (nullopt with `error`).
  std::optional<bool> step(std::string& error) {
    const KeySegment& s = segments_[i_];
    const auto child = child_pattern(pattern_, s.name);
    if (!child) {
      const std::vector<std::string> names = child_names(pattern_);
      error = "unknown key" + did_you_mean(s.name, names);
      return std::nullopt;
    }
    const KeySpec& spec = *find_key(*child);
    if (s.index && spec.kind != KeyKind::tables) {
      error = s.name + " is not an array of tables";
      return std::nullopt;
    }
    if (last() && !s.index) {
      put(s.name);
      return true;
    }
    if (last()) {
      error = "an override must name a key inside the element, e.g. " + key_ + ".id";
      return std::nullopt;
    }
    if (spec.kind == KeyKind::value) {
      error = s.name + " is a value, not a table";
      return std::nullopt;
    }
    const bool entered = spec.kind == KeyKind::tables ? enter_element(error) : enter_table(error);
    if (!entered) return std::nullopt;
    pattern_ = *child + (spec.kind == KeyKind::tables ? "[]" : "");
    in_distribution_ = spec.kind == KeyKind::distribution;
    return false;
  }

  bool enter_table(std::string& error) {
    const std::string& name = segments_[i_].name;
    toml::node* node = table_->get(name);
    // A created table is written by --set too, so that a problem inside it names --set.
    if (node == nullptr)
      node = &table_->insert_or_assign(name, std::move(*parse_as_value("{}").get("v"))).first->second;
    if (!node->is_table()) {
      error = name + " is not a table here; set it whole";
      return false;
    }
    table_ = node->as_table();
    return true;
  }

  bool enter_element(std::string& error) {
    const KeySegment& s = segments_[i_];
    // catalogue.sr."4.1.1".target: an [[catalogue.sr]] entry changes only what it gives of a
    // built-in SR, so the entry (and the array) is created when the document has none.
    const bool catalogue_sr = i_ == 1 && segments_[0].name == "catalogue" && s.name == "sr" && !s.index;
    toml::node* node = table_->get(s.name);
    if (node == nullptr && catalogue_sr)
      node = &table_->insert_or_assign(s.name, std::move(*parse_as_value("[]").get("v"))).first->second;
    toml::array* array = node != nullptr ? node->as_array() : nullptr;
    if (array == nullptr) {
      error = "no " + s.name + " entries to override";
      return false;
    }
    toml::table* element = nullptr;
    if (s.index) {
      if (*s.index >= array->size()) {
        error = "index " + std::to_string(*s.index) + " is out of range (" + std::to_string(array->size()) +
                " entries)";
        return false;
      }
      element = array->get(*s.index)->as_table();
    } else {
      // users.SUPPLIER_A: the element whose id (or user, for buckets) matches.
      ++i_;
      if (i_ + 1 >= segments_.size()) {
        error = "expected a key after the element id";
        return false;
      }
      const std::string& id = segments_[i_].name;
      element = element_with_id(*array, id);
      if (element == nullptr && catalogue_sr) {
        toml::table entry = *parse_as_value("{}").get("v")->as_table();
        entry.insert_or_assign("id", id);
        array->push_back(std::move(entry));
        element = array->back().as_table();
      }
      if (element == nullptr) {
        error = "no " + s.name + " entry with id " + id;
        return false;
      }
      if (segments_[i_].index) {
        error = "malformed key (index after an id)";
        return false;
      }
    }
    if (element == nullptr) {
      error = s.name + " element is not a table";
      return false;
    }
    table_ = element;
    return true;
  }

  toml::table* table_;
  const std::string& key_;
  std::vector<KeySegment> segments_;
  toml::table value_;
  std::string pattern_;
  std::size_t i_ = 0;
  bool in_distribution_ = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

void apply_override(toml::table& doc, const Override& o, std::vector<Diagnostic>& out) {
  std::string error;
  auto segments = parse_key_path(o.key, error);
  auto value = segments ? parse_value(o.value, error) : std::nullopt;
  if (value && OverrideWriter(doc, o, std::move(*segments), std::move(*value)).write(error)) return;
  out.push_back({std::string(kSetFile), 0, o.key, std::move(error)});
}

std::optional<Override> parse_override(std::string_view text, Diagnostic& error) {
  error = Diagnostic{std::string(kSetFile), 0, std::string(text), ""};
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    error.message = "expected KEY=VALUE";
    return std::nullopt;
  }
  Override o{std::string(trim(text.substr(0, eq))), std::string(trim(text.substr(eq + 1)))};
  error.key = o.key;
  std::string why;
  if (o.key.empty() || !parse_key_path(o.key, why)) {
    error.message = o.key.empty() ? "empty key" : why;
    return std::nullopt;
  }
  if (o.value.empty()) {
    error.message = "empty value";
    return std::nullopt;
  }
  return o;
}

}  // namespace dccsim::scenarios
