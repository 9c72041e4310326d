#include "models/arrivals.hpp"

#include <limits>

#include "sim/assert.hpp"

namespace dccsim::models {
namespace {

constexpr std::int64_t kTicksPerHour = sim::hours(1).ticks();
constexpr int kHoursPerWeek = 24 * 7;

// Floor modulo: hour boundaries before the epoch must still fall on whole hours.
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  const std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

bool finite_non_negative(double x) { return std::isfinite(x) && x >= 0.0; }

bool weights_valid(const TimeProfile& profile) {
  for (const double w : profile.hourly) {
    if (!finite_non_negative(w)) return false;
  }
  for (const double w : profile.daily) {
    if (!finite_non_negative(w)) return false;
  }
  return true;
}

constexpr std::array<bool, 24> kAllHours{true, true, true, true, true, true, true, true,
                                         true, true, true, true, true, true, true, true,
                                         true, true, true, true, true, true, true, true};

std::uint64_t draw_poisson(double mean, sim::RandomStream& rng) {
  const auto poisson = sim::Poisson::with_mean(mean);
  DCCSIM_ASSERT(poisson.ok(), "Poisson mean must lie in [0, 1e12]");
  return poisson->sample(rng);
}

}  // namespace

double profile_weight(const TimeProfile& profile, int hour, int day_of_week) {
  DCCSIM_ASSERT(hour >= 0 && hour < 24 && day_of_week >= 0 && day_of_week < 7, "hour or day out of range");
  return profile.hourly[static_cast<std::size_t>(hour)] *
         profile.daily[static_cast<std::size_t>(day_of_week)];
}

bool is_valid(const TimeProfile& profile) {
  if (!weights_valid(profile)) return false;
  bool some_hour = false;
  bool some_day = false;
  for (const double w : profile.hourly) some_hour = some_hour || w > 0.0;
  for (const double w : profile.daily) some_day = some_day || w > 0.0;
  return some_hour && some_day;
}

sim::ParamResult<ArrivalPlan> ArrivalPlan::over_profile(const sim::Calendar& calendar, sim::Time start,
                                                        sim::Time end, const TimeProfile& profile,
                                                        std::uint64_t count) {
  return over_weights(calendar, start, end, profile, kAllHours, count);
}

sim::ParamResult<ArrivalPlan> ArrivalPlan::over_hours(const sim::Calendar& calendar, sim::Time start,
                                                      sim::Time end, const TimeProfile& profile,
                                                      const std::array<bool, 24>& allowed_hours,
                                                      std::uint64_t count) {
  return over_weights(calendar, start, end, profile, allowed_hours, count);
}

sim::ParamResult<ArrivalPlan> ArrivalPlan::over_weights(const sim::Calendar& calendar, sim::Time start,
                                                        sim::Time end, const TimeProfile& profile,
                                                        const std::array<bool, 24>& allowed_hours,
                                                        std::uint64_t count) {
  if (!weights_valid(profile)) return sim::ParamError{"profile weights must be finite and >= 0"};
  if (count > sim::Binomial::kMaxTrials) return sim::ParamError{"count must be <= 1e12"};
  ArrivalPlan plan;
  if (count == 0) return plan;
  if (end <= start) return sim::ParamError{"end must be after start when count > 0"};
  // Unsigned difference: exact even when the signed one would overflow.
  const std::uint64_t window =
      static_cast<std::uint64_t>(end.ticks()) - static_cast<std::uint64_t>(start.ticks());
  if (window > static_cast<std::uint64_t>(kMaxWindow.ticks())) {
    return sim::ParamError{"window must not exceed 100 years"};
  }

  for (std::size_t h = 0; h < 24; ++h) plan.hourly_[h] = allowed_hours[h] ? profile.hourly[h] : 0.0;
  plan.daily_ = profile.daily;
  plan.hourly_segments_ = true;
  plan.cursor_ = start.ticks();
  plan.end_ = end.ticks();
  plan.hour_of_week_ = calendar.day_of_week(start) * 24 + calendar.hour_of_day(start);

  // One pass over the segments finds the total weight and the last segment with positive weight,
  // which is then forced to take every arrival still unassigned: rounding in the running suffix
  // weight can neither lose nor invent arrivals.
  bool any_positive = false;
  double total_weight = 0.0;
  for (ArrivalPlan walk = plan; walk.cursor_ < walk.end_;) {
    const std::int64_t length = walk.segment_length();
    const double weight = walk.hour_weight(walk.hour_of_week_) * static_cast<double>(length);
    if (weight > 0.0) {
      any_positive = true;
      plan.last_positive_start_ = walk.cursor_;
    }
    total_weight += weight;
    walk.cursor_ += length;
    walk.hour_of_week_ = (walk.hour_of_week_ + 1) % kHoursPerWeek;
  }
  // No instant of the window has positive density (say a horizon ending before the profile's
  // first working hour): the profile sends nothing here, whatever the count.
  if (!any_positive) return ArrivalPlan{};
  if (!std::isfinite(total_weight)) {
    return sim::ParamError{"profile weights are too large: total weight overflows"};
  }

  plan.weight_left_ = total_weight;
  plan.total_ = count;
  plan.remaining_ = count;
  plan.unassigned_ = count;
  return plan;
}

sim::ParamResult<ArrivalPlan> ArrivalPlan::uniform(sim::Time start, sim::Duration spread,
                                                   std::uint64_t count) {
  if (spread < sim::Duration::zero()) return sim::ParamError{"spread must be >= 0"};
  if (start.ticks() > std::numeric_limits<std::int64_t>::max() - spread.ticks()) {
    return sim::ParamError{"start + spread overflows the time range"};
  }
  ArrivalPlan plan;
  plan.hourly_segments_ = false;
  plan.cursor_ = start.ticks();
  plan.end_ = (start + spread).ticks();
  plan.last_positive_start_ = start.ticks();
  plan.total_ = count;
  plan.remaining_ = count;
  plan.unassigned_ = count;
  return plan;
}

std::int64_t ArrivalPlan::segment_length() const {
  const std::int64_t to_end = end_ - cursor_;
  if (!hourly_segments_) return to_end;
  return std::min(to_end, kTicksPerHour - floor_mod(cursor_, kTicksPerHour));
}

void ArrivalPlan::open_segment(sim::RandomStream& rng) {
  DCCSIM_ASSERT(unassigned_ > 0, "open_segment needs arrivals left to assign");
  for (;;) {
    const std::int64_t start = cursor_;
    const std::int64_t length = segment_length();
    std::uint64_t k = unassigned_;
    if (hourly_segments_) {
      const double weight = hour_weight(hour_of_week_) * static_cast<double>(length);
      // Conditional on the arrivals not yet placed, the number in this segment is
      // Binomial(unassigned, weight / weight of this and all later segments).
      if (start != last_positive_start_) {
        if (!(weight > 0.0)) {
          k = 0;
        } else if (weight < weight_left_) {
          const auto split = sim::Binomial::with_trials(unassigned_, weight / weight_left_);
          DCCSIM_ASSERT(split.ok(), "binomial split parameters out of range");
          k = split->sample(rng);
        }
      }
      // The running suffix is off by about segments × 2^-53 × total weight, which moves at most
      // count × segments × 2^-53 expected arrivals (under 0.1 for 1e12 over a month); the forced
      // last segment keeps the count exact whatever the rounding.
      weight_left_ = std::max(0.0, weight_left_ - weight);
      hour_of_week_ = (hour_of_week_ + 1) % kHoursPerWeek;
    }
    cursor_ += length;
    if (k == 0) continue;
    unassigned_ -= k;
    in_segment_ = k;
    segment_start_ = start;
    segment_length_ = static_cast<double>(length);
    max_offset_ = std::max<std::int64_t>(length - 1, 0);
    offset_ = 0.0;
    return;
  }
}

bool is_valid(const Behaviour& behaviour) {
  switch (behaviour.kind) {
    case Behaviour::Kind::fixed_ratio:
      return finite_non_negative(behaviour.ratio);
    case Behaviour::Kind::lognormal:
      return std::isfinite(behaviour.median) && behaviour.median > 0.0 &&
             finite_non_negative(behaviour.sigma);
    case Behaviour::Kind::recorded:
      return true;
  }
  return false;
}

std::uint64_t draw_monthly_count(const Behaviour& behaviour, double forecast, std::uint64_t recorded,
                                 sim::RandomStream& rng) {
  DCCSIM_ASSERT(is_valid(behaviour), "behaviour parameters must be validated before the run");
  DCCSIM_ASSERT(finite_non_negative(forecast), "forecast must be finite and >= 0");
  switch (behaviour.kind) {
    case Behaviour::Kind::fixed_ratio:
      return draw_poisson(behaviour.ratio * forecast, rng);
    case Behaviour::Kind::lognormal: {
      const auto ratio = sim::Lognormal::with_median_sigma(behaviour.median, behaviour.sigma);
      DCCSIM_ASSERT(ratio.ok(), "lognormal behaviour parameters out of range");
      const double r = ratio->sample(rng);
      // A far-tail ratio could ask for more than Poisson resolves; the cap moves only that tail.
      return draw_poisson(std::min(r * forecast, sim::Poisson::kMaxMean), rng);
    }
    case Behaviour::Kind::recorded:
      return recorded;
  }
  return recorded;
}

double expected_monthly_count(const Behaviour& behaviour, double forecast, std::uint64_t recorded) {
  switch (behaviour.kind) {
    case Behaviour::Kind::fixed_ratio:
      return behaviour.ratio * forecast;
    case Behaviour::Kind::lognormal:
      return behaviour.median * std::exp(0.5 * behaviour.sigma * behaviour.sigma) * forecast;
    case Behaviour::Kind::recorded:
      return static_cast<double>(recorded);
  }
  return static_cast<double>(recorded);
}

double count_variance(const Behaviour& behaviour, double forecast, std::uint64_t /*recorded*/) {
  switch (behaviour.kind) {
    case Behaviour::Kind::fixed_ratio:
      return behaviour.ratio * forecast;
    case Behaviour::Kind::lognormal: {
      // Law of total variance for Poisson(R F): E[Var | R] + Var[E | R] = E[R] F + Var[R] F^2.
      const double s2 = behaviour.sigma * behaviour.sigma;
      const double mean_r = behaviour.median * std::exp(0.5 * s2);
      const double var_r = std::expm1(s2) * mean_r * mean_r;
      return mean_r * forecast + var_r * forecast * forecast;
    }
    case Behaviour::Kind::recorded:
      return 0.0;
  }
  return 0.0;
}

}  // namespace dccsim::models
