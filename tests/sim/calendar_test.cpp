#include "sim/calendar.hpp"

#include <doctest/doctest.h>

namespace sim = dccsim::sim;

TEST_CASE("calendar: civil day counts round-trip") {
  CHECK(sim::days_from_civil({1970, 1, 1}) == 0);
  CHECK(sim::days_from_civil({2000, 3, 1}) == 11'017);
  CHECK(sim::days_from_civil({1969, 12, 31}) == -1);
  for (std::int64_t d = -800'000; d <= 800'000; d += 997) {
    CHECK(sim::days_from_civil(sim::civil_from_days(d)) == d);
  }
  CHECK(sim::civil_from_days(sim::days_from_civil({2024, 2, 29})) == sim::CivilDate{2024, 2, 29});
}

TEST_CASE("calendar: month lengths and validity") {
  CHECK(sim::days_in_month({2018, 8}) == 31);
  CHECK(sim::days_in_month({2024, 2}) == 29);
  CHECK(sim::days_in_month({2100, 2}) == 28);
  CHECK(sim::days_in_month({2000, 2}) == 29);
  CHECK(sim::is_valid({2018, 8, 31}));
  CHECK_FALSE(sim::is_valid({2018, 9, 31}));
  CHECK_FALSE(sim::is_valid({2018, 13, 1}));
  CHECK_FALSE(sim::is_valid({2018, 0, 1}));
}

TEST_CASE("calendar: year-month arithmetic crosses years both ways") {
  CHECK(sim::YearMonth{2018, 8}.plus(5) == sim::YearMonth{2019, 1});
  CHECK(sim::YearMonth{2018, 1}.plus(-1) == sim::YearMonth{2017, 12});
  CHECK(sim::YearMonth{2018, 1}.plus(-25) == sim::YearMonth{2015, 12});
  CHECK(sim::YearMonth{2019, 3}.serial() - sim::YearMonth{2018, 8}.serial() == 7);
}

TEST_CASE("calendar: times from an August 2018 epoch") {
  const sim::Calendar cal({2018, 8, 1});
  CHECK(cal.at({2018, 8, 1}) == sim::Time::zero());
  CHECK(cal.start_of({2018, 9}) - sim::Time::zero() == sim::days(31));
  const sim::Time t = sim::Time::zero() + sim::days(3) + sim::hours(13) + sim::minutes(59);
  CHECK(cal.hour_of_day(t) == 13);
  CHECK(cal.date_of(t) == sim::CivilDate{2018, 8, 4});
  // 2018-08-01 was a Wednesday: ISO index 2; four days later, Sunday.
  CHECK(cal.day_of_week(sim::Time::zero()) == 2);
  CHECK(cal.day_of_week(t + sim::days(1)) == 6);
  CHECK(cal.month_of(cal.start_of({2018, 9}) - sim::microseconds(1)) == sim::YearMonth{2018, 8});
  CHECK(cal.start_of_month(t) == sim::Time::zero());
  CHECK(cal.start_of_next_month(t) == cal.start_of({2018, 9}));
  CHECK(cal.start_of_day(t) == sim::Time::zero() + sim::days(3));
  // Before the epoch: floor, not truncation.
  const sim::Time before = sim::Time::zero() - sim::minutes(1);
  CHECK(cal.hour_of_day(before) == 23);
  CHECK(cal.date_of(before) == sim::CivilDate{2018, 7, 31});
  CHECK(cal.day_of_week(before) == 1);
}
