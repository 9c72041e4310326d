#include "scenarios/typed_readers.hpp"

#include <algorithm>
#include <cmath>

namespace dccsim::scenarios {
namespace {

// The node of `key`, or null; a required key that is absent is reported.
const toml::node* value_of(Reporter& r, const TableView& c, std::string_view key, bool required) {
  const toml::node* n = c.get(key);
  if (n == nullptr && required) r.missing(c, key);
  return n;
}

// How a value with a unit is written: its name and examples for the diagnostics.
struct UnitForm {
  std::string_view needs_unit;  // the hint for a bare number
  std::string_view expected;    // the hint for any other type
};

constexpr UnitForm kDurationForm{"a duration needs a unit: write it as a string such as \"30s\" or \"15min\"",
                                 "expected a duration string such as \"30s\", got "};
constexpr UnitForm kRateForm{"a rate needs a unit: write it as a string such as \"1500/s\"",
                             "expected a rate string such as \"1500/s\", got "};

// A string with a unit read by `parse` (a units.hpp parser); > zero when `positive`.
template <class T, class Parse>
bool read_with_unit(Reporter& r, const TableView& c, std::string_view key, const UnitForm& form, Parse parse,
                    bool positive, bool required, T zero, T& out) {
  const toml::node* n = value_of(r, c, key, required);
  if (n == nullptr) return false;
  const auto* s = n->as_string();
  if (s == nullptr) {
    r.report(n, c.path_of(key),
             as_number(*n) ? std::string(form.needs_unit) : std::string(form.expected) + type_name(*n));
    return false;
  }
  std::string error;
  const auto v = parse(s->get(), error);
  if (!v) {
    r.report(n, c.path_of(key), error);
    return false;
  }
  if (positive && *v <= zero) {
    r.report(n, c.path_of(key), "must be positive, got \"" + s->get() + "\"");
    return false;
  }
  out = *v;
  return true;
}

}  // namespace

bool read_string(Reporter& r, const TableView& c, std::string_view key, std::string& out, bool required) {
  const toml::node* n = value_of(r, c, key, required);
  if (n == nullptr) return false;
  const auto* s = n->as_string();
  if (s == nullptr) {
    r.report(n, c.path_of(key), "expected a string, got " + type_name(*n));
    return false;
  }
  if (s->get().empty()) {
    r.report(n, c.path_of(key), "must not be empty");
    return false;
  }
  out = s->get();
  return true;
}

bool read_bool(Reporter& r, const TableView& c, std::string_view key, bool& out) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return false;
  const auto* b = n->as_boolean();
  if (b == nullptr) {
    r.report(n, c.path_of(key), "expected true or false, got " + type_name(*n));
    return false;
  }
  out = b->get();
  return true;
}

std::optional<std::int64_t> read_whole(Reporter& r, const TableView& c, std::string_view key,
                                       std::int64_t min, std::int64_t max, bool required) {
  const toml::node* n = value_of(r, c, key, required);
  if (n == nullptr) return std::nullopt;
  std::int64_t v = 0;
  if (const auto* i = n->as_integer()) {
    v = i->get();
  } else if (const auto* f = n->as_floating_point(); f != nullptr && std::isfinite(f->get()) &&
                                                     std::trunc(f->get()) == f->get() &&
                                                     std::fabs(f->get()) < 9e18) {
    v = static_cast<std::int64_t>(f->get());  // 1e6 is a float in TOML but a whole number
  } else {
    const auto x = as_number(*n);
    r.report(n, c.path_of(key), "expected a whole number, got " + (x ? number_text(*x) : type_name(*n)));
    return std::nullopt;
  }
  if (v < min || v > max) {
    r.report(n, c.path_of(key),
             "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                 std::to_string(v));
    return std::nullopt;
  }
  return v;
}

bool read_number(Reporter& r, const TableView& c, std::string_view key, double& out, double min, double max,
                 bool min_exclusive) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return false;
  const auto v = as_number(*n);
  if (!v) {
    r.report(n, c.path_of(key), "expected a number, got " + type_name(*n));
    return false;
  }
  if (!std::isfinite(*v) || *v < min || *v > max || (min_exclusive && *v == min)) {
    std::string range = min_exclusive ? "> " + number_text(min) : ">= " + number_text(min);
    if (std::isfinite(max))
      range = "within " + std::string(min_exclusive ? "(" : "[") + number_text(min) + ", " +
              number_text(max) + "]";
    r.report(n, c.path_of(key), "must be " + range + ", got " + number_text(*v));
    return false;
  }
  out = *v;
  return true;
}

