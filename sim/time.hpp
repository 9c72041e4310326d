#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace dccsim::sim {

/// Ticks per second: one tick is one microsecond.
inline constexpr std::int64_t kTicksPerSecond = 1'000'000;

/// A signed span of simulated time in integer ticks (microseconds).
class Duration {
 public:
  constexpr Duration() = default;
  /// Wraps a raw tick count.
  static constexpr Duration from_ticks(std::int64_t ticks) { return Duration(ticks); }
  /// The raw tick count.
  constexpr std::int64_t ticks() const { return ticks_; }
  /// The span in (floating) seconds, for reporting only.
  constexpr double seconds() const {
    return static_cast<double>(ticks_) / static_cast<double>(kTicksPerSecond);
  }

  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr Duration& operator+=(Duration d) {
    ticks_ += d.ticks_;
    return *this;
  }
  constexpr Duration& operator-=(Duration d) {
    ticks_ -= d.ticks_;
    return *this;
  }
  friend constexpr Duration operator+(Duration a, Duration b) { return Duration(a.ticks_ + b.ticks_); }
  friend constexpr Duration operator-(Duration a, Duration b) { return Duration(a.ticks_ - b.ticks_); }
  friend constexpr Duration operator-(Duration a) { return Duration(-a.ticks_); }
  friend constexpr Duration operator*(Duration a, std::int64_t k) { return Duration(a.ticks_ * k); }
  friend constexpr Duration operator*(std::int64_t k, Duration a) { return Duration(a.ticks_ * k); }
  friend constexpr Duration operator/(Duration a, std::int64_t k) { return Duration(a.ticks_ / k); }
  /// How many whole `b` fit in `a` (truncating).
  friend constexpr std::int64_t operator/(Duration a, Duration b) { return a.ticks_ / b.ticks_; }
  friend constexpr Duration operator%(Duration a, Duration b) { return Duration(a.ticks_ % b.ticks_); }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees the 0 of a defaulted <=> (LLVM #53961).
  friend constexpr auto operator<=>(Duration, Duration) = default;

 private:
  constexpr explicit Duration(std::int64_t ticks) : ticks_(ticks) {}
  std::int64_t ticks_ = 0;
};

/// A point in simulated time: ticks since the scenario epoch (time zero).
class Time {
 public:
  constexpr Time() = default;
  /// Wraps a raw tick count since the epoch.
  static constexpr Time from_ticks(std::int64_t ticks) { return Time(ticks); }
  /// Ticks since the epoch.
  constexpr std::int64_t ticks() const { return ticks_; }
  /// Seconds since the epoch, for reporting only.
  constexpr double seconds() const {
    return static_cast<double>(ticks_) / static_cast<double>(kTicksPerSecond);
  }
  /// The span since the epoch.
  constexpr Duration since_epoch() const { return Duration::from_ticks(ticks_); }

  static constexpr Time zero() { return Time(0); }
  /// A time later than any event: "run forever".
  static constexpr Time max() { return Time(std::numeric_limits<std::int64_t>::max()); }

  constexpr Time& operator+=(Duration d) {
    ticks_ += d.ticks();
    return *this;
  }
  constexpr Time& operator-=(Duration d) {
    ticks_ -= d.ticks();
    return *this;
  }
  friend constexpr Time operator+(Time t, Duration d) { return Time(t.ticks_ + d.ticks()); }
  friend constexpr Time operator+(Duration d, Time t) { return Time(t.ticks_ + d.ticks()); }
  friend constexpr Time operator-(Time t, Duration d) { return Time(t.ticks_ - d.ticks()); }
  friend constexpr Duration operator-(Time a, Time b) { return Duration::from_ticks(a.ticks_ - b.ticks_); }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees the 0 of a defaulted <=> (LLVM #53961).
  friend constexpr auto operator<=>(Time, Time) = default;

 private:
  constexpr explicit Time(std::int64_t ticks) : ticks_(ticks) {}
  std::int64_t ticks_ = 0;
};

/// Whole microseconds.
constexpr Duration microseconds(std::int64_t n) { return Duration::from_ticks(n); }
/// Whole milliseconds.
constexpr Duration milliseconds(std::int64_t n) { return Duration::from_ticks(n * 1'000); }
/// Whole seconds.
constexpr Duration seconds(std::int64_t n) { return Duration::from_ticks(n * kTicksPerSecond); }
/// Whole minutes.
constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
/// Whole hours.
constexpr Duration hours(std::int64_t n) { return seconds(n * 3'600); }
/// Whole days.
constexpr Duration days(std::int64_t n) { return seconds(n * 86'400); }

/// Fractional seconds rounded to the nearest tick (half away from zero); for sampled durations.
constexpr Duration from_seconds(double s) {
  const double t = s * static_cast<double>(kTicksPerSecond);
  return Duration::from_ticks(static_cast<std::int64_t>(t < 0 ? t - 0.5 : t + 0.5));
}

}  // namespace dccsim::sim
