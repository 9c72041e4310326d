#include "sim/calendar.hpp"

#include "sim/assert.hpp"

namespace dccsim::sim {
namespace {

constexpr std::int64_t kTicksPerDay = 86'400 * kTicksPerSecond;
constexpr std::int64_t kTicksPerHour = 3'600 * kTicksPerSecond;

// Floor division: times before the epoch must map to the previous day, not towards zero.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = std::int64_t{date.year} - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + std::int64_t{date.day} - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146'097 + doe - 719'468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719'468;
  const std::int64_t era = floor_div(z, 146'097);
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1'460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

unsigned days_in_month(YearMonth month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month.month == 2) {
    const bool leap = (month.year % 4 == 0 && month.year % 100 != 0) || month.year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month.month - 1];
}

std::string month_text(YearMonth month) {
  // Zero-padded to four digits for the year and two for the month, as ISO 8601 writes them.
  const int year = month.year;
  std::string digits = std::to_string(year < 0 ? -static_cast<std::int64_t>(year) : year);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  std::string out = year < 0 ? "-" + digits : digits;
  out += month.month < 10 ? "-0" : "-";
  return out + std::to_string(month.month);
}

bool is_valid(CivilDate date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(YearMonth{date.year, date.month});
}

Calendar::Calendar(CivilDate epoch) : epoch_(epoch), epoch_days_(days_from_civil(epoch)) {
  DCCSIM_ASSERT(is_valid(epoch), "calendar epoch must be a valid date");
}

Time Calendar::at(CivilDate date) const {
  return Time::from_ticks((days_from_civil(date) - epoch_days_) * kTicksPerDay);
}

Time Calendar::start_of(YearMonth month) const { return at(CivilDate{month.year, month.month, 1}); }

CivilDate Calendar::date_of(Time t) const {
  return civil_from_days(epoch_days_ + floor_div(t.ticks(), kTicksPerDay));
}

YearMonth Calendar::month_of(Time t) const {
  const CivilDate d = date_of(t);
  return YearMonth{d.year, d.month};
}

Time Calendar::start_of_month(Time t) const { return start_of(month_of(t)); }

Time Calendar::start_of_next_month(Time t) const { return start_of(month_of(t).plus(1)); }

Time Calendar::start_of_day(Time t) const {
  return Time::from_ticks(floor_div(t.ticks(), kTicksPerDay) * kTicksPerDay);
}

int Calendar::hour_of_day(Time t) const {
  return static_cast<int>(floor_div(t.ticks() - start_of_day(t).ticks(), kTicksPerHour));
}

int Calendar::day_of_week(Time t) const {
  // 1970-01-01 was a Thursday (ISO index 3).
  const std::int64_t days = epoch_days_ + floor_div(t.ticks(), kTicksPerDay);
  const std::int64_t dow = (days + 3) % 7;
  return static_cast<int>(dow < 0 ? dow + 7 : dow);
}

}  // namespace dccsim::sim
