#include "models/months.hpp"

#include <doctest/doctest.h>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

TEST_CASE("months: a span from mid-month covers every month it overlaps, ending at the horizon") {
  const sim::Calendar calendar(sim::CivilDate{2018, 8, 20});
  const sim::Time horizon = sim::Time::zero() + sim::days(12 + 30 + 10);  // to 10 October
  const models::MonthSpan span(calendar, horizon);
  REQUIRE(span.size() == 3);
  CHECK(span.months()[0] == sim::YearMonth{2018, 8});
  CHECK(span.months()[2] == sim::YearMonth{2018, 10});
  CHECK(span.start(0) == sim::Time::zero());
  CHECK(span.start(1) == sim::Time::zero() + sim::days(12));
  CHECK(span.start(2) == sim::Time::zero() + sim::days(42));
  CHECK(span.start(3) == horizon);
  CHECK(span.index(sim::Time::zero()) == 0);
  CHECK(span.index(sim::Time::zero() + sim::days(12) - sim::microseconds(1)) == 0);
  CHECK(span.index(sim::Time::zero() + sim::days(12)) == 1);
  CHECK(span.index(horizon + sim::days(40)) == 2);
  CHECK(span.find(sim::YearMonth{2018, 9}) == 1);
  CHECK(span.find(sim::YearMonth{2018, 11}) == 3);
}

TEST_CASE("months: the window fraction is the share of the month inside the run") {
  const sim::Calendar calendar(sim::CivilDate{2018, 8, 1});
  const models::MonthSpan span(calendar, sim::Time::zero() + sim::days(31 + 15));
  sim::Time start;
  sim::Time end;
  CHECK(span.window_fraction(sim::YearMonth{2018, 8}, start, end) == doctest::Approx(1.0));
  CHECK(end == sim::Time::zero() + sim::days(31));
  CHECK(span.window_fraction(sim::YearMonth{2018, 9}, start, end) == doctest::Approx(0.5));
  CHECK(start == sim::Time::zero() + sim::days(31));
  CHECK(span.window_fraction(sim::YearMonth{2018, 10}, start, end) == 0);
  CHECK(span.window_fraction(sim::YearMonth{2018, 7}, start, end) == 0);
}
