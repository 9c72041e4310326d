#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "sim/time.hpp"

namespace dccsim::sim {

/// A proleptic Gregorian date (UTC; no time zones, no leap seconds).
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend constexpr auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

/// A calendar month.
struct YearMonth {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  /// Months since year 0 month 1; makes month arithmetic linear.
  constexpr std::int64_t serial() const { return std::int64_t{year} * 12 + (month - 1); }
  /// The month `n` months later (negative: earlier).
  constexpr YearMonth plus(std::int64_t n) const {
    const std::int64_t s = serial() + n;
    const std::int64_t y = s >= 0 ? s / 12 : (s - 11) / 12;
    return YearMonth{static_cast<int>(y), static_cast<unsigned>(s - y * 12 + 1)};
  }
  friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

/// "2018-08": a month as ISO 8601 writes it.
std::string month_text(YearMonth month);

/// Days since 1970-01-01 of a civil date (Hinnant's algorithm; exact for all int years).
std::int64_t days_from_civil(CivilDate date);
/// The civil date of a day count since 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
/// Whether `date` names a real day (month 1..12, day within the month).
bool is_valid(CivilDate date);
/// Number of days in a month (28..31).
unsigned days_in_month(YearMonth month);

/// Maps simulated time to the calendar, counting ticks from an epoch at 00:00 UTC of a civil date.
class Calendar {
 public:
  /// Epoch at 00:00 UTC of `epoch`, which must be a valid date.
  explicit Calendar(CivilDate epoch);

  /// The epoch date (time zero).
  CivilDate epoch() const { return epoch_; }
  /// Simulated time at 00:00 UTC of `date` (negative if before the epoch).
  Time at(CivilDate date) const;
  /// Simulated time at 00:00 UTC on the first day of `month`.
  Time start_of(YearMonth month) const;
  /// The civil date on which `t` falls.
  CivilDate date_of(Time t) const;
  /// The month in which `t` falls.
  YearMonth month_of(Time t) const;
  /// Start of the month containing `t`.
  Time start_of_month(Time t) const;
  /// Start of the month after the one containing `t`.
  Time start_of_next_month(Time t) const;
  /// Start of the day containing `t`.
  Time start_of_day(Time t) const;
  /// Hour of day 0..23 at `t`.
  int hour_of_day(Time t) const;
  /// ISO day of week at `t`: 0 = Monday .. 6 = Sunday.
  int day_of_week(Time t) const;

 private:
  CivilDate epoch_;
  std::int64_t epoch_days_;
};

}  // namespace dccsim::sim
