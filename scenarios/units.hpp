#pragma once

// The textual units of the scenario language: durations, rates, instants, times of day and months.
// Each parser returns a value or fills `error` with a one-line reason; none throws.

#include <optional>
#include <string>
#include <string_view>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace dccsim::scenarios {

/// A non-negative duration "<number><unit>" with unit us, ms, s, min, h or d ("1.5s", "15min"),
/// rounded to the nearest tick; at most 100 years.
std::optional<sim::Duration> parse_duration(std::string_view text, std::string& error);

/// A non-negative rate "<number>/<unit>" with unit ms, s, min, h or d ("1500/s"), in events per second.
std::optional<double> parse_rate(std::string_view text, std::string& error);

/// A UTC calendar instant: a date and the seconds since its midnight.
struct CivilInstant {
  sim::CivilDate date;
  std::int64_t second_of_day = 0;  ///< 0..86399
};

/// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS" with an optional trailing "Z" (UTC);
/// years 1900..2200.
std::optional<CivilInstant> parse_instant(std::string_view text, std::string& error);

/// A time of day "HH:MM" or "HH:MM:SS" (00:00 to 23:59:59), as the span since midnight.
std::optional<sim::Duration> parse_time_of_day(std::string_view text, std::string& error);

/// A month "YYYY-MM" (years 1900..2200).
std::optional<sim::YearMonth> parse_year_month(std::string_view text, std::string& error);

/// A plain decimal number ("12", "0.5", "1e6"), finite; no unit, no surrounding text.
std::optional<double> parse_number(std::string_view text);

}  // namespace dccsim::scenarios
