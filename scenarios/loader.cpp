#include "scenarios/loader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include <toml++/toml.h>

#include "models/config_check.hpp"
#include "scenarios/counts_csv.hpp"
#include "scenarios/csv.hpp"
#include "scenarios/schema.hpp"
#include "scenarios/units.hpp"
#include "sim/assert.hpp"

namespace dccsim::scenarios {
namespace {

namespace fs = std::filesystem;
using sim::Duration;

// Source name of values given on the command line; they have no line.
constexpr std::string_view kSetFile = "--set";

std::string join_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string element_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::optional<double> as_number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

// The expected actual of a variance forecast, rounded: the count a scenario runs as its demand.
std::optional<std::uint64_t> parse_expected_actual(std::string_view text, std::string& error) {
  double expected = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(expected) ||
      expected < 0 || expected > 1e15) {
    error = "expected_actual must be a number within [0, 1e15], got \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(std::llround(expected));
}

// The output of `dccsim variance` (variance_forecast.csv) read as demand: each row's expected
// actual, rounded, becomes the forecast count. Other columns are the command's and are ignored.
std::vector<CountRow> read_variance_forecast_csv(const fs::path& path, const models::Catalogue& catalogue,
                                                 std::vector<Diagnostic>& out) {
  static constexpr std::array<std::string_view, 5> kHeader{"user", "month", "service", "forecast",
                                                           "expected_actual"};
  return read_keyed_counts(path, catalogue, kHeader, 4, &parse_expected_actual, out);
}

std::string did_you_mean(std::string_view key, std::span<const std::string> candidates) {
  const std::string best = closest(key, candidates);
  return best.empty() ? std::string() : " (did you mean " + best + "?)";
}

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

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A segment of an override key: a name, optionally indexed ("users[0]").
struct Segment {
  std::string name;
  std::optional<std::size_t> index;
};

std::optional<std::vector<Segment>> parse_key_path(std::string_view key, std::string& error) {
  std::vector<Segment> segments;
  std::size_t i = 0;
  const auto bare = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  while (true) {
    Segment s;
    if (i < key.size() && key[i] == '"') {
      const std::size_t close = key.find('"', i + 1);
      if (close == std::string_view::npos) {
        error = "unterminated quote in key";
        return std::nullopt;
      }
      s.name = std::string(key.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      const std::size_t start = i;
      while (i < key.size() && bare(key[i])) ++i;
      s.name = std::string(key.substr(start, i - start));
    }
    if (s.name.empty()) {
      error = "malformed key (expected dotted names such as dsp.servers or users[0].id)";
      return std::nullopt;
    }
    if (i < key.size() && key[i] == '[') {
      const std::size_t close = key.find(']', i);
      std::size_t value = 0;
      const std::string_view digits = close == std::string_view::npos ? "" : key.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos ||
          digits.size() > 9) {
        error = "malformed index in key (expected [N])";
        return std::nullopt;
      }
      for (char c : digits) value = value * 10 + static_cast<std::size_t>(c - '0');
      s.index = value;
      i = close + 1;
    }
    segments.push_back(std::move(s));
    if (i == key.size()) return segments;
    if (key[i] != '.') {
      error = "malformed key (unexpected '" + std::string(1, key[i]) + "')";
      return std::nullopt;
    }
    ++i;
  }
}

template <class E>
using Choices = std::initializer_list<std::pair<std::string_view, E>>;

// A table being read: where it is in the document (for diagnostics) and in the schema.
struct Ctx {
  const toml::table* table = nullptr;  // null: absent, every key takes its default
  std::string path;                    // concrete, e.g. "users[2].meters"
  std::string pattern;                 // schema, e.g. "users[].meters"
};

class Loader {
 public:
  explicit Loader(const fs::path& file) : root_file_(file.string()) {}

  std::vector<Diagnostic> diagnostics;

  std::optional<toml::table> load_document(const fs::path& file, std::vector<fs::path>& chain);
  void apply_override(toml::table& root, const Override& o);
  void check_keys(const toml::table& t, const std::string& pattern, const std::string& path);
  std::optional<models::ModelConfig> build(const toml::table& root);

 private:
  // Diagnostics.
  void report(const toml::node* n, const std::string& key, std::string message) {
    std::string file = root_file_;
    std::size_t line = 0;
    if (n != nullptr) {
      const auto& src = n->source();
      if (src.path) file = *src.path;
      line = file == kSetFile ? 0 : src.begin.line;
    }
    diagnostics.push_back({std::move(file), line, key, std::move(message)});
  }
  void missing(const Ctx& c, std::string_view key) {
    report(c.table, join_path(c.path, key), "missing required key");
  }

  // Key access, checked against the schema so that the loader never reads a key the unknown-key
  // check would reject.
  const toml::node* get(const Ctx& c, std::string_view key) const {
    DCCSIM_ASSERT(child_pattern(c.pattern, key).has_value(), "loader reads a key missing from the schema");
    return c.table != nullptr ? c.table->get(key) : nullptr;
  }
  Ctx sub(const Ctx& c, std::string_view key) const {
    const toml::node* n = get(c, key);
    return Ctx{n != nullptr ? n->as_table() : nullptr, join_path(c.path, key),
               *child_pattern(c.pattern, key)};
  }
  // The elements of an array of tables (non-tables are reported by check_keys).
  std::vector<Ctx> elements(const Ctx& c, std::string_view key) const {
    std::vector<Ctx> out;
    const toml::node* n = get(c, key);
    const toml::array* a = n != nullptr ? n->as_array() : nullptr;
    if (a == nullptr) return out;
    const std::string path = join_path(c.path, key);
    const std::string pattern = *child_pattern(c.pattern, key) + "[]";
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (const auto* t = a->get(i)->as_table()) out.push_back(Ctx{t, element_path(path, i), pattern});
    }
    return out;
  }
  // Reports the keys of `keys` present in `c`, which do not apply given `why`.
  void not_applicable(const Ctx& c, std::initializer_list<std::string_view> keys, const std::string& why) {
    for (std::string_view k : keys) {
      if (const toml::node* n = get(c, k)) report(n, join_path(c.path, k), "does not apply " + why);
    }
  }

  // Typed readers: each leaves `out` unchanged when the key is absent or invalid (reporting the latter).
  bool read_string(const Ctx& c, std::string_view key, std::string& out, bool required = false);
  bool read_bool(const Ctx& c, std::string_view key, bool& out);
  template <class T>
  bool read_integer(const Ctx& c, std::string_view key, T& out, std::int64_t min, std::int64_t max,
                    bool required = false);
  bool read_number(const Ctx& c, std::string_view key, double& out, double min, double max,
                   bool min_exclusive = false);
  bool read_duration(const Ctx& c, std::string_view key, Duration& out, bool positive = false,
                     bool required = false);
  bool read_rate(const Ctx& c, std::string_view key, double& out, bool positive = false);
  bool read_instant(const Ctx& c, std::string_view key, sim::Time& out, bool required = false);
  template <class E>
  bool read_enum(const Ctx& c, std::string_view key, E& out, Choices<E> choices);
  bool read_distribution(const Ctx& c, std::string_view key, sim::AnyDistribution& out);
  bool read_profile(const Ctx& c, std::string_view key, models::TimeProfile& out);
  bool read_weights(const Ctx& c, std::string_view key, std::span<double> out);
  bool read_sr(const Ctx& c, std::string_view key, std::size_t& out, bool required = false);
  bool sr_index(const toml::node& n, const std::string& path, std::size_t& out);

