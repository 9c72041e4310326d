#include "scenarios/units.hpp"

#include <doctest/doctest.h>

#include <string>

namespace scn = dccsim::scenarios;
namespace sim = dccsim::sim;

TEST_CASE("units: durations carry units and round to the tick") {
  std::string error;
  CHECK(scn::parse_duration("250ms", error)->ticks() == 250'000);
  CHECK(*scn::parse_duration("30s", error) == sim::seconds(30));
  CHECK(*scn::parse_duration("1.5s", error) == sim::milliseconds(1500));
  CHECK(*scn::parse_duration("10us", error) == sim::microseconds(10));
  CHECK(*scn::parse_duration("15min", error) == sim::minutes(15));
  CHECK(*scn::parse_duration("2h", error) == sim::hours(2));
  CHECK(*scn::parse_duration("1d", error) == sim::days(1));
  CHECK(*scn::parse_duration("0.1s", error) == sim::milliseconds(100));
  CHECK(*scn::parse_duration("0s", error) == sim::Duration::zero());

  CHECK_FALSE(scn::parse_duration("30", error));
  CHECK(error == "duration \"30\" needs a unit (us, ms, s, min, h, d)");
  CHECK_FALSE(scn::parse_duration("-1s", error));
  CHECK(error == "duration \"-1s\" must not be negative");
  CHECK_FALSE(scn::parse_duration("5m", error));
  CHECK(error.find("unknown duration unit \"m\"") != std::string::npos);
  CHECK_FALSE(scn::parse_duration("s", error));
  CHECK_FALSE(scn::parse_duration("", error));
  CHECK_FALSE(scn::parse_duration("1e300d", error));
  CHECK(error.find("exceeds 100 years") != std::string::npos);
  CHECK_FALSE(scn::parse_duration("nan s", error));
}

TEST_CASE("units: rates are per second") {
  std::string error;
  CHECK(*scn::parse_rate("1500/s", error) == 1500.0);
  CHECK(*scn::parse_rate("90000/min", error) == doctest::Approx(1500.0));
  CHECK(*scn::parse_rate("2/h", error) == doctest::Approx(2.0 / 3600));
  CHECK(*scn::parse_rate("3/ms", error) == doctest::Approx(3000.0));
  CHECK_FALSE(scn::parse_rate("1500", error));
  CHECK(error == "rate \"1500\" needs a unit, e.g. \"1500/s\"");
  CHECK_FALSE(scn::parse_rate("-1/s", error));
  CHECK_FALSE(scn::parse_rate("1/week", error));
  CHECK_FALSE(scn::parse_rate("x/s", error));
}

TEST_CASE("units: instants, times of day and months") {
  std::string error;
  const auto date = scn::parse_instant("2018-08-15", error);
  REQUIRE(date);
  CHECK(date->date == sim::CivilDate{2018, 8, 15});
  CHECK(date->second_of_day == 0);
  CHECK(scn::parse_instant("2018-08-15T18:00", error)->second_of_day == 18 * 3600);
  CHECK(scn::parse_instant("2018-08-15T18:00:30Z", error)->second_of_day == 18 * 3600 + 30);
  CHECK(scn::parse_instant("2018-08-15 06:00", error)->second_of_day == 6 * 3600);
  CHECK_FALSE(scn::parse_instant("2018-02-30", error));
  CHECK(error.find("not a valid calendar day") != std::string::npos);
  CHECK_FALSE(scn::parse_instant("2018-08-15T24:00", error));
  CHECK_FALSE(scn::parse_instant("15/08/2018", error));
  CHECK_FALSE(scn::parse_instant("2018-08-15T18:00+01:00", error));

  CHECK(*scn::parse_time_of_day("13:30", error) == sim::hours(13) + sim::minutes(30));
  CHECK(*scn::parse_time_of_day("00:00:59", error) == sim::seconds(59));
  CHECK_FALSE(scn::parse_time_of_day("1:00", error));
  CHECK_FALSE(scn::parse_time_of_day("12:60", error));

  CHECK(*scn::parse_year_month("2018-08", error) == sim::YearMonth{2018, 8});
  CHECK_FALSE(scn::parse_year_month("2018-13", error));
  CHECK_FALSE(scn::parse_year_month("2018-8", error));
  CHECK_FALSE(scn::parse_year_month("Aug 2018", error));
  CHECK(error == "expected a month YYYY-MM, got \"Aug 2018\"");
}
