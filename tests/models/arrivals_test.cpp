#include "models/arrivals.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/config.hpp"
#include "sim/calendar.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace dccsim::models {
namespace {

// Every statistical check rejects a correct model with probability about 1e-4.
constexpr double kAlpha = 1e-4;
// Two-sided standard normal quantile at kAlpha.
constexpr double kZ = 3.8905918864131;
constexpr std::int64_t kHour = sim::hours(1).ticks();

const sim::Calendar kCalendar{sim::CivilDate{2018, 8, 1}};  // a Wednesday

sim::Time at(unsigned day, int hour, int minute = 0, std::int64_t extra_ticks = 0) {
  return kCalendar.at(sim::CivilDate{2018, 8, day}) + sim::hours(hour) + sim::minutes(minute) +
         sim::microseconds(extra_ticks);
}

// Upper critical value of the chi-square statistic with `df` degrees of freedom.
double chi_square_limit(std::size_t df) {
  const boost::math::chi_squared_distribution<double> reference(static_cast<double>(df));
  return boost::math::quantile(boost::math::complement(reference, kAlpha));
}

// Pearson's statistic over the bins with positive expectation; the bins with none must be empty.
struct ChiSquare {
  double statistic = 0.0;
  std::size_t bins = 0;
  bool empty_where_impossible = true;
};

ChiSquare chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  ChiSquare result;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (expected[i] > 0.0) {
      const double d = observed[i] - expected[i];
      result.statistic += d * d / expected[i];
      ++result.bins;
    } else if (observed[i] != 0.0) {
      result.empty_where_impossible = false;
    }
  }
  return result;
}

void check_chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  const ChiSquare c = chi_square(observed, expected);
  REQUIRE(c.bins >= 2);
  CAPTURE(c.statistic);
  CAPTURE(c.bins);
  CHECK(c.empty_where_impossible);
  CHECK(c.statistic < chi_square_limit(c.bins - 1));
}

std::vector<sim::Time> drain(ArrivalPlan plan, sim::RandomStream& rng) {
  std::vector<sim::Time> out;
  sim::Time t;
  while (plan.next(rng, t)) out.push_back(t);
  return out;
}

// All instants in [start, end) and non-decreasing.
bool ordered_within(const std::vector<sim::Time>& times, sim::Time start, sim::Time end) {
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (times[i] < start || times[i] >= end) return false;
    if (i > 0 && times[i] < times[i - 1]) return false;
  }
  return true;
}

// Night off, an 18:00 peak three times the day, quieter weekends.
TimeProfile evening_profile() {
  TimeProfile p;
  for (int h = 0; h < 24; ++h) {
    const double w = h < 6 ? 0.0 : h == 18 ? 3.0 : h > 18 ? 2.0 : 1.0;
    p.hourly[static_cast<std::size_t>(h)] = w;
  }
  p.daily = {1, 1, 1, 1, 1, 0.5, 0.25};
  return p;
}

// Expected share of each calendar hour of [start, end), indexed from the hour containing start.
std::vector<double> hour_shares(sim::Time start, sim::Time end, const TimeProfile& profile,
                                const std::array<bool, 24>& allowed) {
  const sim::Time first = start - sim::Duration::from_ticks(start.ticks() % kHour);
  std::vector<double> w;
  double total = 0.0;
  for (sim::Time h = first; h < end; h += sim::hours(1)) {
    const sim::Time a = std::max(h, start);
    const sim::Time b = std::min(h + sim::hours(1), end);
    const int hour = kCalendar.hour_of_day(h);
    const double weight = allowed[static_cast<std::size_t>(hour)]
                              ? profile_weight(profile, hour, kCalendar.day_of_week(h)) * (b - a).seconds()
                              : 0.0;
    w.push_back(weight);
    total += weight;
  }
  for (double& x : w) x /= total;
  return w;
}

constexpr std::array<bool, 24> kAllHours{true, true, true, true, true, true, true, true,
                                         true, true, true, true, true, true, true, true,
                                         true, true, true, true, true, true, true, true};

