#include "models/collection.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "models/network.hpp"

namespace models = dccsim::models;
namespace sim = dccsim::sim;

namespace {

models::ModelConfig two_days() {
  models::ModelConfig c;
  c.horizon = sim::days(2) + sim::hours(3);  // a partial last interval would show in the sums
  c.reporting.series_interval = sim::hours(2);
  c.dsp.servers = 2;
  models::User u;
  u.id = "A";
  u.meters = {1000, 1000, 1000};
  u.behaviour.kind = models::Behaviour::Kind::recorded;
  const models::ServiceKey reads{models::ServiceKey::Kind::sr_type, c.catalogue.find("4.1.1")};
  u.forecasts.push_back({sim::YearMonth{2018, 8}, reads, 3'100});
  u.recorded_actuals.push_back({sim::YearMonth{2018, 8}, reads, 31'000});
  c.users.push_back(u);
  c.traffic_management.activation = models::Activation::always;
  c.traffic_management.system_capacity_per_s = 0.5;
  return c;
}

}  // namespace

TEST_CASE("collection: the series add up to the counts, interval by interval") {
  const models::ModelResults r = models::simulate(two_days());
  const models::IntervalSeries& s = r.series;
  REQUIRE(s.offered_per_s.size() == 26);  // 51 h in 2 h intervals
  double offered = 0;
  double delivered = 0;
  for (std::size_t i = 0; i < s.offered_per_s.size(); ++i) {
    const double len_s = i + 1 < s.offered_per_s.size() ? 7200.0 : 3600.0;
    offered += s.offered_per_s[i] * len_s;
    delivered += s.throughput_per_s[i] * len_s;
  }
  const models::UserThrottle& a = r.throttle.at(0);
  CHECK(offered == doctest::Approx(static_cast<double>(a.offered)));
  CHECK(delivered == doctest::Approx(static_cast<double>(r.requests.completed())));
  // Every SR attempt is counted once in the variance report, every admitted one at the DSP.
  CHECK(r.variance.lines.at(0).actual == a.offered);
  CHECK(r.stations.at(0).arrivals == a.admitted);
  CHECK(r.stations.at(0).name == "dsp");
  CHECK(r.stations.size() == 4);  // no SMKI without CSRs
  CHECK(s.stations == std::vector<std::string>{"dsp", "csp_north", "csp_central", "csp_south"});
  CHECK(r.requests.conserved());
  // A breach of System Capacity exactly when Traffic Management had to reject.
  bool above = false;
  for (const models::Breach& b : r.breaches) above = above || b.kind == models::BreachKind::offered_above_capacity;
  CHECK(above == (a.rejected > 0));
}
