#include "models/demand/sources.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

struct Built {
  models::ModelConfig config;
  sim::Calendar calendar;
  sim::Time horizon;
  models::MonthSpan span;
  models::VarianceCells cells;
  models::Sources sources;
  explicit Built(models::ModelConfig c)
      : config(std::move(c)),
        calendar(config.epoch),
        horizon(sim::Time::zero() + config.horizon),
        span(calendar, horizon),
        sources(config, calendar, span, horizon, cells) {}
  // Arrivals of every source, drained.
  std::uint64_t drain(models::Source& s) {
    std::uint64_t n = 0;
    sim::Time t;
    sim::Time last = sim::Time::zero();
    bool ordered = true;
    while (sources.next_arrival(s, t)) {
      ordered = ordered && t >= last && t < horizon + sim::hours(1);
      last = t;
      ++n;
    }
    CHECK(ordered);
    return n;
  }
};

models::ModelConfig one_user() {
  models::ModelConfig c;
  c.horizon = sim::days(31);
  models::User u;
  u.id = "A";
  u.meters = {100, 300, 600};
  u.behaviour.kind = models::Behaviour::Kind::recorded;
  c.users.push_back(u);
  return c;
}

}  // namespace

TEST_CASE("sources: a family line is split among its SR types, and every SR of the count is sent") {
  models::ModelConfig c = one_user();
  c.users[0].forecasts.push_back({sim::YearMonth{2018, 8}, {models::ServiceKey::Kind::family, 4}, 10'000});
  c.users[0].recorded_actuals.push_back({sim::YearMonth{2018, 8}, {models::ServiceKey::Kind::family, 4}, 9'000});
  Built b(c);
  std::uint64_t total = 0;
  std::map<std::size_t, std::uint64_t> by_type;
  for (models::Source& s : b.sources.all()) {
    CHECK(s.type == models::Source::Type::sr);
    const std::uint64_t n = b.drain(s);
    by_type[s.sr_type] += n;
    total += n;
  }
  CHECK(total == 9'000);  // recorded behaviour: exactly the recorded count
  CHECK(by_type.size() == c.catalogue.family_members(4).size());
  REQUIRE(b.cells.size() == 1);
  CHECK(b.cells[0].forecast == 10'000);
  CHECK(b.cells[0].has_forecast);
}

TEST_CASE("sources: CSRs come in batches of the batch size, the last taking what is left") {
  models::ModelConfig c = one_user();
  c.users[0].csr.batch_size = 100;
  c.users[0].forecasts.push_back({sim::YearMonth{2018, 8}, {models::ServiceKey::Kind::csr, 0}, 1});
  c.users[0].recorded_actuals.push_back({sim::YearMonth{2018, 8}, {models::ServiceKey::Kind::csr, 0}, 1'050});
  Built b(c);
  REQUIRE(b.sources.all().size() == 1);
  models::Source& s = b.sources.all()[0];
  CHECK(s.type == models::Source::Type::csr);
  CHECK(s.plan.remaining() == 11);  // ceil(1050 / 100) batches
  CHECK(b.drain(s) == 1'050);
}

TEST_CASE("sources: a DCC schedule reads its share of the User's meters at every run of every day") {
  models::ModelConfig c = one_user();
  c.horizon = sim::days(3);
  c.users[0].schedules.push_back({0, 0.5, {sim::hours(1), sim::hours(13)}, sim::minutes(30)});
  Built b(c);
  REQUIRE(b.sources.all().size() == 1);
  models::Source& s = b.sources.all()[0];
  CHECK(s.type == models::Source::Type::scheduled);
  CHECK(s.per_run == 500);
  CHECK(b.drain(s) == 500 * 2 * 3);
  CHECK(b.sources.meters()[0].total == 1000);
  CHECK(b.sources.meters()[0].region_cumulative[0] == doctest::Approx(0.1));
  CHECK(b.sources.meters()[0].region_cumulative[1] == doctest::Approx(0.4));
}

TEST_CASE("sources: a region's alerts renew day by day; a storm adds one window of its own") {
  models::ModelConfig c = one_user();
  c.users[0].meters = {10'000, 0, 0};
  c.horizon = sim::days(7);
  c.alerts[0].per_meter_per_day = 2.0;
  c.alerts[0].storms.push_back({sim::Time::zero() + sim::days(2), sim::hours(1), 5.0});
  Built b(c);
  REQUIRE(b.sources.all().size() == 2);
  const std::uint64_t daily = b.drain(b.sources.all()[0]);
  const std::uint64_t storm = b.drain(b.sources.all()[1]);
  // 140,000 expected over the week (Poisson): within 5 standard deviations.
  CHECK(std::abs(static_cast<double>(daily) - 140'000.0) < 5 * std::sqrt(140'000.0));
  // The storm: 4 × 20,000 a day for one hour.
  CHECK(std::abs(static_cast<double>(storm) - 80'000.0 / 24) < 5 * std::sqrt(80'000.0 / 24));
}