  void read_scenario(const Ctx& root);
  void read_catalogue(const Ctx& root);
  void read_profiles(const Ctx& root);
  void read_users(const Ctx& root);
  void read_user(const Ctx& u, models::User& user);
  void read_demand(const Ctx& root);
  void read_alerts(const Ctx& root);
  void read_alert_fields(const Ctx& c, models::AlertConfig& a);
  void read_csps(const Ctx& root);
  void read_csp_fields(const Ctx& c, models::CspConfig& csp);
  void read_traffic_management(const Ctx& root);
  void read_reporting(const Ctx& root);

  std::string root_file_;
  models::ModelConfig model_;
  std::optional<sim::Calendar> calendar_;
  std::map<std::string, models::TimeProfile, std::less<>> profiles_;
  std::map<std::string, std::size_t, std::less<>> user_index_;
  std::vector<std::string> user_ids_;
  bool have_actuals_ = false;
};

void merge_into(toml::table& base, toml::table&& over, const std::string& pattern) {
  for (auto&& [k, v] : over) {
    const auto child = child_pattern(pattern, k.str());
    const KeySpec* spec = child ? find_key(*child) : nullptr;
    toml::node* existing = base.get(k.str());
    // Tables merge key by key; a distribution or profile table replaces the base one whole, so
    // that parameters of a different `dist` are not left behind.
    if (spec != nullptr && spec->kind == KeyKind::table && existing != nullptr && existing->is_table() &&
        v.is_table()) {
      merge_into(*existing->as_table(), std::move(*v.as_table()), *child);
    } else {
      base.insert_or_assign(k, std::move(v));
    }
  }
}

std::optional<toml::table> Loader::load_document(const fs::path& file, std::vector<fs::path>& chain) {
  const std::string name = file.string();
  const auto bytes = read_text_file(file, diagnostics);
  if (!bytes) return std::nullopt;
  if (is_blank(*bytes)) {
    diagnostics.push_back({name, 0, "", "file is empty, expected a TOML scenario"});
    return std::nullopt;
  }
  if (looks_binary(*bytes)) {
    diagnostics.push_back({name, 0, "", "file is binary, expected TOML text"});
    return std::nullopt;
  }
  toml::table doc;
  try {
    doc = toml::parse(*bytes, name);
  } catch (const toml::parse_error& e) {
    diagnostics.push_back(
        {name, e.source().begin.line, "", "TOML syntax error: " + std::string(e.description())});
    return std::nullopt;
  }
  const toml::node* extends = doc.get("extends");
  if (extends == nullptr) return doc;
  const auto* base_name = extends->as_string();
  if (base_name == nullptr || base_name->get().empty()) {
    report(extends, "extends", "expected a non-empty file name string, got " + type_name(*extends));
    return std::nullopt;
  }
  const fs::path base_path = (file.parent_path() / base_name->get()).lexically_normal();
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(base_path, ec);
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i] != canonical) continue;
    std::string cycle;
    for (std::size_t j = i; j < chain.size(); ++j) cycle += chain[j].filename().string() + " -> ";
    report(extends, "extends", "extends cycle: " + cycle + canonical.filename().string());
    return std::nullopt;
  }
  const std::size_t before = diagnostics.size();
  chain.push_back(canonical);
  auto base = load_document(base_path, chain);
  chain.pop_back();
  if (!base) {
    if (diagnostics.size() > before && diagnostics[before].file == base_path.string() &&
        diagnostics[before].line == 0 && diagnostics[before].message == "file not found") {
      diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(before));
      report(extends, "extends", "file not found: " + base_path.string());
    }
    return std::nullopt;
  }
  doc.erase("extends");
  merge_into(*base, std::move(doc), "");
  return base;
}

void Loader::apply_override(toml::table& root, const Override& o) {
  const auto fail = [this, &o](std::string message) {
    diagnostics.push_back({std::string(kSetFile), 0, o.key, std::move(message)});
  };
  std::string error;
  const auto segments = parse_key_path(o.key, error);
  if (!segments) return fail(error);

  // The value: TOML if it parses as one, else a bare word taken as a string.
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + o.value, kSetFile);
  } catch (const toml::parse_error& e) {
    const bool bare = !o.value.empty() && o.value.find_first_of("\"'[{\n\r") == std::string::npos;
    if (!bare) return fail("invalid TOML value: " + std::string(e.description()));
    try {
      parsed = toml::parse("v = " + toml_quote(o.value), kSetFile);
    } catch (const toml::parse_error& quoted) {
      return fail("invalid value: " + std::string(quoted.description()));
    }
  }
  if (parsed.size() != 1 || parsed.get("v") == nullptr)
    return fail("invalid TOML value (expected one value)");

  toml::table* table = &root;
  std::string pattern;
  bool in_distribution = false;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const Segment& s = (*segments)[i];
    const bool last = i + 1 == segments->size();
    std::optional<std::string> child;
    if (in_distribution) {
      const auto keys = distribution_keys();
      if (std::find(keys.begin(), keys.end(), s.name) != keys.end() && last && !s.index) {
        table->insert_or_assign(s.name, std::move(*parsed.get("v")));
        return;
      }
      std::vector<std::string> names(keys.begin(), keys.end());
      return fail("unknown key " + s.name + " in a distribution" + did_you_mean(s.name, names));
    }
    child = child_pattern(pattern, s.name);
    if (!child) {
      std::vector<std::string> names = child_names(pattern);
      return fail("unknown key" + did_you_mean(s.name, names));
    }
    const KeySpec& spec = *find_key(*child);
    if (s.index && spec.kind != KeyKind::tables) return fail(s.name + " is not an array of tables");
    if (last && !s.index) {
      table->insert_or_assign(s.name, std::move(*parsed.get("v")));
      return;
    }
    if (last) return fail("an override must name a key inside the element, e.g. " + o.key + ".id");
    toml::node* node = table->get(s.name);
    switch (spec.kind) {
      case KeyKind::value:
        return fail(s.name + " is a value, not a table");
      case KeyKind::table:
      case KeyKind::profile:
      case KeyKind::distribution: {
        if (node == nullptr) node = table->insert_or_assign(s.name, toml::table{}).first->second.as_table();
        if (!node->is_table()) return fail(s.name + " is not a table here; set it whole");
        table = node->as_table();
        pattern = *child;
        in_distribution = spec.kind == KeyKind::distribution;
        break;
      }
      case KeyKind::tables: {
        toml::array* array = node != nullptr ? node->as_array() : nullptr;
        if (array == nullptr) return fail("no " + s.name + " entries to override");
        toml::table* element = nullptr;
        if (s.index) {
          if (*s.index >= array->size()) {
            return fail("index " + std::to_string(*s.index) + " is out of range (" +
                        std::to_string(array->size()) + " entries)");
          }
          element = array->get(*s.index)->as_table();
        } else {
          // users.SUPPLIER_A: the element whose id (or user, for buckets) matches.
          ++i;
          if (i + 1 >= segments->size()) return fail("expected a key after the element id");
          const std::string& id = (*segments)[i].name;
          for (auto& n : *array) {
            auto* t = n.as_table();
            if (t == nullptr) continue;
            for (const char* id_key : {"id", "user"}) {
              const auto* v = t->get(id_key);
              if (v != nullptr && v->is_string() && v->as_string()->get() == id) element = t;
            }
          }
          if (element == nullptr) return fail("no " + s.name + " entry with id " + id);
          if ((*segments)[i].index) return fail("malformed key (index after an id)");
        }
        if (element == nullptr) return fail(s.name + " element is not a table");
        table = element;
        pattern = *child + "[]";
        break;
      }
    }
  }
}

