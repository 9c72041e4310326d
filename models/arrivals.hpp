#pragma once

// Traffic generation for sources that hold one pending event at a time: a source asks its plan for
// the next instant, schedules it, and asks again when it fires. Nothing here schedules events.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "models/config.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace dccsim::models {

/// Relative intensity of `profile` at `hour` (0..23) on ISO `day_of_week` (0 = Monday): hourly × daily.
double profile_weight(const TimeProfile& profile, int hour, int day_of_week);

/// True when every weight is finite and >= 0 and some hour of some day has a positive weight.
bool is_valid(const TimeProfile& profile);

/// Exactly `total()` arrival instants over a window, in non-decreasing order, distributed as i.i.d.
/// draws from a piecewise-constant density (conditioned on the count). Streaming: O(1) memory
/// whatever the count, each next() is one log and one expm1, and the hourly segments are walked
/// once to build the plan and once more while drawing, skipping an empty one in O(1).
class ArrivalPlan {
 public:
  /// The longest window over_profile and over_hours accept (100 years): construction and the walk
  /// are linear in the number of hours, so an unbounded window is a mistake rather than a load.
  static constexpr sim::Duration kMaxWindow = sim::days(36'525);

  /// An empty plan: total() is 0 and next() returns false.
  ArrivalPlan() = default;

  /// `count` instants in [start, end) with density proportional to profile_weight at each calendar
  /// hour (partial first and last hours included). Errors: a negative or non-finite weight, count
  /// above sim::Binomial::kMaxTrials, a window over kMaxWindow, or count > 0 with end <= start.
  /// A window with no positive weight gives an empty plan (total() 0): the profile sends nothing
  /// there, as when a short horizon ends before the profile's first working hour.
  static sim::ParamResult<ArrivalPlan> over_profile(const sim::Calendar& calendar, sim::Time start,
                                                    sim::Time end, const TimeProfile& profile,
                                                    std::uint64_t count);

  /// As over_profile with weight 0 in the hours of day where `allowed_hours` is false (CSR batches).
  static sim::ParamResult<ArrivalPlan> over_hours(const sim::Calendar& calendar, sim::Time start,
                                                  sim::Time end, const TimeProfile& profile,
                                                  const std::array<bool, 24>& allowed_hours,
                                                  std::uint64_t count);

  /// `count` instants uniform in [start, start + spread); spread 0 puts all of them at `start`.
  /// Errors: a negative spread, or start + spread beyond sim::Time::max().
  static sim::ParamResult<ArrivalPlan> uniform(sim::Time start, sim::Duration spread, std::uint64_t count);

  /// Writes the next instant to `out` and returns true, or returns false once all were produced.
  /// Never allocates; `rng` should be the same stream on every call for reproducible output.
  bool next(sim::RandomStream& rng, sim::Time& out);

  /// Instants not yet produced by next().
  std::uint64_t remaining() const { return remaining_; }
  /// Instants the plan produces in all (the `count` it was built with).
  std::uint64_t total() const { return total_; }

 private:
  static sim::ParamResult<ArrivalPlan> over_weights(const sim::Calendar& calendar, sim::Time start,
                                                    sim::Time end, const TimeProfile& profile,
                                                    const std::array<bool, 24>& allowed_hours,
                                                    std::uint64_t count);
  // Length in ticks of the segment starting at cursor_ (to the next hour boundary or end_).
  std::int64_t segment_length() const;
  // Weight of the hour of week `hour_of_week` per tick.
  double hour_weight(int hour_of_week) const {
    return hourly_[static_cast<std::size_t>(hour_of_week % 24)] *
           daily_[static_cast<std::size_t>(hour_of_week / 24)];
  }
  // Moves to the next segment that receives arrivals, drawing how many it receives.
  void open_segment(sim::RandomStream& rng);

  std::array<double, 24> hourly_{};  // the profile's hourly weights, 0 where hours are masked out
  std::array<double, 7> daily_{};
  bool hourly_segments_ = true;           // false: one segment [cursor_, end_) (uniform)
  std::int64_t cursor_ = 0;               // start of the first segment not yet opened, ticks
  std::int64_t end_ = 0;                  // end of the window, ticks
  int hour_of_week_ = 0;                  // hour of week (0 = Monday 00:00) at cursor_
  std::int64_t last_positive_start_ = 0;  // the last positive segment takes whatever is left
  double weight_left_ = 0.0;              // weight of the segments from cursor_ to end_

  std::uint64_t total_ = 0;
  std::uint64_t remaining_ = 0;   // not yet produced
  std::uint64_t unassigned_ = 0;  // not yet given to a segment

  std::int64_t segment_start_ = 0;  // ticks
  double segment_length_ = 0.0;     // ticks
  std::int64_t max_offset_ = 0;     // last tick offset inside the segment (0 for an empty one)
  double offset_ = 0.0;             // continuous offset of the previous arrival in the segment
  std::uint64_t in_segment_ = 0;    // arrivals left in the open segment
};

inline bool ArrivalPlan::next(sim::RandomStream& rng, sim::Time& out) {
  if (remaining_ == 0) return false;
  if (in_segment_ == 0) open_segment(rng);
  // Sequential order statistics: the minimum of m uniforms on (x, L) is x + (L - x)(1 - U^(1/m)).
  // expm1 keeps the step exact when m is large and the step is tiny.
  const double m = static_cast<double>(in_segment_);
  const double step = -std::expm1(std::log(rng.uniform01_open()) / m);
  offset_ = std::min(offset_ + (segment_length_ - offset_) * step, segment_length_);
  // offset_ never decreases, so its floor never does; rounding up to the segment end is clamped.
  const auto tick = std::min(static_cast<std::int64_t>(offset_), max_offset_);
  out = sim::Time::from_ticks(segment_start_ + tick);
  --in_segment_;
  --remaining_;
  return true;
}

/// A User's actual monthly count for `forecast`: fixed_ratio draws Poisson(ratio × F); lognormal
/// draws R ~ Lognormal(ln median, sigma) then Poisson(R × F), its mean capped at
/// sim::Poisson::kMaxMean; recorded returns `recorded`. Precondition: is_valid(behaviour), forecast
/// finite and >= 0, ratio × forecast <= sim::Poisson::kMaxMean.
std::uint64_t draw_monthly_count(const Behaviour& behaviour, double forecast, std::uint64_t recorded,
                                 sim::RandomStream& rng);

/// E[actual] for draw_monthly_count's arguments: ratio × F, median × exp(sigma²/2) × F, or `recorded`.
double expected_monthly_count(const Behaviour& behaviour, double forecast, std::uint64_t recorded);

/// Var[actual] for draw_monthly_count's arguments: ratio × F (Poisson); E[R]F + Var[R]F² (Poisson
/// mixed over the lognormal R); 0 for recorded.
double count_variance(const Behaviour& behaviour, double forecast, std::uint64_t recorded);

/// True when the parameters of the behaviour's kind are usable: ratio finite and >= 0; median
/// finite and > 0 with sigma finite and >= 0.
bool is_valid(const Behaviour& behaviour);

}  // namespace dccsim::models