bool read_duration(Reporter& r, const TableView& c, std::string_view key, sim::Duration& out, bool positive,
                   bool required) {
  return read_with_unit(r, c, key, kDurationForm, &parse_duration, positive, required, sim::Duration::zero(),
                        out);
}

bool read_rate(Reporter& r, const TableView& c, std::string_view key, double& out, bool positive) {
  return read_with_unit(r, c, key, kRateForm, &parse_rate, positive, false, 0.0, out);
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

bool read_instant(Reporter& r, const TableView& c, std::string_view key,
                  const std::optional<sim::Calendar>& calendar, sim::Time& out, bool required) {
  const toml::node* n = value_of(r, c, key, required);
  if (n == nullptr) return false;
  std::string error;
  const auto instant = decode_instant(*n, error);
  if (!instant) {
    r.report(n, c.path_of(key), error);
    return false;
  }
  if (!calendar) return false;  // the epoch is invalid and already reported
  const sim::Time t = calendar->at(instant->date) + sim::seconds(instant->second_of_day);
  if (t < sim::Time::zero()) {
    r.report(n, c.path_of(key), "is before the scenario epoch");
    return false;
  }
  out = t;
  return true;
}

std::optional<std::size_t> read_choice(Reporter& r, const TableView& c, std::string_view key,
                                       std::span<const std::string_view> names) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return std::nullopt;
  std::string list;
  for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  const auto* s = n->as_string();
  if (s == nullptr) {
    r.report(n, c.path_of(key), "expected one of " + list + ", got " + type_name(*n));
    return std::nullopt;
  }
  const auto it = std::find(names.begin(), names.end(), s->get());
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  const std::vector<std::string> candidates(names.begin(), names.end());
  r.report(
      n, c.path_of(key),
      "unknown value \"" + s->get() + "\", expected one of " + list + did_you_mean(s->get(), candidates));
  return std::nullopt;
}

bool sr_index(Reporter& r, const toml::node& n, const std::string& path, const models::Catalogue& catalogue,
              std::size_t& out) {
  const auto* s = n.as_string();
  if (s == nullptr) {
    r.report(&n, path, "expected an SR id string such as \"4.1.1\" (quoted), got " + type_name(n));
    return false;
  }
  const int index = catalogue.find(s->get());
  if (index < 0) {
    std::vector<std::string> ids;
    for (const auto& t : catalogue.types) ids.push_back(t.id);
    r.report(&n, path, "unknown SR id \"" + s->get() + "\"" + did_you_mean(s->get(), ids));
    return false;
  }
  out = static_cast<std::size_t>(index);
  return true;
}

bool read_sr(Reporter& r, const TableView& c, std::string_view key, const models::Catalogue& catalogue,
             std::size_t& out, bool required) {
  const toml::node* n = value_of(r, c, key, required);
  return n != nullptr && sr_index(r, *n, c.path_of(key), catalogue, out);
}

bool read_weights(Reporter& r, const TableView& c, std::string_view key, std::span<double> out) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return false;
  const std::string path = c.path_of(key);
  const auto* a = n->as_array();
  if (a == nullptr || a->size() != out.size()) {
    r.report(n, path,
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
      r.report(a->get(i), element_path(path, i), "weight must be a finite number >= 0");
      ok = false;
      continue;
    }
    weights.push_back(*v);
    total += *v;
  }
  if (!ok) return false;
  if (total <= 0) {
    r.report(n, path, "all weights are zero");
    return false;
  }
  std::copy(weights.begin(), weights.end(), out.begin());
  return true;
}

bool read_profile_table(Reporter& r, const TableView& p, models::TimeProfile& out) {
  models::TimeProfile profile;
  const bool hourly_ok = read_weights(r, p, "hourly", profile.hourly) || p.get("hourly") == nullptr;
  const bool daily_ok = read_weights(r, p, "daily", profile.daily) || p.get("daily") == nullptr;
  if (!hourly_ok || !daily_ok) return false;
  out = profile;
  return true;
}

bool read_profile(Reporter& r, const TableView& c, std::string_view key, const ProfileMap& profiles,
                  models::TimeProfile& out) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return false;
  if (const auto* s = n->as_string()) {
    const auto it = profiles.find(s->get());
    if (it == profiles.end()) {
      std::vector<std::string> names;
      for (const auto& [name, p] : profiles) names.push_back(name);
      r.report(n, c.path_of(key), "unknown profile \"" + s->get() + "\"" + did_you_mean(s->get(), names));
      return false;
    }
    out = it->second;
    return true;
  }
  if (!n->is_table()) {
    r.report(n, c.path_of(key),
             "expected a profile name or a table { hourly = [...], daily = [...] }, got " + type_name(*n));
    return false;
  }
  return read_profile_table(r, c.sub(key), out);
}

}  // namespace dccsim::scenarios