void Loader::check_keys(const toml::table& t, const std::string& pattern, const std::string& path) {
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    const std::string concrete = join_path(path, key);
    const auto child = child_pattern(pattern, key);
    if (!child) {
      const std::vector<std::string> names = child_names(pattern);
      report(&v, concrete, "unknown key" + did_you_mean(key, names));
      continue;
    }
    const KeySpec& spec = *find_key(*child);
    switch (spec.kind) {
      case KeyKind::table:
        if (const auto* tt = v.as_table()) {
          check_keys(*tt, *child, concrete);
        } else {
          report(&v, concrete, "expected a table, got " + type_name(v));
        }
        break;
      case KeyKind::tables:
        if (const auto* a = v.as_array()) {
          for (std::size_t i = 0; i < a->size(); ++i) {
            if (const auto* e = a->get(i)->as_table()) {
              check_keys(*e, *child + "[]", element_path(concrete, i));
            } else {
              report(a->get(i), element_path(concrete, i), "expected a table, got " + type_name(*a->get(i)));
            }
          }
        } else {
          report(&v, concrete, "expected an array of tables ([[" + concrete + "]]), got " + type_name(v));
        }
        break;
      case KeyKind::profile:
        if (const auto* tt = v.as_table()) check_keys(*tt, *child, concrete);
        break;
      case KeyKind::distribution:
        if (const auto* tt = v.as_table()) {
          const auto keys = distribution_keys();
          const std::vector<std::string> names(keys.begin(), keys.end());
          for (auto&& [dk, dv] : *tt) {
            if (std::find(keys.begin(), keys.end(), dk.str()) == keys.end()) {
              report(&dv, join_path(concrete, dk.str()),
                     "unknown distribution key" + did_you_mean(dk.str(), names));
            }
          }
        }
        break;
      case KeyKind::value:
        break;
    }
  }
}

bool Loader::read_string(const Ctx& c, std::string_view key, std::string& out, bool required) {
  const toml::node* n = get(c, key);
  if (n == nullptr) {
    if (required) missing(c, key);
    return false;
  }
  const auto* s = n->as_string();
  if (s == nullptr) {
    report(n, join_path(c.path, key), "expected a string, got " + type_name(*n));
    return false;
  }
  if (s->get().empty()) {
    report(n, join_path(c.path, key), "must not be empty");
    return false;
  }
  out = s->get();
  return true;
}

bool Loader::read_bool(const Ctx& c, std::string_view key, bool& out) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  const auto* b = n->as_boolean();
  if (b == nullptr) {
    report(n, join_path(c.path, key), "expected true or false, got " + type_name(*n));
    return false;
  }
  out = b->get();
  return true;
}

template <class T>
bool Loader::read_integer(const Ctx& c, std::string_view key, T& out, std::int64_t min, std::int64_t max,
                          bool required) {
  const toml::node* n = get(c, key);
  if (n == nullptr) {
    if (required) missing(c, key);
    return false;
  }
  std::int64_t v = 0;
  if (const auto* i = n->as_integer()) {
    v = i->get();
  } else if (const auto* f = n->as_floating_point(); f != nullptr && std::isfinite(f->get()) &&
                                                     std::trunc(f->get()) == f->get() &&
                                                     std::fabs(f->get()) < 9e18) {
    v = static_cast<std::int64_t>(f->get());  // 1e6 is a float in TOML but a whole number
  } else {
    const auto x = as_number(*n);
    report(n, join_path(c.path, key),
           "expected a whole number, got " + (x ? number_text(*x) : type_name(*n)));
    return false;
  }
  if (v < min || v > max) {
    report(n, join_path(c.path, key),
           "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
               std::to_string(v));
    return false;
  }
  out = static_cast<T>(v);
  return true;
}

bool Loader::read_number(const Ctx& c, std::string_view key, double& out, double min, double max,
                         bool min_exclusive) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  const auto v = as_number(*n);
  if (!v) {
    report(n, join_path(c.path, key), "expected a number, got " + type_name(*n));
    return false;
  }
  if (!std::isfinite(*v) || *v < min || *v > max || (min_exclusive && *v == min)) {
    std::string range = min_exclusive ? "> " + number_text(min) : ">= " + number_text(min);
    if (std::isfinite(max))
      range = "within " + std::string(min_exclusive ? "(" : "[") + number_text(min) + ", " +
              number_text(max) + "]";
    report(n, join_path(c.path, key), "must be " + range + ", got " + number_text(*v));
    return false;
  }
  out = *v;
  return true;
}

bool Loader::read_duration(const Ctx& c, std::string_view key, Duration& out, bool positive, bool required) {
  const toml::node* n = get(c, key);
  if (n == nullptr) {
    if (required) missing(c, key);
    return false;
  }
  const auto* s = n->as_string();
  if (s == nullptr) {
    report(n, join_path(c.path, key),
           as_number(*n) ? "a duration needs a unit: write it as a string such as \"30s\" or \"15min\""
                         : "expected a duration string such as \"30s\", got " + type_name(*n));
    return false;
  }
  std::string error;
  const auto d = parse_duration(s->get(), error);
  if (!d) {
    report(n, join_path(c.path, key), error);
    return false;
  }
  if (positive && *d <= Duration::zero()) {
    report(n, join_path(c.path, key), "must be positive, got \"" + s->get() + "\"");
    return false;
  }
  out = *d;
  return true;
}

bool Loader::read_rate(const Ctx& c, std::string_view key, double& out, bool positive) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  const auto* s = n->as_string();
  if (s == nullptr) {
    report(n, join_path(c.path, key),
           as_number(*n) ? "a rate needs a unit: write it as a string such as \"1500/s\""
                         : "expected a rate string such as \"1500/s\", got " + type_name(*n));
    return false;
  }
  std::string error;
  const auto r = parse_rate(s->get(), error);
  if (!r) {
    report(n, join_path(c.path, key), error);
    return false;
  }
  if (positive && *r <= 0) {
    report(n, join_path(c.path, key), "must be positive, got \"" + s->get() + "\"");
    return false;
  }
  out = *r;
  return true;
}

std::optional<CivilInstant> decode_instant(const toml::node& n, std::string& error) {
  if (const auto* s = n.as_string()) return parse_instant(s->get(), error);
  const toml::date* date = nullptr;
  const toml::time* time = nullptr;
  if (const auto* d = n.as_date()) date = &d->get();
  if (const auto* dt = n.as_date_time()) {
    date = &dt->get().date;
    time = &dt->get().time;
    if (dt->get().offset && dt->get().offset->minutes != 0) {
      error = "instants are UTC: use Z or no offset";
      return std::nullopt;
    }
  }
  if (date == nullptr) {
    error = "expected an instant such as \"2018-08-15T18:00\", got " + type_name(n);
    return std::nullopt;
  }
  CivilInstant out;
  out.date = sim::CivilDate{date->year, date->month, date->day};
  if (date->year < 1900 || date->year > 2200) {
    error = "year out of range (1900..2200)";
    return std::nullopt;
  }
  if (time != nullptr)
    out.second_of_day = std::int64_t{time->hour} * 3600 + std::int64_t{time->minute} * 60 + time->second;
  return out;
}