TEST_CASE("arrivals: a plan yields exactly its count, inside the window, in order") {
  const TimeProfile profile = evening_profile();
  sim::RandomStream rng = sim::make_stream(11, 0, 1);

  SUBCASE("partial first and last hours") {
    const sim::Time start = at(1, 6, 17, 123);
    const sim::Time end = at(3, 18, 59, 7);
    for (const std::uint64_t count :
         {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{997}, std::uint64_t{100'000}}) {
      auto plan = ArrivalPlan::over_profile(kCalendar, start, end, profile, count);
      REQUIRE(plan.ok());
      CHECK(plan->total() == count);
      CHECK(plan->remaining() == count);
      const auto times = drain(*plan, rng);
      CHECK(times.size() == count);
      CHECK(ordered_within(times, start, end));
    }
  }

  SUBCASE("remaining counts down and an exhausted plan stays exhausted") {
    auto result = ArrivalPlan::over_profile(kCalendar, at(1, 0), at(2, 0), profile, 5);
    REQUIRE(result.ok());
    ArrivalPlan plan = *result;
    sim::Time t;
    for (std::uint64_t left = 5; left > 0; --left) {
      CHECK(plan.remaining() == left);
      CHECK(plan.next(rng, t));
    }
    CHECK(plan.remaining() == 0);
    CHECK(plan.total() == 5);
    CHECK_FALSE(plan.next(rng, t));
    CHECK_FALSE(plan.next(rng, t));
  }

  SUBCASE("the only positive weight is one tick at the end of the window") {
    // Hours 0-5 weigh nothing, so the single tick of hour 6 must take every arrival.
    const auto plan = ArrivalPlan::over_profile(kCalendar, at(1, 2, 30), at(1, 6, 0, 1), profile, 1000);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    REQUIRE(times.size() == 1000);
    for (const sim::Time t : times) CHECK(t == at(1, 6));
  }

  SUBCASE("the only positive weight is the partial first hour") {
    const auto plan = ArrivalPlan::over_profile(kCalendar, at(1, 23, 59), at(2, 5, 10), profile, 1000);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    REQUIRE(times.size() == 1000);
    CHECK(ordered_within(times, at(1, 23, 59), at(2, 0)));
  }

  SUBCASE("hours before the epoch") {
    // Only 23:00 weighs anything: the half hour before the epoch gets every arrival.
    TimeProfile late;
    late.hourly.fill(0.0);
    late.hourly[23] = 1.0;
    const sim::Time start = sim::Time::zero() - sim::minutes(30);
    const auto plan =
        ArrivalPlan::over_profile(kCalendar, start, sim::Time::zero() + sim::minutes(30), late, 500);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    CHECK(times.size() == 500);
    CHECK(ordered_within(times, start, sim::Time::zero()));
  }
}

TEST_CASE("arrivals: ten million instants over a month follow the profile hour by hour") {
  const TimeProfile profile = evening_profile();
  const sim::Time start = at(1, 6, 40, 17);
  const sim::Time end = at(31, 18, 20, 500'000);
  constexpr std::uint64_t kCount = 10'000'000;
  auto result = ArrivalPlan::over_profile(kCalendar, start, end, profile, kCount);
  REQUIRE(result.ok());
  ArrivalPlan plan = *result;

  const std::vector<double> shares = hour_shares(start, end, profile, kAllHours);
  const sim::Time first_hour = start - sim::Duration::from_ticks(start.ticks() % kHour);
  std::vector<double> observed(shares.size(), 0.0);
  sim::RandomStream rng = sim::make_stream(12, 0, 1);
  std::uint64_t n = 0;
  bool in_order = true;
  sim::Time previous = start;
  sim::Time t;
  while (plan.next(rng, t)) {
    in_order = in_order && t >= previous && t < end;
    previous = t;
    observed[static_cast<std::size_t>((t - first_hour) / sim::hours(1))] += 1.0;
    ++n;
  }
  CHECK(n == kCount);
  CHECK(in_order);
  std::vector<double> expected(shares.size());
  for (std::size_t i = 0; i < shares.size(); ++i) expected[i] = shares[i] * static_cast<double>(kCount);
  check_chi_square(observed, expected);
}

TEST_CASE("arrivals: instants are uniform within their hour") {
  const TimeProfile profile = evening_profile();
  const sim::Time start = at(6, 0);
  auto result = ArrivalPlan::over_profile(kCalendar, start, start + sim::days(7), profile, 1'000'000);
  REQUIRE(result.ok());
  ArrivalPlan plan = *result;
  constexpr std::size_t kBins = 20;
  std::vector<double> observed(kBins, 0.0);
  sim::RandomStream rng = sim::make_stream(13, 0, 1);
  sim::Time t;
  while (plan.next(rng, t)) {
    const std::int64_t within = t.ticks() % kHour;
    observed[static_cast<std::size_t>(within * std::int64_t{kBins} / kHour)] += 1.0;
  }
  const std::vector<double> expected(kBins, 1'000'000.0 / kBins);
  check_chi_square(observed, expected);
}

TEST_CASE("arrivals: a flat profile with a Poisson count is a Poisson process") {
  // 50 weeks of 120 arrivals an hour on average: counts in disjoint minutes and hours must be
  // independent Poisson with the known mean. For Poisson counts of mean m, (x - m)^2 / m has mean 1
  // and variance 2 + 1/m, so the index of dispersion over n windows is normal enough to test.
  constexpr double kPerHour = 120.0;
  constexpr int kWeeks = 50;
  const Behaviour poisson_count{Behaviour::Kind::fixed_ratio, 1.0, 1.0, 0.0};
  const sim::Time start = at(6, 0);
  const sim::Time end = start + sim::days(7);
  const TimeProfile flat;

  double minute_dispersion = 0.0;
  double hour_dispersion = 0.0;
  double lag_products = 0.0;
  std::size_t minutes = 0;
  std::size_t hours = 0;
  std::size_t lags = 0;
  constexpr double kPerMinute = kPerHour / 60.0;
  for (int week = 0; week < kWeeks; ++week) {
    sim::RandomStream rng = sim::make_stream(14, static_cast<std::uint64_t>(week), 1);
    const std::uint64_t count = draw_monthly_count(poisson_count, kPerHour * 168.0, 0, rng);
    auto result = ArrivalPlan::over_profile(kCalendar, start, end, flat, count);
    REQUIRE(result.ok());
    ArrivalPlan plan = *result;
    std::vector<double> per_minute(7 * 24 * 60, 0.0);
    sim::Time t;
    while (plan.next(rng, t)) per_minute[static_cast<std::size_t>((t - start) / sim::minutes(1))] += 1.0;
    double hour_count = 0.0;
    for (std::size_t i = 0; i < per_minute.size(); ++i) {
      const double d = per_minute[i] - kPerMinute;
      minute_dispersion += d * d / kPerMinute;
      ++minutes;
      if (i > 0) {
        lag_products += d * (per_minute[i - 1] - kPerMinute);
        ++lags;
      }
      hour_count += per_minute[i];
      if (i % 60 == 59) {
        hour_dispersion += (hour_count - kPerHour) * (hour_count - kPerHour) / kPerHour;
        ++hours;
        hour_count = 0.0;
      }
    }
  }
  const auto z_dispersion = [](double dispersion, std::size_t n, double mean) {
    const double windows = static_cast<double>(n);
    return (dispersion - windows) / std::sqrt(windows * (2.0 + 1.0 / mean));
  };
  CHECK(std::fabs(z_dispersion(minute_dispersion, minutes, kPerMinute)) < kZ);
  CHECK(std::fabs(z_dispersion(hour_dispersion, hours, kPerHour)) < kZ);
  // Adjacent minutes uncorrelated: the lag-1 autocorrelation has standard error 1/sqrt(n).
  const double correlation = lag_products / (static_cast<double>(lags) * kPerMinute);
  CHECK(std::fabs(correlation) * std::sqrt(static_cast<double>(lags)) < kZ);
}

// Sample mean and variance within kZ standard errors of the model's; the variance's standard error
// comes from the sample fourth central moment.
void check_count_moments(const Behaviour& behaviour, double forecast, std::uint64_t seed, std::size_t n) {
  sim::RandomStream rng = sim::make_stream(seed, 0, 2);
  std::vector<double> draws(n);
  double sum = 0.0;
  for (double& x : draws) {
    x = static_cast<double>(draw_monthly_count(behaviour, forecast, 0, rng));
    sum += x;
  }
  const double count = static_cast<double>(n);
  const double mean = sum / count;
  double m2 = 0.0;
  double m4 = 0.0;
  for (const double x : draws) {
    const double d = (x - mean) * (x - mean);
    m2 += d;
    m4 += d * d;
  }
  const double variance = m2 / (count - 1.0);
  m4 /= count;
  const double expected_mean = expected_monthly_count(behaviour, forecast, 0);
  const double expected_variance = count_variance(behaviour, forecast, 0);
  CAPTURE(mean);
  CAPTURE(expected_mean);
  CAPTURE(variance);
  CAPTURE(expected_variance);
  CHECK(std::fabs(mean - expected_mean) < kZ * std::sqrt(expected_variance / count));
  CHECK(std::fabs(variance - expected_variance) < kZ * std::sqrt((m4 - variance * variance) / count));
}

TEST_CASE("arrivals: monthly counts have the behaviour's mean and dispersion") {
  SUBCASE("fixed ratio is Poisson(ratio x F)") {
    const Behaviour b{Behaviour::Kind::fixed_ratio, 0.8, 1.0, 0.0};
    CHECK(expected_monthly_count(b, 1000.0, 0) == doctest::Approx(800.0));
    CHECK(count_variance(b, 1000.0, 0) == doctest::Approx(800.0));
    check_count_moments(b, 1000.0, 21, 20'000);
    check_count_moments(b, 3.5, 22, 20'000);
  }
  SUBCASE("lognormal ratio mixes the Poisson") {
    const Behaviour b{Behaviour::Kind::lognormal, 1.0, 0.5, 0.4};
    // E[R] = 0.5 e^0.08; Var[R] = (e^0.16 - 1) E[R]^2.
    const double mean_r = 0.5 * std::exp(0.08);
    CHECK(expected_monthly_count(b, 1000.0, 0) == doctest::Approx(1000.0 * mean_r));
    CHECK(count_variance(b, 1000.0, 0) ==
          doctest::Approx(1000.0 * mean_r + (std::exp(0.16) - 1.0) * mean_r * mean_r * 1e6));
    check_count_moments(b, 1000.0, 23, 20'000);
  }
  SUBCASE("lognormal with sigma 0 is Poisson(median x F)") {
    const Behaviour b{Behaviour::Kind::lognormal, 1.0, 1.3, 0.0};
    CHECK(count_variance(b, 500.0, 0) == doctest::Approx(650.0));
    check_count_moments(b, 500.0, 24, 20'000);
  }
  SUBCASE("recorded returns the recorded count") {
    const Behaviour b{Behaviour::Kind::recorded, 1.0, 1.0, 0.0};
    sim::RandomStream rng = sim::make_stream(25, 0, 2);
    for (const std::uint64_t r : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{123'456'789}}) {
      CHECK(draw_monthly_count(b, 1000.0, r, rng) == r);
      CHECK(expected_monthly_count(b, 1000.0, r) == static_cast<double>(r));
      CHECK(count_variance(b, 1000.0, r) == 0.0);
    }
  }
}

TEST_CASE("arrivals: uniform spreads its count over its spread") {
  sim::RandomStream rng = sim::make_stream(31, 0, 1);
  const sim::Time start = at(10, 12);

  SUBCASE("spread 0 puts every instant at start") {
    const auto plan = ArrivalPlan::uniform(start, sim::Duration::zero(), 1000);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    REQUIRE(times.size() == 1000);
    for (const sim::Time t : times) CHECK(t == start);
  }
  SUBCASE("count 0 yields nothing") {
    const auto plan = ArrivalPlan::uniform(start, sim::minutes(5), 0);
    REQUIRE(plan.ok());
    CHECK(drain(*plan, rng).empty());
  }
  SUBCASE("uniform over ten bins of a spread") {
    constexpr std::size_t kBins = 10;
    const sim::Duration spread = sim::minutes(5);
    const auto plan = ArrivalPlan::uniform(start, spread, 200'000);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    REQUIRE(times.size() == 200'000);
    CHECK(ordered_within(times, start, start + spread));
    std::vector<double> observed(kBins, 0.0);
    for (const sim::Time t : times) {
      observed[static_cast<std::size_t>((t - start).ticks() * std::int64_t{kBins} / spread.ticks())] += 1.0;
    }
    check_chi_square(observed, std::vector<double>(kBins, 200'000.0 / kBins));
  }
  SUBCASE("far more instants than ticks: uniform over three ticks, never the end") {
    const auto plan = ArrivalPlan::uniform(start, sim::microseconds(3), 30'000);
    REQUIRE(plan.ok());
    const auto times = drain(*plan, rng);
    REQUIRE(times.size() == 30'000);
    CHECK(ordered_within(times, start, start + sim::microseconds(3)));
    std::vector<double> observed(3, 0.0);
    for (const sim::Time t : times) observed[static_cast<std::size_t>((t - start).ticks())] += 1.0;
    check_chi_square(observed, std::vector<double>(3, 10'000.0));
  }
}

TEST_CASE("arrivals: over_hours places instants only in allowed hours, in profile proportion") {
  const CsrBatching batching;  // 08:00-17:59
  TimeProfile profile = evening_profile();
  profile.hourly[9] = 4.0;
  const sim::Time start = at(6, 3, 30);
  const sim::Time end = at(13, 12, 45);
  constexpr std::uint64_t kCount = 200'000;
  const auto plan = ArrivalPlan::over_hours(kCalendar, start, end, profile, batching.hours, kCount);
  REQUIRE(plan.ok());
  sim::RandomStream rng = sim::make_stream(41, 0, 1);
  const auto times = drain(*plan, rng);
  REQUIRE(times.size() == kCount);
  CHECK(ordered_within(times, start, end));

  // By hour of day: disallowed hours stay empty, allowed ones follow hourly x daily x length.
  const std::vector<double> shares = hour_shares(start, end, profile, batching.hours);
  const sim::Time first_hour = start - sim::Duration::from_ticks(start.ticks() % kHour);
  std::vector<double> expected(24, 0.0);
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const int hour = kCalendar.hour_of_day(first_hour + sim::hours(static_cast<std::int64_t>(i)));
    expected[static_cast<std::size_t>(hour)] += shares[i] * static_cast<double>(kCount);
  }
  std::vector<double> observed(24, 0.0);
  for (const sim::Time t : times) observed[static_cast<std::size_t>(kCalendar.hour_of_day(t))] += 1.0;
  for (std::size_t h = 0; h < 24; ++h) {
    if (!batching.hours[h]) CHECK(observed[h] == 0.0);
  }
  check_chi_square(observed, expected);
}

TEST_CASE("arrivals: invalid inputs are errors, not aborts; a window without weight sends nothing") {
  const TimeProfile flat;
  const sim::Time start = at(1, 0);
  const sim::Time end = at(2, 0);

  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, end, start, flat, 1).ok());
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start, start, flat, 1).ok());
  CHECK(ArrivalPlan::over_profile(kCalendar, end, start, flat, 0).ok());

  TimeProfile zero;
  zero.hourly.fill(0.0);
  // No positive weight in the window: nothing to place, an empty plan rather than an error.
  const auto none = ArrivalPlan::over_profile(kCalendar, start, end, zero, 1);
  REQUIRE(none.ok());
  CHECK(none->total() == 0);
  CHECK(ArrivalPlan::over_profile(kCalendar, start, end, zero, 0).ok());

  TimeProfile negative;
  negative.hourly[3] = -1.0;
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start, end, negative, 0).ok());
  TimeProfile nan;
  nan.daily[2] = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start, end, nan, 10).ok());
  TimeProfile huge;
  huge.hourly.fill(1e300);
  huge.daily.fill(1e300);
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start, end, huge, 10).ok());

  std::array<bool, 24> no_hours{};
  const auto masked = ArrivalPlan::over_hours(kCalendar, start, end, flat, no_hours, 1);
  REQUIRE(masked.ok());
  CHECK(masked->total() == 0);
  // Allowed hours exist, but none falls inside the window: nothing is sent there.
  const CsrBatching batching;
  const auto before_hours = ArrivalPlan::over_hours(kCalendar, at(1, 2), at(1, 7, 59), flat, batching.hours, 1);
  REQUIRE(before_hours.ok());
  CHECK(before_hours->total() == 0);
  const auto into_hours = ArrivalPlan::over_hours(kCalendar, at(1, 2), at(1, 8, 0, 1), flat, batching.hours, 1);
  REQUIRE(into_hours.ok());
  CHECK(into_hours->total() == 1);

  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start,
                                        start + ArrivalPlan::kMaxWindow + sim::microseconds(1), flat, 1)
                  .ok());
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar,
                                        sim::Time::from_ticks(std::numeric_limits<std::int64_t>::min()),
                                        sim::Time::max(), flat, 1)
                  .ok());
  CHECK_FALSE(ArrivalPlan::over_profile(kCalendar, start, end, flat, 1'000'000'000'001).ok());

  CHECK_FALSE(ArrivalPlan::uniform(start, -sim::seconds(1), 1).ok());
  CHECK_FALSE(ArrivalPlan::uniform(sim::Time::max() - sim::seconds(1), sim::seconds(2), 1).ok());

  CHECK(is_valid(flat));
  CHECK(is_valid(evening_profile()));
  CHECK_FALSE(is_valid(zero));
  CHECK_FALSE(is_valid(negative));
  CHECK_FALSE(is_valid(nan));
  TimeProfile no_days;
  no_days.daily.fill(0.0);
  CHECK_FALSE(is_valid(no_days));

  CHECK(is_valid(Behaviour{Behaviour::Kind::fixed_ratio, 0.0, 1.0, 0.0}));
  CHECK_FALSE(is_valid(Behaviour{Behaviour::Kind::fixed_ratio, -0.1, 1.0, 0.0}));
  CHECK_FALSE(is_valid(Behaviour{Behaviour::Kind::lognormal, 1.0, 0.0, 0.3}));
  CHECK_FALSE(is_valid(Behaviour{Behaviour::Kind::lognormal, 1.0, 1.0, -0.3}));
  CHECK(is_valid(Behaviour{Behaviour::Kind::recorded, -1.0, -1.0, -1.0}));

  CHECK(profile_weight(evening_profile(), 18, 5) == 1.5);
}

TEST_CASE("arrivals: the same stream gives the same instants") {
  const auto plan =
      ArrivalPlan::over_profile(kCalendar, at(1, 6, 1), at(8, 20, 2), evening_profile(), 50'000);
  REQUIRE(plan.ok());
  sim::RandomStream a = sim::make_stream(51, 0, 7);
  sim::RandomStream b = sim::make_stream(51, 0, 7);
  sim::RandomStream c = sim::make_stream(51, 0, 8);
  const auto first = drain(*plan, a);
  const auto second = drain(*plan, b);
  const auto other = drain(*plan, c);
  CHECK(first == second);
  CHECK(a == b);
  CHECK(first != other);
}

}  // namespace
}  // namespace dccsim::models
