// Statistical validation of the engine against closed forms on tiny single-station models.
// Tolerances are the replications' 99 % confidence intervals (Student t over independent
// replications, so about one check in a hundred would fail by chance for a given seed; the seed is
// fixed); each check also shows that a value 5 % off is rejected, so the tests have the power to
// catch a wrong model.
#include <doctest/doctest.h>

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/distributions.hpp"
#include "sim/output_analysis.hpp"
#include "sim/random.hpp"
#include "sim/simulation.hpp"
#include "sim/statistics.hpp"

namespace sim = dccsim::sim;

namespace {

constexpr std::uint64_t kSeed = 1;

enum class Service { exponential, deterministic };

struct StationEstimates {
  double wait_in_queue_s;     // mean over customers who started service after warm-up
  double share_waiting;       // fraction of those customers who had to wait
  double number_in_system;    // time average after warm-up
  double arrival_rate_per_s;  // arrivals after warm-up / observed span
  double sojourn_s;           // mean time in system of customers departing after warm-up
};

// A FIFO multi-server station fed by Poisson arrivals: G = exponential or deterministic service.
template <class Queue>
class Station {
 public:
  Station(double lambda_per_s, double service_mean_s, Service kind, int servers, std::uint64_t seed,
          std::uint64_t replication)
      : interarrival_(sim::Exponential::with_rate(lambda_per_s).value()),
        service_exp_(sim::Exponential::with_mean(service_mean_s).value()),
        service_mean_s_(service_mean_s),
        kind_(kind),
        servers_(servers),
        arrivals_rng_(sim::make_stream(seed, replication, 1)),
        service_rng_(sim::make_stream(seed, replication, 2)) {
    arrive_ = simulation_.template add_handler<&Station::on_arrival>(*this);
    depart_ = simulation_.template add_handler<&Station::on_departure>(*this);
  }

  StationEstimates run(sim::Duration warmup, sim::Duration length) {
    schedule_arrival();
    simulation_.run_until(sim::Time::zero() + warmup);
    observing_ = true;
    in_system_.reset(simulation_.now());
    const sim::Time end = sim::Time::zero() + warmup + length;
    simulation_.run_until(end);
    in_system_.advance(end);
    return StationEstimates{waits_.mean(), static_cast<double>(waited_) / static_cast<double>(waits_.count()),
                            in_system_.mean(end), static_cast<double>(arrivals_) / length.seconds(),
                            sojourns_.mean()};
  }

 private:
  void schedule_arrival() {
    simulation_.schedule_after(sim::from_seconds(interarrival_.sample(arrivals_rng_)), arrive_);
  }
  void start_service(sim::Time arrived) {
    const double wait = (simulation_.now() - arrived).seconds();
    if (observing_) {
      waits_.add(wait);
      if (wait > 0) ++waited_;
    }
    const double s = kind_ == Service::exponential ? service_exp_.sample(service_rng_) : service_mean_s_;
    ++busy_;
    simulation_.schedule_after(sim::from_seconds(s), depart_, static_cast<std::uint64_t>(arrived.ticks()));
  }
  void on_arrival(std::uint64_t) {
    schedule_arrival();
    if (observing_) ++arrivals_;
    in_system_.update(simulation_.now(), in_system_.level() + 1);
    if (busy_ < servers_) {
      start_service(simulation_.now());
    } else {
      waiting_.push_back(simulation_.now());
    }
  }
  void on_departure(std::uint64_t arrived_ticks) {
    --busy_;
    in_system_.update(simulation_.now(), in_system_.level() - 1);
    if (observing_)
      sojourns_.add(
          (simulation_.now() - sim::Time::from_ticks(static_cast<std::int64_t>(arrived_ticks))).seconds());
    if (!waiting_.empty()) {
      const sim::Time arrived = waiting_.front();
      waiting_.pop_front();
      start_service(arrived);
    }
  }