bool Loader::read_instant(const Ctx& c, std::string_view key, sim::Time& out, bool required) {
  const toml::node* n = get(c, key);
  if (n == nullptr) {
    if (required) missing(c, key);
    return false;
  }
  std::string error;
  const auto instant = decode_instant(*n, error);
  if (!instant) {
    report(n, join_path(c.path, key), error);
    return false;
  }
  if (!calendar_) return false;  // the epoch is invalid and already reported
  const sim::Time t = calendar_->at(instant->date) + sim::seconds(instant->second_of_day);
  if (t < sim::Time::zero()) {
    report(n, join_path(c.path, key), "is before the scenario epoch");
    return false;
  }
  out = t;
  return true;
}

template <class E>
bool Loader::read_enum(const Ctx& c, std::string_view key, E& out, Choices<E> choices) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  std::vector<std::string> names;
  for (const auto& [name, value] : choices) names.emplace_back(name);
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  const auto* s = n->as_string();
  if (s == nullptr) {
    report(n, join_path(c.path, key), "expected one of " + list + ", got " + type_name(*n));
    return false;
  }
  for (const auto& [name, value] : choices) {
    if (name == s->get()) {
      out = value;
      return true;
    }
  }
  report(n, join_path(c.path, key),
         "unknown value \"" + s->get() + "\", expected one of " + list + did_you_mean(s->get(), names));
  return false;
}

bool Loader::read_distribution(const Ctx& c, std::string_view key, sim::AnyDistribution& out) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  const std::string path = join_path(c.path, key);
  if (const auto* s = n->as_string()) {
    std::string error;
    const auto d = parse_duration(s->get(), error);
    if (!d) {
      report(n, path, error);
      return false;
    }
    out = sim::Deterministic::with_value(d->seconds()).value();
    return true;
  }
  const auto* t = n->as_table();
  if (t == nullptr) {
    report(n, path,
           as_number(*n) ? "a duration needs a unit: write \"2s\" or a table such as { dist = "
                           "\"exponential\", mean = \"2s\" }"
                         : "expected a duration or a distribution table, got " + type_name(*n));
    return false;
  }
  const toml::node* dist_node = t->get("dist");
  if (dist_node == nullptr || !dist_node->is_string()) {
    report(dist_node != nullptr ? dist_node : n, join_path(path, "dist"),
           "missing or not a string: expected one of constant, exponential, uniform, lognormal, gamma, "
           "erlang, empirical");
    return false;
  }
  const std::string dist = dist_node->as_string()->get();
  struct Form {
    std::string_view dist;
    std::initializer_list<std::string_view> keys;
  };
  static const Form kForms[] = {
      {"constant", {"value"}},
      {"exponential", {"mean"}},
      {"uniform", {"min", "max"}},
      {"lognormal", {"mean", "p95", "median", "sigma"}},
      {"gamma", {"shape", "mean", "scale"}},
      {"erlang", {"k", "mean"}},
      {"empirical", {"values", "cdf"}},
  };
  const Form* form = nullptr;
  for (const Form& f : kForms) {
    if (f.dist == dist) form = &f;
  }
  if (form == nullptr) {
    std::vector<std::string> names;
    for (const Form& f : kForms) names.emplace_back(f.dist);
    report(dist_node, join_path(path, "dist"),
           "unknown distribution \"" + dist +
               "\", expected one of constant, exponential, uniform, lognormal, gamma, erlang, empirical" +
               did_you_mean(dist, names));
    return false;
  }
  bool ok = true;
  for (auto&& [k, v] : *t) {
    if (k.str() == "dist") continue;
    const auto keys = distribution_keys();
    if (std::find(keys.begin(), keys.end(), k.str()) == keys.end()) {
      ok = false;  // reported by check_keys
      continue;
    }
    if (std::find(form->keys.begin(), form->keys.end(), k.str()) == form->keys.end()) {
      std::string takes;
      for (std::string_view fk : form->keys) takes += (takes.empty() ? "" : ", ") + std::string(fk);
      report(&v, join_path(path, k.str()),
             "does not apply to dist = \"" + dist + "\" (it takes " + takes + ")");
      ok = false;
    }
  }
  // Parameters: durations in seconds, or plain numbers.
  const auto seconds_of = [&](std::string_view p, bool required) -> std::optional<double> {
    const toml::node* v = t->get(p);
    if (v == nullptr) {
      if (required) report(n, join_path(path, p), "missing required key for dist = \"" + dist + "\"");
      return std::nullopt;
    }
    std::string error;
    const auto* s = v->as_string();
    const auto d = s != nullptr ? parse_duration(s->get(), error) : std::nullopt;
    if (!d) {
      report(v, join_path(path, p),
             s != nullptr ? error : "expected a duration string such as \"2s\", got " + type_name(*v));
      return std::nullopt;
    }
    return d->seconds();
  };
  const auto number_of = [&](std::string_view p, bool required) -> std::optional<double> {
    const toml::node* v = t->get(p);
    if (v == nullptr) {
      if (required) report(n, join_path(path, p), "missing required key for dist = \"" + dist + "\"");
      return std::nullopt;
    }
    const auto x = as_number(*v);
    if (!x || !std::isfinite(*x)) {
      report(v, join_path(path, p), "expected a number, got " + type_name(*v));
      return std::nullopt;
    }
    return x;
  };
  if (!ok) return false;
  const auto accept = [&](auto result) {
    if (!result.ok()) {
      report(n, path, dist + ": " + std::string(result.error()));
      return false;
    }
    out = std::move(result).value();
    return true;
  };
  if (dist == "constant") {
    const auto v = seconds_of("value", true);
    return v && accept(sim::Deterministic::with_value(*v));
  }
  if (dist == "exponential") {
    const auto mean = seconds_of("mean", true);
    return mean && accept(sim::Exponential::with_mean(*mean));
  }
  if (dist == "uniform") {
    const auto lo = seconds_of("min", true);
    const auto hi = seconds_of("max", true);
    return lo && hi && accept(sim::Uniform::with_bounds(*lo, *hi));
  }
  if (dist == "lognormal") {
    const bool by_mean = t->get("mean") != nullptr || t->get("p95") != nullptr;
    const bool by_median = t->get("median") != nullptr || t->get("sigma") != nullptr;
    if (by_mean == by_median) {
      report(n, path, "lognormal takes either mean and p95, or median and sigma");
      return false;
    }
    if (by_mean) {
      const auto mean = seconds_of("mean", true);
      const auto p95 = seconds_of("p95", true);
      return mean && p95 && accept(sim::Lognormal::with_mean_p95(*mean, *p95));
    }
    const auto median = seconds_of("median", true);
    const auto sigma = number_of("sigma", true);
    return median && sigma && accept(sim::Lognormal::with_median_sigma(*median, *sigma));
  }
  if (dist == "gamma") {
    const auto shape = number_of("shape", true);
    if (t->get("mean") != nullptr && t->get("scale") != nullptr) {
      report(n, path, "gamma takes shape with either mean or scale, not both");
      return false;
    }
    if (t->get("scale") != nullptr) {
      const auto scale = seconds_of("scale", true);
      return shape && scale && accept(sim::Gamma::with_shape_scale(*shape, *scale));
    }
    const auto mean = seconds_of("mean", true);
    if (!shape || !mean) return false;
    if (*shape <= 0) {
      report(t->get("shape"), join_path(path, "shape"), "must be > 0");
      return false;
    }
    return accept(sim::Gamma::with_shape_scale(*shape, *mean / *shape));
  }
  if (dist == "erlang") {
    const auto k = number_of("k", true);
    const auto mean = seconds_of("mean", true);
    if (!k || !mean) return false;
    if (*k < 1 || *k > 1e6 || std::trunc(*k) != *k) {
      report(t->get("k"), join_path(path, "k"), "must be a whole number from 1 to 1000000");
      return false;
    }
    return accept(sim::Erlang::with_shape_mean(static_cast<std::uint32_t>(*k), *mean));
  }
  // empirical
  const auto* values_node = t->get("values");
  const auto* cdf_node = t->get("cdf");
  if (values_node == nullptr || cdf_node == nullptr) {
    report(n, path, "empirical needs values and cdf");
    return false;
  }
  const auto* values = values_node->as_array();
  const auto* cdf = cdf_node->as_array();
  if (values == nullptr || cdf == nullptr) {
    report(values == nullptr ? values_node : cdf_node, join_path(path, values == nullptr ? "values" : "cdf"),
           "expected an array");
    return false;
  }
  if (values->size() != cdf->size()) {
    report(n, path,
           "values and cdf must have the same length (" + std::to_string(values->size()) + " vs " +
               std::to_string(cdf->size()) + ")");
    return false;
  }
  std::vector<double> xs;
  std::vector<double> ps;
  for (std::size_t i = 0; i < values->size(); ++i) {
    const auto* s = values->get(i)->as_string();
    std::string error;
    const auto d = s != nullptr ? parse_duration(s->get(), error) : std::nullopt;
    if (!d) {
      report(values->get(i), element_path(join_path(path, "values"), i),
             s != nullptr ? error : "expected a duration string such as \"2s\"");
      ok = false;
      continue;
    }
    xs.push_back(d->seconds());
    const auto p = as_number(*cdf->get(i));
    if (!p) {
      report(cdf->get(i), element_path(join_path(path, "cdf"), i), "expected a number");
      ok = false;
      continue;
    }
    ps.push_back(*p);
  }
  return ok && accept(sim::EmpiricalContinuous::from_cdf(xs, ps));
}

