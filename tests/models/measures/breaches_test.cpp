#include "models/measures/breaches.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {
sim::Time minute(int m) { return sim::Time::zero() + sim::minutes(m); }
}  // namespace

TEST_CASE("breaches: consecutive intervals over the limit merge, with their peak excess") {
  const sim::TimeSeries geometry(sim::Time::zero(), sim::minutes(15), 8);
  const std::vector<double> excess{0, 2, 5, 1, 0, 0, 3, 4};
  std::vector<models::Breach> out;
  models::add_interval_breaches(out, geometry, excess.size(), models::BreachKind::utilisation, "dsp",
                                sim::Time::zero(), minute(110), [&](std::size_t i) { return excess[i]; });
  REQUIRE(out.size() == 2);
  CHECK(out[0].start == minute(15));
  CHECK(out[0].end == minute(60));  // intervals 1..3 close at the end of interval 3
  CHECK(out[0].peak_excess == 5);
  CHECK(out[0].where == "dsp");
  CHECK(out[0].kind == models::BreachKind::utilisation);
  CHECK(out[1].start == minute(90));
  CHECK(out[1].end == minute(110));  // still open at the end: cut at the horizon
  CHECK(out[1].peak_excess == 4);
}

TEST_CASE("breaches: intervals of the warm-up and at the limit exactly are not breaches") {
  const sim::TimeSeries geometry(sim::Time::zero(), sim::minutes(15), 4);
  const std::vector<double> excess{7, 7, 0, 1};
  std::vector<models::Breach> out;
  models::add_interval_breaches(out, geometry, excess.size(), models::BreachKind::queue, "csp_north",
                                minute(20), minute(60), [&](std::size_t i) { return excess[i]; });
  // Interval 0 starts in the warm-up; interval 1 (from 15 min) too, since it starts before 20 min.
  REQUIRE(out.size() == 1);
  CHECK(out[0].start == minute(45));
  CHECK(out[0].end == minute(60));
}

TEST_CASE("breaches: a monthly measure below its minimum spans its month; sorted by start") {
  const sim::Calendar calendar(sim::CivilDate{2018, 8, 1});
  const models::MonthSpan span(calendar, sim::Time::zero() + sim::days(40));
  std::vector<models::MeasureResult> performance(3);
  performance[0].month = sim::YearMonth{2018, 9};
  performance[0].status = models::MeasureStatus::below_minimum;
  performance[0].share_within_target = 0.90;
  performance[0].minimum = 0.96;
  performance[1].month = sim::YearMonth{2018, 8};
  performance[1].status = models::MeasureStatus::below_target;
  performance[2].month = sim::YearMonth{2018, 8};
  performance[2].measure = models::MeasureClass::alerts;
  performance[2].status = models::MeasureStatus::below_minimum;
  performance[2].share_within_target = 0.5;
  performance[2].minimum = 0.96;
  std::vector<models::Breach> out;
  models::add_measure_breaches(out, performance, span);
  REQUIRE(out.size() == 2);
  models::sort_breaches(out);
  CHECK(out[0].where == "alerts");
  CHECK(out[0].start == sim::Time::zero());
  CHECK(out[0].end == sim::Time::zero() + sim::days(31));
  CHECK(out[0].peak_excess == doctest::Approx(0.46));
  CHECK(out[1].where == "on_demand");
  CHECK(out[1].start == sim::Time::zero() + sim::days(31));
  CHECK(out[1].end == sim::Time::zero() + sim::days(40));
  CHECK(out[1].kind == models::BreachKind::measure_below_minimum);
}