  sim::BasicSimulation<Queue> simulation_;
  sim::Exponential interarrival_;
  sim::Exponential service_exp_;
  double service_mean_s_;
  Service kind_;
  int servers_;
  sim::RandomStream arrivals_rng_;
  sim::RandomStream service_rng_;
  sim::HandlerId arrive_{};
  sim::HandlerId depart_{};
  std::deque<sim::Time> waiting_;
  int busy_ = 0;
  bool observing_ = false;
  std::uint64_t arrivals_ = 0;
  std::uint64_t waited_ = 0;
  sim::Tally waits_;
  sim::Tally sojourns_;
  sim::TimeWeighted in_system_;
};

struct Replicated {
  std::vector<double> wait, share_waiting, number, arrival_rate, sojourn, little_gap;
};

template <class Queue>
Replicated replicate(double lambda, double service_mean, Service kind, int servers, int replications,
                     sim::Duration warmup, sim::Duration length) {
  Replicated r;
  for (int i = 0; i < replications; ++i) {
    Station<Queue> station(lambda, service_mean, kind, servers, kSeed, static_cast<std::uint64_t>(i));
    const StationEstimates e = station.run(warmup, length);
    r.wait.push_back(e.wait_in_queue_s);
    r.share_waiting.push_back(e.share_waiting);
    r.number.push_back(e.number_in_system);
    r.arrival_rate.push_back(e.arrival_rate_per_s);
    r.sojourn.push_back(e.sojourn_s);
    r.little_gap.push_back(e.number_in_system - e.arrival_rate_per_s * e.sojourn_s);
  }
  return r;
}

// The interval must contain the closed form and exclude values 5 % either side of it.
void check_estimates(const std::vector<double>& samples, double exact) {
  const sim::ConfidenceInterval ci = sim::t_interval(samples, 0.99);
  INFO("mean " << ci.mean << " ± " << ci.half_width << ", exact " << exact);
  CHECK(ci.contains(exact));
  CHECK_FALSE(ci.contains(exact * 1.05));
  CHECK_FALSE(ci.contains(exact * 0.95));
}

}  // namespace

TEST_CASE_TEMPLATE("queueing_validation: M/M/1 matches Wq = 0.4 s and L = 4", Queue, sim::QuaternaryHeap,
                   sim::CalendarQueue) {
  // lambda 8/s, mu 10/s: rho 0.8, Wq = rho/(mu - lambda) = 0.4 s, L = rho/(1 - rho) = 4.
  const Replicated r =
      replicate<Queue>(8.0, 0.1, Service::exponential, 1, 20, sim::seconds(500), sim::seconds(15'000));
  SUBCASE("waiting time") { check_estimates(r.wait, 0.4); }
  SUBCASE("number in system") { check_estimates(r.number, 4.0); }
  SUBCASE("Little's law holds in every replication") {
    const sim::ConfidenceInterval gap = sim::t_interval(r.little_gap, 0.99);
    INFO("L - lambda W = " << gap.mean << " ± " << gap.half_width);
    CHECK(gap.contains(0.0));
    CHECK(gap.half_width < 0.01 * 4.0);
  }
}

TEST_CASE("queueing_validation: M/M/5 matches Erlang C = 0.762493 and Wq = 0.152499 s") {
  // lambda 45/s, mu 10/s per server, 5 servers: offered load 4.5 Erlang, rho 0.9.
  const Replicated r = replicate<sim::QuaternaryHeap>(45.0, 0.1, Service::exponential, 5, 20,
                                                      sim::seconds(200), sim::seconds(5'000));
  SUBCASE("probability of waiting") { check_estimates(r.share_waiting, 0.762493); }
  SUBCASE("waiting time") { check_estimates(r.wait, 0.152499); }
  SUBCASE("Little's law") {
    const sim::ConfidenceInterval gap = sim::t_interval(r.little_gap, 0.99);
    CHECK(gap.contains(0.0));
  }
}

TEST_CASE("queueing_validation: M/D/1 matches Pollaczek-Khinchine Wq = 0.2 s") {
  // lambda 8/s, D = 0.1 s: Wq = lambda E[S^2] / (2 (1 - rho)) = 8 * 0.01 / 0.4 = 0.2 s.
  const Replicated r = replicate<sim::QuaternaryHeap>(8.0, 0.1, Service::deterministic, 1, 20,
                                                      sim::seconds(500), sim::seconds(6'000));
  check_estimates(r.wait, 0.2);
  // L = lambda (Wq + D) = 2.4 by Little's law.
  check_estimates(r.number, 2.4);
}

TEST_CASE("queueing_validation: a wrong service rate is detected") {
  // The same M/M/1 checks against a station whose service is 5 % slower must fail: the
  // interval sits well away from the closed form of the nominal model.
  const Replicated r = replicate<sim::QuaternaryHeap>(8.0, 0.105, Service::exponential, 1, 20,
                                                      sim::seconds(500), sim::seconds(15'000));
  const sim::ConfidenceInterval ci = sim::t_interval(r.wait, 0.99);
  INFO("mean " << ci.mean << " ± " << ci.half_width);
  CHECK_FALSE(ci.contains(0.4));
  // Its own closed form: rho 0.84, Wq = rho / (mu - lambda) = 0.84 / (9.5238 - 8) = 0.55125 s.
  CHECK(ci.contains(0.84 / (1.0 / 0.105 - 8.0)));
}
