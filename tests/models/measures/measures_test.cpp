#include "models/measures/measures.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

struct Bench {
  sim::Calendar calendar{sim::CivilDate{2018, 8, 1}};
  sim::Time horizon = sim::Time::zero() + sim::days(40);
  models::ReportingConfig reporting;
  models::MonthSpan span{calendar, horizon};
  sim::Simulation simulation;
  models::RequestPool pool;
  models::Measures measures{reporting, span, simulation, pool, horizon, 40 * 96};

  // A request started at `start`, answered `response_s` after now, with a 30 s target.
  std::uint32_t request(sim::Time start, double response_s, models::MeasureClass measure) {
    const std::uint32_t r = pool.allocate();
    ++measures.counts.generated;
    pool[r].start_ref = start;
    pool[r].response_ticks = models::to_ticks(response_s);
    pool[r].target_ticks = sim::seconds(30).ticks();
    pool[r].measure = measure;
    return r;
  }
};

}  // namespace

TEST_CASE("measures: responses within and outside target, per class and month; failures count as late") {
  Bench b;
  const sim::Time t0 = sim::Time::zero();
  b.measures.deliver(b.request(t0, 10, models::MeasureClass::on_demand));  // 10 s: within
  b.measures.deliver(b.request(t0, 31, models::MeasureClass::on_demand));  // 31 s: late
  b.measures.deliver(b.request(t0 + sim::days(35), 1, models::MeasureClass::on_demand));  // September
  b.measures.finish(b.request(t0, 0, models::MeasureClass::on_demand), models::Outcome::failed_timeout);
  b.measures.finish(b.request(t0, 0, models::MeasureClass::on_demand), models::Outcome::rejected_throttled);
  b.measures.deliver(b.request(t0, 1, models::MeasureClass::csr));
  CHECK(b.measures.interval_on_demand == 4);  // two answered, one in September, one failure
  CHECK(b.measures.interval_on_demand_within == 2);
  const auto performance = b.measures.performance();
  // Two months × the three core classes, plus CSRs in August.
  REQUIRE(performance.size() == 7);
  const models::MeasureResult& aug = performance[0];
  CHECK(aug.measure == models::MeasureClass::on_demand);
  CHECK(aug.responses == 3);  // the throttled rejection is no response
  CHECK(aug.within_target == 1);
  CHECK(aug.status == models::MeasureStatus::below_minimum);
  CHECK(performance[1].status == models::MeasureStatus::no_traffic);
  CHECK(std::isnan(performance[1].share_within_target));
  CHECK(performance[3].measure == models::MeasureClass::csr);
  CHECK(performance[3].status == models::MeasureStatus::met);
  CHECK(performance[4].month == sim::YearMonth{2018, 9});
  CHECK(performance[4].responses == 1);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.generated == 6);
  CHECK(counts.completed_within == 3);
  CHECK(counts.completed_late == 1);
  CHECK(counts.failed_timeout == 1);
  CHECK(counts.rejected_throttled == 1);
  CHECK(counts.in_flight == 0);
  CHECK(b.pool.live() == 0);
}

TEST_CASE("measures: a response arriving after the horizon leaves its request in flight") {
  Bench b;
  b.simulation.run_until(b.horizon - sim::seconds(1));
  b.measures.deliver(b.request(b.simulation.now(), 5, models::MeasureClass::on_demand));
  b.measures.deliver(b.request(b.simulation.now(), 1, models::MeasureClass::on_demand));
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.in_flight == 1);
  CHECK(counts.completed_within == 1);
  CHECK(counts.conserved());
}

TEST_CASE("measures: a warm-up reset carries requests alive into the new count") {
  Bench b;
  const std::uint32_t alive = b.request(sim::Time::zero(), 1, models::MeasureClass::alerts);
  b.measures.deliver(b.request(sim::Time::zero(), 1, models::MeasureClass::alerts));
  b.measures.reset();
  CHECK(b.measures.counts.carried_in == 1);
  CHECK(b.measures.performance()[2].responses == 0);
  b.measures.deliver(alive);
  const models::RequestCounts counts = b.measures.final_counts();
  CHECK(counts.completed_within == 1);
  CHECK(counts.generated == 0);
  CHECK(counts.conserved());
  // The throughput series keeps what was delivered before the reset (series cover the whole run).
  CHECK(b.measures.throughput_series.sum(0) == 2);
}
