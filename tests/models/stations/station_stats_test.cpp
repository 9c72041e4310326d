#include "models/stations/station_stats.hpp"

#include <doctest/doctest.h>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {
sim::Time at_s(double s) { return sim::Time::zero() + sim::microseconds(static_cast<std::int64_t>(s * 1e6)); }
}  // namespace

TEST_CASE("station stats: utilisation is busy servers over nominal servers, over the span") {
  models::StationStats st("dsp", 4, 100, sim::Time::zero(), sim::seconds(10), 2);
  st.set_busy(at_s(0), 2);   // 2 of 4 busy for 10 s
  st.set_busy(at_s(10), 4);  // all busy for 10 s
  st.set_waiting(at_s(10), 6);
  st.set_waiting(at_s(15), 0);
  st.completions = 30;
  st.close(at_s(20));
  const models::StationResult r = st.result(sim::Time::zero(), at_s(20));
  CHECK(r.name == "dsp");
  CHECK(r.utilisation == doctest::Approx(0.75));
  CHECK(r.throughput_per_s == doctest::Approx(1.5));
  CHECK(r.queue_mean == doctest::Approx(6.0 * 5 / 20));
  CHECK(r.queue_max == 6);
  CHECK(st.busy_series.time_average(0) == doctest::Approx(2));
  CHECK(st.busy_series.time_average(1) == doctest::Approx(4));
  CHECK(st.queue_series.time_average(1) == doctest::Approx(3));
}

TEST_CASE("station stats: the control loop reads each interval's utilisation once") {
  models::StationStats st("csp_north", 10, 100, sim::Time::zero(), sim::seconds(60), 1);
  st.set_busy(at_s(0), 5);
  CHECK(st.interval_utilisation(at_s(60), 10, 60) == doctest::Approx(0.5));
  st.set_busy(at_s(90), 10);
  // 30 s at 5 and 30 s at 10 since the last reading.
  CHECK(st.interval_utilisation(at_s(120), 10, 60) == doctest::Approx(0.75));
  CHECK(st.interval_utilisation(at_s(180), 10, 60) == doctest::Approx(1.0));
}

TEST_CASE("station stats: restart forgets the warm-up but not the current level") {
  models::StationStats st("smki", 2, 10, sim::Time::zero(), sim::seconds(10), 4);
  st.set_busy(at_s(0), 2);
  st.arrivals = 7;
  st.rejected = 2;
  st.wait_s.add(3.0);
  st.restart(at_s(20));
  CHECK(st.arrivals == 0);
  CHECK(st.rejected == 0);
  CHECK(st.wait_s.count() == 0);
  st.set_busy(at_s(30), 0);
  st.close(at_s(40));
  // From 20 s: 10 s at 2 busy, 10 s idle.
  CHECK(st.result(at_s(20), at_s(40)).utilisation == doctest::Approx(0.5));
}