bool Loader::read_weights(const Ctx& c, std::string_view key, std::span<double> out) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  const std::string path = join_path(c.path, key);
  const auto* a = n->as_array();
  if (a == nullptr || a->size() != out.size()) {
    report(n, path,
           "expected an array of " + std::to_string(out.size()) + " weights, got " +
               (a == nullptr ? type_name(*n) : std::to_string(a->size()) + " entries"));
    return false;
  }
  std::vector<double> weights;
  bool ok = true;
  double total = 0;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto v = as_number(*a->get(i));
    if (!v || !std::isfinite(*v) || *v < 0) {
      report(a->get(i), element_path(path, i), "weight must be a finite number >= 0");
      ok = false;
      continue;
    }
    weights.push_back(*v);
    total += *v;
  }
  if (!ok) return false;
  if (total <= 0) {
    report(n, path, "all weights are zero");
    return false;
  }
  std::copy(weights.begin(), weights.end(), out.begin());
  return true;
}

bool Loader::read_profile(const Ctx& c, std::string_view key, models::TimeProfile& out) {
  const toml::node* n = get(c, key);
  if (n == nullptr) return false;
  if (const auto* s = n->as_string()) {
    const auto it = profiles_.find(s->get());
    if (it == profiles_.end()) {
      std::vector<std::string> names;
      for (const auto& [name, p] : profiles_) names.push_back(name);
      report(n, join_path(c.path, key),
             "unknown profile \"" + s->get() + "\"" + did_you_mean(s->get(), names));
      return false;
    }
    out = it->second;
    return true;
  }
  if (!n->is_table()) {
    report(n, join_path(c.path, key),
           "expected a profile name or a table { hourly = [...], daily = [...] }, got " + type_name(*n));
    return false;
  }
  const Ctx p = sub(c, key);
  models::TimeProfile profile;
  const bool hourly_ok = read_weights(p, "hourly", profile.hourly) || get(p, "hourly") == nullptr;
  const bool daily_ok = read_weights(p, "daily", profile.daily) || get(p, "daily") == nullptr;
  if (!hourly_ok || !daily_ok) return false;
  out = profile;
  return true;
}

bool Loader::sr_index(const toml::node& n, const std::string& path, std::size_t& out) {
  const auto* s = n.as_string();
  if (s == nullptr) {
    report(&n, path, "expected an SR id string such as \"4.1.1\" (quoted), got " + type_name(n));
    return false;
  }
  const int index = model_.catalogue.find(s->get());
  if (index < 0) {
    std::vector<std::string> ids;
    for (const auto& t : model_.catalogue.types) ids.push_back(t.id);
    report(&n, path, "unknown SR id \"" + s->get() + "\"" + did_you_mean(s->get(), ids));
    return false;
  }
  out = static_cast<std::size_t>(index);
  return true;
}

bool Loader::read_sr(const Ctx& c, std::string_view key, std::size_t& out, bool required) {
  const toml::node* n = get(c, key);
  if (n == nullptr) {
    if (required) missing(c, key);
    return false;
  }
  return sr_index(*n, join_path(c.path, key), out);
}

void Loader::read_scenario(const Ctx& root) {
  const Ctx s = sub(root, "scenario");
  if (s.table == nullptr && get(root, "scenario") == nullptr) {
    report(nullptr, "scenario", "missing required table [scenario] (with at least name)");
  } else {
    read_string(s, "name", model_.name, true);
  }
  if (const toml::node* n = get(s, "epoch")) {
    std::string error;
    const auto instant = decode_instant(*n, error);
    if (!instant) {
      report(n, "scenario.epoch", error);
    } else if (instant->second_of_day != 0) {
      report(n, "scenario.epoch", "the epoch is a date (00:00 UTC), not a time of day");
    } else {
      model_.epoch = instant->date;
    }
  }
  if (sim::is_valid(model_.epoch)) calendar_.emplace(model_.epoch);
  read_duration(s, "horizon", model_.horizon, true);
  read_integer(s, "seed", model_.seed, 0, std::numeric_limits<std::int64_t>::max());
  read_integer(s, "replication", model_.replication, 0, std::numeric_limits<std::int64_t>::max());
}

void Loader::read_catalogue(const Ctx& root) {
  const Ctx c = sub(root, "catalogue");
  bool use_default = true;
  read_bool(c, "use_default", use_default);
  if (!use_default) model_.catalogue.types.clear();
  std::map<std::string, std::size_t, std::less<>> seen;  // id -> line of its entry
  for (const Ctx& e : elements(c, "sr")) {
    std::string id;
    if (!read_string(e, "id", id, true)) continue;
    const std::size_t line = e.table->source().begin.line;
    if (const auto [it, inserted] = seen.emplace(id, line); !inserted) {
      report(e.table, e.path + ".id",
             "duplicate SR id \"" + id + "\" (first at line " + std::to_string(it->second) + ")");
      continue;
    }
    int index = model_.catalogue.find(id);
    if (index < 0) {
      // A new SR type must say what it is; an existing one only changes what is given.
      models::SrType t;
      t.id = id;
      if (get(e, "name") == nullptr) missing(e, "name");
      if (get(e, "family") == nullptr) missing(e, "family");
      model_.catalogue.types.push_back(std::move(t));
      index = static_cast<int>(model_.catalogue.types.size() - 1);
    }
    models::SrType& t = model_.catalogue.types[static_cast<std::size_t>(index)];
    read_string(e, "name", t.name);
    read_integer(e, "family", t.family, 1, 999);
    read_bool(e, "on_demand", t.on_demand);
    read_bool(e, "future_dated", t.future_dated);
    read_bool(e, "dcc_scheduled", t.dcc_scheduled);
    read_bool(e, "reaches_device", t.reaches_device);
    read_duration(e, "target", t.target_response, true);
    read_distribution(e, "dsp_service", t.dsp_service_s);
    read_number(e, "csp_cost", t.csp_cost, 0, HUGE_VAL);
    read_integer(e, "token_cost", t.token_cost, 0, 1'000'000);
    read_number(e, "family_share", t.family_share, 0, HUGE_VAL);
    if (!t.on_demand && !t.future_dated && !t.dcc_scheduled) {
      report(e.table, e.path,
             "SR " + id + " must be on_demand, future_dated or dcc_scheduled (all are false)");
    }
  }
  if (model_.catalogue.types.empty()) {
    report(c.table, "catalogue",
           "catalogue is empty: set use_default = true or add [[catalogue.sr]] entries");
  }
}

