#pragma once

// The typed readers of the section stage: each reads one key of a table into `out`, and leaves
// `out` unchanged when the key is absent (reporting it when required) or invalid (reporting why).
// Each returns true when it stored a value.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "models/config.hpp"
#include "scenarios/reader.hpp"
#include "scenarios/units.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace dccsim::scenarios {

/// A non-empty string.
bool read_string(Reporter& r, const TableView& c, std::string_view key, std::string& out,
                 bool required = false);

/// `true` or `false`.
bool read_bool(Reporter& r, const TableView& c, std::string_view key, bool& out);

/// A whole number within [min, max] (an exact TOML float such as 1e6 counts); nullopt otherwise.
std::optional<std::int64_t> read_whole(Reporter& r, const TableView& c, std::string_view key,
                                       std::int64_t min, std::int64_t max, bool required);

/// A whole number within [min, max], stored as T.
template <class T>
bool read_integer(Reporter& r, const TableView& c, std::string_view key, T& out, std::int64_t min,
                  std::int64_t max, bool required = false) {
  const auto v = read_whole(r, c, key, min, max, required);
  if (v) out = static_cast<T>(*v);
  return v.has_value();
}

/// A finite number within [min, max] (or (min, max] when `min_exclusive`).
bool read_number(Reporter& r, const TableView& c, std::string_view key, double& out, double min, double max,
                 bool min_exclusive = false);

/// A duration string ("30s"); > 0 when `positive`.
bool read_duration(Reporter& r, const TableView& c, std::string_view key, sim::Duration& out,
                   bool positive = false, bool required = false);

/// A rate string ("1500/s"), in events per second; > 0 when `positive`.
bool read_rate(Reporter& r, const TableView& c, std::string_view key, double& out, bool positive = false);

/// An instant written as a string or a TOML date / date-time (UTC); nullopt with `error` otherwise.
std::optional<CivilInstant> decode_instant(const toml::node& n, std::string& error);

/// An instant, as time since the epoch of `calendar` (not before it); a valid instant with no
/// calendar (the epoch was invalid, and reported) is not stored.
bool read_instant(Reporter& r, const TableView& c, std::string_view key,
                  const std::optional<sim::Calendar>& calendar, sim::Time& out, bool required = false);

/// The index in `names` of the string at `key`, reporting any other value with a suggestion.
std::optional<std::size_t> read_choice(Reporter& r, const TableView& c, std::string_view key,
                                       std::span<const std::string_view> names);

/// One value of an enum as the scenario language names it.
template <class E>
struct Choice {
  std::string_view name;
  E value;
};

/// One of `choices` by name (diagnostics list them in this order).
template <class E, std::size_t N>
bool read_enum(Reporter& r, const TableView& c, std::string_view key, E& out, const Choice<E> (&choices)[N]) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) names[i] = choices[i].name;
  const auto index = read_choice(r, c, key, names);
  if (index) out = choices[*index].value;
  return index.has_value();
}

/// The SR index of an SR id string node in `catalogue` (with a suggestion when unknown).
bool sr_index(Reporter& r, const toml::node& n, const std::string& path, const models::Catalogue& catalogue,
              std::size_t& out);

/// An SR id of `catalogue`.
bool read_sr(Reporter& r, const TableView& c, std::string_view key, const models::Catalogue& catalogue,
             std::size_t& out, bool required = false);

/// An array of exactly out.size() finite weights >= 0, not all zero.
bool read_weights(Reporter& r, const TableView& c, std::string_view key, std::span<double> out);

/// Named time profiles (`[profiles.<name>]`).
using ProfileMap = std::map<std::string, models::TimeProfile, std::less<>>;

/// A profile table `{ hourly, daily }`; each absent key keeps all ones. False when either is invalid.
bool read_profile_table(Reporter& r, const TableView& p, models::TimeProfile& out);

/// A profile: a name from `profiles`, or an inline table.
bool read_profile(Reporter& r, const TableView& c, std::string_view key, const ProfileMap& profiles,
                  models::TimeProfile& out);

}  // namespace dccsim::scenarios
