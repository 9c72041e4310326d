#include "scenarios/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace dccsim::scenarios {
namespace {

struct Unit {
  std::string_view name;
  double ticks;
};

// Longest names first would not matter: the whole suffix must match one name exactly.
constexpr std::array<Unit, 6> kDurationUnits{
    {{"us", 1.0}, {"ms", 1e3}, {"s", 1e6}, {"min", 60e6}, {"h", 3600e6}, {"d", 86400e6}}};

constexpr double kMaxDurationTicks = 36'525.0 * 86'400e6;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits "12.5ms" into the number and the unit text after it.
std::size_t number_length(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
  // An exponent only when followed by digits, so "1e" is not eaten from a unit.
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      i = j;
    }
  }
  return i;
}

std::optional<unsigned> fixed_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return value;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<sim::Duration> parse_duration(std::string_view text, std::string& error) {
  const std::size_t n = number_length(text);
  const std::string_view unit = text.substr(n);
  const auto value = parse_number(text.substr(0, n));
  if (!value) {
    error = "expected a duration such as \"30s\", \"250ms\" or \"2h\", got " + quoted(text);
    return std::nullopt;
  }
  if (unit.empty()) {
    error = "duration " + quoted(text) + " needs a unit (us, ms, s, min, h, d)";
    return std::nullopt;
  }
  for (const Unit& u : kDurationUnits) {
    if (u.name != unit) continue;
    if (*value < 0) {
      error = "duration " + quoted(text) + " must not be negative";
      return std::nullopt;
    }
    const double ticks = *value * u.ticks;
    if (ticks > kMaxDurationTicks) {
      error = "duration " + quoted(text) + " exceeds 100 years";
      return std::nullopt;
    }
    return sim::Duration::from_ticks(std::llround(ticks));
  }
  error = "unknown duration unit " + quoted(unit) + " in " + quoted(text) + " (use us, ms, s, min, h, d)";
  return std::nullopt;
}

std::optional<double> parse_rate(std::string_view text, std::string& error) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    error = "rate " + quoted(text) + " needs a unit, e.g. \"1500/s\"";
    return std::nullopt;
  }
  const auto value = parse_number(text.substr(0, slash));
  if (!value) {
    error = "expected a rate such as \"1500/s\" or \"2/h\", got " + quoted(text);
    return std::nullopt;
  }
  const std::string_view unit = text.substr(slash + 1);
  for (const Unit& u : kDurationUnits) {
    if (u.name != unit || u.name == "us") continue;
    if (*value < 0) {
      error = "rate " + quoted(text) + " must not be negative";
      return std::nullopt;
    }
    return *value * 1e6 / u.ticks;
  }
  error = "unknown rate unit " + quoted(unit) + " in " + quoted(text) + " (use /ms, /s, /min, /h, /d)";
  return std::nullopt;
}

std::optional<sim::YearMonth> parse_year_month(std::string_view text, std::string& error) {
  const auto year = fixed_digits(text, 0, 4);
  const auto month = fixed_digits(text, 5, 2);
  if (text.size() != 7 || !year || text[4] != '-' || !month) {
    error = "expected a month YYYY-MM, got " + quoted(text);
    return std::nullopt;
  }
  if (*year < 1900 || *year > 2200 || *month < 1 || *month > 12) {
    error = "month " + quoted(text) + " is out of range (years 1900..2200, months 01..12)";
    return std::nullopt;
  }
  return sim::YearMonth{static_cast<int>(*year), *month};
}

std::optional<sim::Duration> parse_time_of_day(std::string_view text, std::string& error) {
  const auto hour = fixed_digits(text, 0, 2);
  const auto minute = fixed_digits(text, 3, 2);
  std::optional<unsigned> second = 0u;
  if (text.size() == 8) second = text[5] == ':' ? fixed_digits(text, 6, 2) : std::nullopt;
  if ((text.size() != 5 && text.size() != 8) || !hour || text[2] != ':' || !minute || !second) {
    error = "expected a time of day HH:MM or HH:MM:SS, got " + quoted(text);
    return std::nullopt;
  }
  if (*hour > 23 || *minute > 59 || *second > 59) {
    error = "time of day " + quoted(text) + " is out of range (00:00 to 23:59:59)";
    return std::nullopt;
  }
  return sim::seconds(std::int64_t{*hour} * 3600 + std::int64_t{*minute} * 60 + std::int64_t{*second});
}

std::optional<CivilInstant> parse_instant(std::string_view text, std::string& error) {
  const std::string_view original = text;
  const auto fail = [&error, original](const std::string& why) {
    error = why.empty() ? "expected an instant YYYY-MM-DD[THH:MM[:SS]][Z], got " + quoted(original) : why;
    return std::optional<CivilInstant>{};
  };
  if (!text.empty() && text.back() == 'Z') text.remove_suffix(1);
  const auto year = fixed_digits(text, 0, 4);
  const auto month = fixed_digits(text, 5, 2);
  const auto day = fixed_digits(text, 8, 2);
  if (text.size() < 10 || !year || text[4] != '-' || !month || text[7] != '-' || !day) return fail("");
  CivilInstant out;
  out.date = sim::CivilDate{static_cast<int>(*year), *month, *day};
  if (*year < 1900 || *year > 2200 || !sim::is_valid(out.date)) {
    return fail("date " + quoted(original) + " is not a valid calendar day (years 1900..2200)");
  }
  if (text.size() == 10) return out;
  if (text[10] != 'T' && text[10] != ' ') return fail("");
  std::string why;
  const auto time = parse_time_of_day(text.substr(11), why);
  if (!time) return fail(why.find("out of range") != std::string::npos ? why : "");
  out.second_of_day = *time / sim::seconds(1);
  return out;
}

}  // namespace dccsim::scenarios