void Loader::read_profiles(const Ctx& root) {
  const Ctx p = sub(root, "profiles");
  if (p.table == nullptr) return;
  for (auto&& [k, v] : *p.table) {
    if (!v.is_table()) continue;  // reported by check_keys
    models::TimeProfile profile;
    const std::string name(k.str());
    const Ctx named = sub(p, name);
    const bool hourly_ok = read_weights(named, "hourly", profile.hourly) || get(named, "hourly") == nullptr;
    const bool daily_ok = read_weights(named, "daily", profile.daily) || get(named, "daily") == nullptr;
    if (hourly_ok && daily_ok)
      profiles_.emplace(name, profile);
    else
      profiles_.emplace(name, models::TimeProfile{});  // reported; keeps users naming it quiet
  }
}

void Loader::read_users(const Ctx& root) {
  // Ids first, so that buckets and CSV rows can name any User.
  for (const Ctx& u : elements(root, "users")) {
    models::User user;
    if (read_string(u, "id", user.id, true)) {
      const auto [it, inserted] = user_index_.emplace(user.id, model_.users.size());
      if (!inserted) {
        report(u.table->get("id"), u.path + ".id",
               "duplicate user id \"" + user.id + "\" (first is users[" + std::to_string(it->second) + "])");
      }
      user_ids_.push_back(user.id);
    }
    read_user(u, user);
    model_.users.push_back(std::move(user));
  }
}

