#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/statistics.hpp"

// dccsim search: the smallest value of a numeric parameter at which a goal on a measure holds
// with the stated confidence. Assumes the goal, once met, stays met for larger values (more
// servers, a longer queue); bisects the grid LO, LO + STEP, ..., HI, adding replications at a point
// until its one-sided confidence bound decides it, or --max-replications is reached.
namespace dccsim::tools {

/// The grid of values searched: LO..HI, by STEP (1 when both ends are integers and no step is given).
struct SearchRange {
  double lo = 0;
  double hi = 0;
  double step = 1;
  bool integer = true;
  /// Number of grid points.
  std::size_t points() const;
  /// Grid point k as text, as the scenario override takes it ("4", "0.25").
  std::string text(std::size_t k) const;
};
/// Parses "LO..HI" or "LO..HI:STEP"; the problem's text on failure.
std::optional<SearchRange> parse_search_range(std::string_view text, std::string& problem);

/// A goal "MEASURE >= VALUE" or "MEASURE <= VALUE".
struct SearchGoal {
  std::string measure;
  bool at_least = true;  ///< >= (else <=)
  double value = 0;
  /// "stations.dsp.wait_mean_s <= 0.08".
  std::string text() const;
};
/// Parses a goal; the problem's text on failure.
std::optional<SearchGoal> parse_search_goal(std::string_view text, std::string& problem);

/// How much evidence a point needs.
struct SearchSettings {
  std::uint64_t replications = 5;        ///< first batch, and each later batch, per point
  std::uint64_t max_replications = 100;  ///< per point
  double confidence = 0.95;              ///< one-sided, on the goal
};

/// A point's state: the goal holds, fails, or the replications do not tell yet.
enum class PointVerdict : std::uint8_t { holds, fails, unresolved };
/// "holds", "fails", "unresolved".
std::string_view point_verdict_name(PointVerdict v);

/// One grid point tried.
struct SearchPoint {
  std::size_t index = 0;
  std::string value;
  std::uint64_t replications = 0;  ///< run (some may leave the measure undefined)
  sim::Tally tally;                ///< the goal measure's defined values
  double estimate = 0;             ///< mean
  double half_width = 0;           ///< one-sided: estimate -/+ half_width is the confidence bound
  PointVerdict verdict = PointVerdict::unresolved;
};

/// The outcome.
struct SearchResult {
  std::vector<SearchPoint> points;          ///< in the order first tried
  std::optional<std::size_t> answer;        ///< grid index of the smallest value that holds
  std::optional<std::size_t> largest_fail;  ///< grid index below the answer that fails (bracket)
  std::string status;                       ///< "found", "not met in range", "unresolved"
};

/// The goal measure's value in replications first, first + 1, ..., first + count - 1 at grid point
/// `point` (NaN where undefined), in replication order.
using SearchSampler =
    std::function<std::vector<double>(std::size_t point, std::uint64_t first, std::uint64_t count)>;

/// Runs the search; `on_batch(point)` after every batch of replications at a point.
SearchResult run_search(const SearchRange& range, const SearchGoal& goal, const SearchSettings& settings,
                        const SearchSampler& sample, const std::function<void(const SearchPoint&)>& on_batch);

/// What search.json records besides the result.
struct SearchInfo {
  std::string key;
  std::string scenario_file;
  std::vector<std::string> overrides;
  std::uint64_t seed = 0;
  std::string version;
  std::string command_line;
};

/// One line for the screen about a point.
std::string search_point_line(const std::string& key, const SearchGoal& goal, const SearchPoint& p);
/// search.csv: value, replications, estimate, half_width, verdict per point tried.
std::string search_csv(const SearchResult& r);
/// search.json: the answer, its bracket, the goal, settings and provenance, every point.
std::string search_json(const SearchResult& r, const SearchRange& range, const SearchGoal& goal,
                        const SearchSettings& settings, const SearchInfo& info);
/// The final sentence for the screen.
std::string search_summary(const SearchResult& r, const SearchRange& range, const SearchGoal& goal,
                           const SearchSettings& settings, const std::string& key);

}  // namespace dccsim::tools