void Loader::read_user(const Ctx& u, models::User& user) {
  read_enum(u, "role", user.role,
            Choices<models::Role>{{"large_supplier", models::Role::large_supplier},
                                  {"small_supplier", models::Role::small_supplier},
                                  {"network_operator", models::Role::network_operator},
                                  {"other", models::Role::other}});
  const Ctx meters = sub(u, "meters");
  read_number(meters, "north", user.meters[0], 0, HUGE_VAL);
  read_number(meters, "central", user.meters[1], 0, HUGE_VAL);
  read_number(meters, "south", user.meters[2], 0, HUGE_VAL);

  const Ctx b = sub(u, "behaviour");
  using BK = models::Behaviour::Kind;
  read_enum(b, "kind", user.behaviour.kind,
            Choices<BK>{
                {"fixed_ratio", BK::fixed_ratio}, {"lognormal", BK::lognormal}, {"recorded", BK::recorded}});
  switch (user.behaviour.kind) {
    case BK::fixed_ratio:
      read_number(b, "ratio", user.behaviour.ratio, 0, 1e6);
      not_applicable(b, {"median", "sigma"}, "to kind = \"fixed_ratio\" (it takes ratio)");
      break;
    case BK::lognormal:
      read_number(b, "median", user.behaviour.median, 0, 1e6, true);
      read_number(b, "sigma", user.behaviour.sigma, 0, 10);
      not_applicable(b, {"ratio"}, "to kind = \"lognormal\" (it takes median and sigma)");
      break;
    case BK::recorded:
      not_applicable(b, {"ratio", "median", "sigma"},
                     "to kind = \"recorded\" (actuals come from demand.actuals)");
      break;
  }
  read_profile(u, "profile", user.profile);

  const sim::Time end = sim::Time::zero() + model_.horizon;
  for (const Ctx& e : elements(u, "bursts")) {
    models::Burst burst;
    if (read_instant(e, "at", burst.at, true) && burst.at >= end) {
      report(get(e, "at"), e.path + ".at", "is at or after the end of the horizon");
    }
    read_integer(e, "count", burst.count, 0, std::numeric_limits<std::int64_t>::max(), true);
    const bool sr_ok = read_sr(e, "sr", burst.sr_type, true);
    read_duration(e, "spread", burst.spread);
    read_bool(e, "future_dated", burst.future_dated);
    if (sr_ok && burst.future_dated && !model_.catalogue.types[burst.sr_type].future_dated) {
      report(get(e, "future_dated"), e.path + ".future_dated",
             "SR " + model_.catalogue.types[burst.sr_type].id +
                 " cannot be future-dated (catalogue future_dated = false)");
    }
    user.bursts.push_back(burst);
  }

  const Ctx f = sub(u, "future_dating");
  using FK = models::FutureDating::Kind;
  read_enum(f, "kind", user.future_dating.kind,
            Choices<FK>{{"next_midnight", FK::next_midnight}, {"delay", FK::delay}});
  read_number(f, "share", user.future_dating.share, 0, 1);
  if (user.future_dating.kind == FK::next_midnight) {
    read_duration(f, "jitter", user.future_dating.jitter);
    not_applicable(f, {"delay"}, "to kind = \"next_midnight\" (it takes jitter)");
  } else {
    if (get(f, "delay") == nullptr) missing(f, "delay");
    read_distribution(f, "delay", user.future_dating.delay_s);
    not_applicable(f, {"jitter"}, "to kind = \"delay\" (it takes delay)");
  }

  for (const Ctx& e : elements(u, "schedules")) {
    models::DccSchedule schedule;
    if (read_sr(e, "sr", schedule.sr_type, true) && !model_.catalogue.types[schedule.sr_type].dcc_scheduled) {
      report(get(e, "sr"), e.path + ".sr",
             "SR " + model_.catalogue.types[schedule.sr_type].id +
                 " is not DCC-scheduled (catalogue dcc_scheduled = false)");
    }
    read_number(e, "meters_share", schedule.meters_share, 0, 1);
    if (const toml::node* n = get(e, "times")) {
      const auto* a = n->as_array();
      if (a == nullptr || a->empty()) {
        report(n, e.path + ".times", "expected a non-empty array of times of day such as [\"01:00\"]");
      } else {
        for (std::size_t i = 0; i < a->size(); ++i) {
          const toml::node& t = *a->get(i);
          std::string error;
          std::optional<Duration> at;
          if (const auto* s = t.as_string()) {
            at = parse_time_of_day(s->get(), error);
          } else if (const auto* tv = t.as_time()) {
            at = sim::seconds(std::int64_t{tv->get().hour} * 3600 + std::int64_t{tv->get().minute} * 60 +
                              tv->get().second);
          } else {
            error = "expected a time of day such as \"01:00\", got " + type_name(t);
          }
          if (at)
            schedule.times_of_day.push_back(*at);
          else
            report(&t, element_path(e.path + ".times", i), error);
        }
      }
    } else {
      missing(e, "times");
    }
    read_duration(e, "jitter", schedule.jitter);
    user.schedules.push_back(std::move(schedule));
  }

  const Ctx csr = sub(u, "csr");
  read_integer(csr, "batch_size", user.csr.batch_size, 1, 1'000'000'000);
  if (const toml::node* n = get(csr, "hours")) {
    const auto* a = n->as_array();
    if (a == nullptr || a->empty()) {
      report(n, csr.path + ".hours", "expected a non-empty array of hours 0..23");
    } else {
      std::array<bool, 24> hours{};
      bool ok = true;
      for (std::size_t i = 0; i < a->size(); ++i) {
        const auto* h = a->get(i)->as_integer();
        if (h == nullptr || h->get() < 0 || h->get() > 23) {
          report(a->get(i), element_path(csr.path + ".hours", i), "expected an hour 0..23");
          ok = false;
          continue;
        }
        hours[static_cast<std::size_t>(h->get())] = true;
      }
      if (ok) user.csr.hours = hours;
    }
  }
  read_duration(csr, "spread", user.csr.spread);

  const Ctx r = sub(u, "retry");
  read_integer(r, "max_attempts", user.retry.max_attempts, 1, 255);
  read_distribution(r, "backoff", user.retry.backoff_s);
  if (user.retry.max_attempts > 1 && get(r, "backoff") == nullptr) {
    report(r.table, r.path + ".backoff", "missing required key when max_attempts > 1");
  }
}

void Loader::read_demand(const Ctx& root) {
  const Ctx d = sub(root, "demand");
  const sim::Time end = sim::Time::zero() + model_.horizon;
  for (const std::string_view key :
       {std::string_view("forecasts"), std::string_view("actuals"), std::string_view("variance_forecast")}) {
    const toml::node* n = get(d, key);
    if (n == nullptr) continue;
    if (key == "variance_forecast" && get(d, "forecasts") != nullptr) {
      report(n, join_path(d.path, key), "give demand.forecasts or demand.variance_forecast, not both");
      continue;
    }
    std::string name;
    if (!read_string(d, key, name)) continue;
    // Relative to the file that names it; a --set value is relative to the working directory.
    const auto& src = n->source();
    fs::path csv = name;
    if (csv.is_relative() && src.path && *src.path != kSetFile) csv = fs::path(*src.path).parent_path() / csv;
    csv = csv.lexically_normal();
    const std::size_t before = diagnostics.size();
    const auto rows = key == "variance_forecast"
                          ? read_variance_forecast_csv(csv, model_.catalogue, diagnostics)
                          : read_counts_csv(csv, model_.catalogue, diagnostics);
    if (diagnostics.size() > before && diagnostics.back().message == "file not found" && rows.empty()) {
      diagnostics.pop_back();
      report(n, join_path(d.path, key), "file not found: " + csv.string());
      continue;
    }
    if (key == "actuals") have_actuals_ = true;
    for (const CountRow& row : rows) {
      const auto it = user_index_.find(row.user);
      if (it == user_index_.end()) {
        diagnostics.push_back(
            {csv.string(), row.line, "user",
             "unknown User \"" + row.user + "\" (not in [[users]])" + did_you_mean(row.user, user_ids_)});
        continue;
      }
      if (calendar_) {
        const sim::Time start = calendar_->start_of(row.month);
        const sim::Time next = calendar_->start_of(row.month.plus(1));
        if (next <= sim::Time::zero() || start >= end) {
          diagnostics.push_back({csv.string(), row.line, "month",
                                 "month " + std::to_string(row.month.year) + "-" +
                                     (row.month.month < 10 ? "0" : "") + std::to_string(row.month.month) +
                                     " lies outside the scenario horizon"});
          continue;
        }
      }
      models::User& user = model_.users[it->second];
      auto& list = key == "actuals" ? user.recorded_actuals : user.forecasts;
      list.push_back(models::MonthlyCount{row.month, row.service, row.count});
    }
  }
  for (std::size_t i = 0; i < model_.users.size(); ++i) {
    if (model_.users[i].behaviour.kind == models::Behaviour::Kind::recorded && !have_actuals_) {
      report(get(root, "users"), element_path("users", i) + ".behaviour.kind",
             "kind = \"recorded\" needs demand.actuals");
    }
  }
}

void Loader::read_alert_fields(const Ctx& c, models::AlertConfig& a) {
  read_number(c, "per_meter_per_day", a.per_meter_per_day, 0, 1e6);
  read_profile(c, "profile", a.profile);
  read_distribution(c, "wan_latency", a.wan_latency_s);
  read_distribution(c, "dsp_service", a.dsp_service_s);
}

void Loader::read_alerts(const Ctx& root) {
  const Ctx alerts = sub(root, "alerts");
  const sim::Time end = sim::Time::zero() + model_.horizon;
  // The defaults are read once, so that a bad default is reported once rather than per region.
  models::AlertConfig defaults = model_.alerts[0];
  read_alert_fields(alerts, defaults);
  for (std::size_t r = 0; r < models::kRegionCount; ++r) {
    models::AlertConfig& a = model_.alerts[r];
    a = defaults;
    const Ctx region = sub(alerts, models::region_name(static_cast<models::Region>(r)));
    read_alert_fields(region, a);
    for (const Ctx& e : elements(region, "storms")) {
      models::AlertConfig::Storm storm;
      if (read_instant(e, "start", storm.start, true) && storm.start >= end) {
        report(get(e, "start"), e.path + ".start", "is at or after the end of the horizon");
      }
      read_duration(e, "duration", storm.duration, true, true);
      read_number(e, "multiplier", storm.multiplier, 0, 1e6);
      a.storms.push_back(storm);
    }
  }
}

void Loader::read_csp_fields(const Ctx& c, models::CspConfig& csp) {
  read_integer(c, "concurrency", csp.concurrency, 1, std::numeric_limits<std::uint32_t>::max());
  read_integer(c, "queue_limit", csp.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_distribution(c, "wan_latency", csp.wan_latency_s);
  read_distribution(c, "device_latency", csp.device_latency_s);
  read_number(c, "failure_probability", csp.failure_probability, 0, 1);
  read_duration(c, "timeout", csp.timeout, true);
  read_duration(c, "mtbf", csp.mtbf);
  read_duration(c, "mttr", csp.mttr);
}

void Loader::read_csps(const Ctx& root) {
  const Ctx csps = sub(root, "csp");
  models::CspConfig defaults = model_.csps[0];
  read_csp_fields(csps, defaults);
  for (std::size_t r = 0; r < models::kRegionCount; ++r) {
    models::CspConfig& csp = model_.csps[r];
    csp = defaults;
    const Ctx region = sub(csps, models::region_name(static_cast<models::Region>(r)));
    read_csp_fields(region, csp);
    if (csp.mtbf > Duration::zero() && csp.mttr <= Duration::zero()) {
      report(region.table != nullptr ? region.table : csps.table, region.path + ".mttr",
             "must be positive when mtbf is set");
    }
    for (const Ctx& e : elements(region, "maintenance")) {
      models::CapacityWindow w;
      const bool start_ok = read_instant(e, "start", w.start, true);
      if (read_instant(e, "end", w.end, true) && start_ok && w.end <= w.start) {
        report(get(e, "end"), e.path + ".end", "must be after start");
      }
      read_number(e, "capacity_factor", w.capacity_factor, 0, 1);
      csp.maintenance.push_back(w);
    }
  }
}

void Loader::read_traffic_management(const Ctx& root) {
  const Ctx c = sub(root, "traffic_management");
  models::TrafficManagementConfig& tm = model_.traffic_management;
  read_enum(c, "activation", tm.activation,
            Choices<models::Activation>{{"always", models::Activation::always},
                                        {"threshold", models::Activation::threshold},
                                        {"never", models::Activation::never}});
  read_enum(c, "action", tm.action,
            Choices<models::ThrottleAction>{{"reject", models::ThrottleAction::reject},
                                            {"delay", models::ThrottleAction::delay}});
  read_integer(c, "delay_queue_limit", tm.delay_queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_enum(c, "allocation", tm.allocation,
            Choices<models::AllocationPolicy>{{"forecast_share", models::AllocationPolicy::forecast_share},
                                              {"equal", models::AllocationPolicy::equal},
                                              {"max_min_fair", models::AllocationPolicy::max_min_fair}});
  read_enum(c, "capacity", tm.capacity_mode,
            Choices<models::CapacityMode>{{"fixed", models::CapacityMode::fixed},
                                          {"dynamic", models::CapacityMode::dynamic}});
  read_rate(c, "system_capacity", tm.system_capacity_per_s, true);
  read_number(c, "operating_threshold", tm.operating_threshold, 0, 1, true);
  Duration depth = sim::from_seconds(tm.bucket_depth_s);
  if (read_duration(c, "bucket_depth", depth, true)) tm.bucket_depth_s = depth.seconds();
  read_number(c, "initial_fill", tm.initial_fill, 0, 1);
  read_duration(c, "interval", tm.interval, true);
  if (const toml::node* n = get(c, "exempt")) {
    const auto* a = n->as_array();
    if (a == nullptr) {
      report(n, c.path + ".exempt", "expected an array of SR ids such as [\"8.2\"], got " + type_name(*n));
    } else {
      for (std::size_t i = 0; i < a->size(); ++i) {
        std::size_t index = 0;
        if (sr_index(*a->get(i), element_path(c.path + ".exempt", i), index))
          tm.exempt_sr_types.push_back(index);
      }
    }
  }
  for (const Ctx& e : elements(c, "buckets")) {
    models::BucketOverride bucket;
    if (read_string(e, "user", bucket.user, true) && !user_index_.contains(bucket.user)) {
      report(get(e, "user"), e.path + ".user",
             "unknown User \"" + bucket.user + "\"" + did_you_mean(bucket.user, user_ids_));
    }
    if (get(e, "rate") == nullptr) missing(e, "rate");
    read_rate(e, "rate", bucket.rate_per_s);
    if (get(e, "depth") == nullptr) missing(e, "depth");
    read_number(e, "depth", bucket.depth_tokens, 0, HUGE_VAL);
    tm.buckets.push_back(bucket);
  }
  const Ctx dyn = sub(c, "dynamic");
  read_number(dyn, "target_utilisation", tm.dynamic.target_utilisation, 0, 1, true);
  read_number(dyn, "smoothing", tm.dynamic.smoothing, 0, 1, true);
  read_number(dyn, "decrease_factor", tm.dynamic.decrease_factor, 0, 1, true);
  const bool min_ok = read_rate(dyn, "min", tm.dynamic.min_per_s, true);
  const bool max_ok = read_rate(dyn, "max", tm.dynamic.max_per_s, true);
  if ((min_ok || max_ok) && tm.dynamic.min_per_s > tm.dynamic.max_per_s) {
    report(get(dyn, max_ok ? "max" : "min"), dyn.path + (max_ok ? ".max" : ".min"),
           "min must not exceed max");
  }
}

void Loader::read_reporting(const Ctx& root) {
  const Ctx c = sub(root, "reporting");
  models::ReportingConfig& r = model_.reporting;
  read_number(c, "sr_low", r.sr_low, 0, 1);
  read_number(c, "sr_high", r.sr_high, 1, 1e6);
  read_number(c, "csr_high", r.csr_high, 1, 1e6);
  read_number(c, "target_service_level", r.target_service_level, 0, 1);
  read_number(c, "minimum_service_level", r.minimum_service_level, 0, 1);
  if (r.minimum_service_level > r.target_service_level) {
    report(get(c, "minimum_service_level"), "reporting.minimum_service_level",
           "must not exceed target_service_level");
  }
  read_duration(c, "future_dated_target", r.future_dated_target, true);
  read_duration(c, "alert_target", r.alert_target, true);
  read_duration(c, "series_interval", r.series_interval, true);
  read_number(c, "utilisation_limit", r.utilisation_limit, 0, 1, true);
  read_number(c, "queue_limit_share", r.queue_limit_share, 0, 1, true);
  read_integer(c, "min_interval_responses", r.min_interval_responses, 0,
               std::numeric_limits<std::int64_t>::max());
}

std::optional<models::ModelConfig> Loader::build(const toml::table& doc) {
  const Ctx root{&doc, "", ""};
  const std::size_t before = diagnostics.size();
  read_scenario(root);
  read_catalogue(root);
  read_profiles(root);
  read_users(root);
  read_demand(root);
  read_alerts(root);
  {
    models::AlertThrottle& a = model_.alert_throttle;
    const Ctx c = sub(root, "alert_throttle");
    read_bool(c, "enabled", a.enabled);
    read_rate(c, "rate", a.rate_per_s);
    read_number(c, "depth", a.depth_tokens, 0, HUGE_VAL);
    read_number(c, "exempt_share", a.exempt_share, 0, 1);
  }
  {
    models::DspConfig& dsp = model_.dsp;
    const Ctx c = sub(root, "dsp");
    read_integer(c, "servers", dsp.servers, 1, 1'000'000);
    read_enum(c, "discipline", dsp.discipline,
              Choices<models::Discipline>{{"fifo", models::Discipline::fifo},
                                          {"priority", models::Discipline::priority}});
    read_integer(c, "queue_limit", dsp.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
    read_distribution(c, "response_processing", dsp.response_processing_s);
  }
  {
    models::SmkiConfig& smki = model_.smki;
    const Ctx c = sub(root, "smki");
    read_integer(c, "servers", smki.servers, 1, 1'000'000);
    read_distribution(c, "service", smki.service_s);
    read_integer(c, "queue_limit", smki.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
    read_duration(c, "target", smki.target_response, true);
  }
  read_csps(root);
  read_traffic_management(root);
  read_reporting(root);
  if (diagnostics.size() != before) return std::nullopt;
  return std::move(model_);
}

}  // namespace

std::optional<Override> parse_override(std::string_view text, Diagnostic& error) {
  error = Diagnostic{std::string(kSetFile), 0, std::string(text), ""};
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    error.message = "expected KEY=VALUE";
    return std::nullopt;
  }
  const auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
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

LoadResult load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
  LoadResult result;
  Loader loader(file);
  std::error_code ec;
  std::vector<fs::path> chain{fs::weakly_canonical(file, ec)};
  auto doc = loader.load_document(file, chain);
  if (doc) {
    for (const Override& o : overrides) loader.apply_override(*doc, o);
    loader.check_keys(*doc, "", "");
    auto model = loader.build(*doc);
    if (model && loader.diagnostics.empty()) {
      for (const models::ConfigProblem& problem : models::check_config(*model)) {
        loader.diagnostics.push_back({file.string(), 0, problem.field, problem.message});
      }
      if (loader.diagnostics.empty()) {
        std::string name = model->name;
        result.scenario = Scenario{std::move(*model), std::move(name), file};
      }
    }
  }
  // Per file in order of first mention, then by line: the order in which a reader fixes them.
  auto& diagnostics = loader.diagnostics;
  std::vector<std::string> files;
  for (const Diagnostic& d : diagnostics) {
    if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  }
  const auto rank = [&files](const Diagnostic& d) {
    return std::make_pair(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&rank](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  result.diagnostics = std::move(diagnostics);
  return result;
}

std::vector<std::string> accepted_keys() {
  std::vector<std::string> keys;
  for (const KeySpec& spec : schema()) {
    if (spec.kind != KeyKind::table) keys.push_back(spec.pattern);
  }
  for (std::string_view k : distribution_keys()) keys.push_back("<distribution>." + std::string(k));
  return keys;
}

}  // namespace dccsim::scenarios
