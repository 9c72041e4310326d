#include "tools/search.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

#include "sim/output_analysis.hpp"
#include "tools/json_writer.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

std::optional<double> number(std::string_view text, bool& integer) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  integer = text.find_first_of(".eE") == std::string_view::npos;
  return v;
}

// Decides a point from its one-sided bound at the confidence level.
void decide(SearchPoint& p, const SearchGoal& goal, double confidence) {
  const std::uint64_t n = p.tally.count();
  p.estimate = n ? p.tally.mean() : NAN;
  if (n < 2) {
    p.half_width = INFINITY;
    p.verdict = PointVerdict::unresolved;
    return;
  }
  const double se = std::sqrt(p.tally.variance() / static_cast<double>(n));
  p.half_width = sim::t_critical(2 * confidence - 1, static_cast<double>(n - 1)) * se;
  const double lower = p.estimate - p.half_width;
  const double upper = p.estimate + p.half_width;
  if (goal.at_least) {
    p.verdict = lower >= goal.value  ? PointVerdict::holds
                : upper < goal.value ? PointVerdict::fails
                                     : PointVerdict::unresolved;
  } else {
    p.verdict = upper <= goal.value  ? PointVerdict::holds
                : lower > goal.value ? PointVerdict::fails
                                     : PointVerdict::unresolved;
  }
}

}  // namespace

std::size_t SearchRange::points() const {
  return static_cast<std::size_t>(std::floor((hi - lo) / step + 1e-9)) + 1;
}

std::string SearchRange::text(std::size_t k) const {
  const double v = lo + step * static_cast<double>(k);
  return integer ? fmt::format("{}", static_cast<long long>(std::llround(v))) : fmt::format("{:.10g}", v);
}

std::optional<SearchRange> parse_search_range(std::string_view text, std::string& problem) {
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    problem = fmt::format("expected LO..HI or LO..HI:STEP, got '{}'", text);
    return std::nullopt;
  }
  const auto colon = text.find(':', dots);
  SearchRange r;
  bool lo_int = false;
  bool hi_int = false;
  bool step_int = true;
  const auto lo = number(text.substr(0, dots), lo_int);
  const auto hi = number(
      text.substr(dots + 2, colon == std::string_view::npos ? std::string_view::npos : colon - dots - 2),
      hi_int);
  const auto step =
      colon == std::string_view::npos ? std::optional<double>(1.0) : number(text.substr(colon + 1), step_int);
  if (!lo || !hi || !step) {
    problem = fmt::format("'{}': LO, HI and STEP must be numbers", text);
    return std::nullopt;
  }
  if (colon == std::string_view::npos && !(lo_int && hi_int)) {
    problem = "a real range needs a step: LO..HI:STEP";
    return std::nullopt;
  }
  if (!(*hi > *lo) || !(*step > 0)) {
    problem = "needs LO < HI and STEP > 0";
    return std::nullopt;
  }
  r.lo = *lo;
  r.hi = *hi;
  r.step = *step;
  r.integer = lo_int && hi_int && step_int;
  if (r.points() > 100'000) {
    problem = fmt::format("{} grid points: at most 100000", r.points());
    return std::nullopt;
  }
  return r;
}

std::string SearchGoal::text() const {
  return fmt::format("{} {} {:g}", measure, at_least ? ">=" : "<=", value);
}

std::optional<SearchGoal> parse_search_goal(std::string_view text, std::string& problem) {
  const bool ge = text.find(">=") != std::string_view::npos;
  const bool le = text.find("<=") != std::string_view::npos;
  if (ge == le) {
    problem = fmt::format("expected 'MEASURE >= VALUE' or 'MEASURE <= VALUE', got '{}'", text);
    return std::nullopt;
  }
  const auto op = text.find(ge ? ">=" : "<=");
  SearchGoal g;
  std::string_view name = text.substr(0, op);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  bool integer = false;
  const auto value = number(text.substr(op + 2), integer);
  if (name.empty() || name.find(' ') != std::string_view::npos || !value) {
    problem = fmt::format("expected 'MEASURE >= VALUE' or 'MEASURE <= VALUE', got '{}'", text);
    return std::nullopt;
  }
  g.measure = std::string(name);
  g.at_least = ge;
  g.value = *value;
  return g;
}

std::string_view point_verdict_name(PointVerdict v) {
  switch (v) {
    case PointVerdict::holds:
      return "holds";
    case PointVerdict::fails:
      return "fails";
    case PointVerdict::unresolved:
      break;
  }
  return "unresolved";
}

SearchResult run_search(const SearchRange& range, const SearchGoal& goal, const SearchSettings& s,
                        const SearchSampler& sample,
                        const std::function<void(const SearchPoint&)>& on_batch) {
  SearchResult r;
  std::map<std::size_t, std::size_t> tried;  // grid index -> position in r.points
  // Replications at point k until its bound decides it or the maximum is reached.
  const auto evaluate = [&](std::size_t k) {
    auto it = tried.find(k);
    if (it == tried.end()) {
      it = tried.emplace(k, r.points.size()).first;
      r.points.push_back({k, range.text(k), 0, {}, 0, 0, PointVerdict::unresolved});
    }
    SearchPoint& p = r.points[it->second];
    while (p.verdict == PointVerdict::unresolved && p.replications < s.max_replications) {
      const std::uint64_t batch = std::min(s.replications, s.max_replications - p.replications);
      for (const double v : sample(k, p.replications, batch)) {
        if (std::isfinite(v)) p.tally.add(v);
      }
      p.replications += batch;
      decide(p, goal, s.confidence);
      on_batch(p);
    }
    return p.verdict;
  };
  const std::size_t top = range.points() - 1;
  const PointVerdict at_top = evaluate(top);
  if (at_top != PointVerdict::holds) {
    r.status = at_top == PointVerdict::fails ? "not met in range" : "unresolved";
    return r;
  }
  std::size_t hold = top;
  std::optional<std::size_t> fail;
  const PointVerdict at_bottom = evaluate(0);
  if (at_bottom == PointVerdict::holds) {
    hold = 0;
  } else if (at_bottom == PointVerdict::unresolved) {
    r.status = "unresolved";
    r.answer = hold;
    return r;
  } else {
    fail = 0;
  }
  while (fail && hold - *fail > 1) {
    const std::size_t mid = *fail + (hold - *fail) / 2;
    const PointVerdict v = evaluate(mid);
    if (v == PointVerdict::unresolved) {
      r.status = "unresolved";
      r.answer = hold;
      r.largest_fail = fail;
      return r;
    }
    (v == PointVerdict::holds ? hold : *fail) = mid;
  }
  r.status = "found";
  r.answer = hold;
  r.largest_fail = fail;
  return r;
}

std::string search_point_line(const std::string& key, const SearchGoal& goal, const SearchPoint& p) {
  return fmt::format("  {}={:<8} {:>4} replications  {} = {:.6g} ± {:.3g}  {}", key, p.value, p.replications,
                     goal.measure, p.estimate, p.half_width, point_verdict_name(p.verdict));
}

std::string search_csv(const SearchResult& r) {
  std::string csv = "value,replications,estimate,half_width,verdict\n";
  for (const SearchPoint& p : r.points) {
    csv += fmt::format("{},{},{},{},{}\n", p.value, p.replications, format_number(p.estimate, 9),
                       format_number(p.half_width, 9), point_verdict_name(p.verdict));
  }
  return csv;
}

std::string search_json(const SearchResult& r, const SearchRange& range, const SearchGoal& goal,
                        const SearchSettings& s, const SearchInfo& info) {
  JsonWriter j;
  j.begin_object();
  j.key("status").value(r.status);
  j.key("answer");
  if (r.answer && r.status == "found") {
    j.value(range.text(*r.answer));
  } else {
    j.null();
  }
  j.key("bracket").begin_array();
  if (r.largest_fail) {
    j.value(range.text(*r.largest_fail));
  } else {
    j.null();
  }
  if (r.answer) {
    j.value(range.text(*r.answer));
  } else {
    j.null();
  }
  j.end_array();
  j.key("goal").begin_object();
  j.key("measure").value(goal.measure);
  j.key("operator").value(goal.at_least ? ">=" : "<=");
  j.key("value").value(goal.value);
  j.end_object();
  j.key("key").value(info.key);
  j.key("lo").value(range.text(0));
  j.key("hi").value(range.text(range.points() - 1));
  j.key("step").value(range.step);
  j.key("confidence").value(s.confidence);
  j.key("replications").value(s.replications);
  j.key("max_replications").value(s.max_replications);
  j.key("scenario_file").value(info.scenario_file);
  j.key("overrides").begin_array();
  for (const std::string& o : info.overrides) j.value(o);
  j.end_array();
  j.key("seed").value(info.seed);
  j.key("version").value(info.version);
  j.key("command_line").value(info.command_line);
  j.key("points").begin_array();
  for (const SearchPoint& p : r.points) {
    j.begin_object();
    j.key("value").value(p.value);
    j.key("replications").value(p.replications);
    j.key("estimate").value(p.estimate);
    j.key("half_width").value(p.half_width);
    j.key("verdict").value(point_verdict_name(p.verdict));
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string search_summary(const SearchResult& r, const SearchRange& range, const SearchGoal& goal,
                           const SearchSettings& s, const std::string& key) {
  const double conf = s.confidence * 100;
  if (r.status == "not met in range") {
    return fmt::format("The goal {} fails at {}={} (the top of the range) with {:g} % confidence.\n",
                       goal.text(), key, range.text(range.points() - 1), conf);
  }
  if (r.status == "found" && !r.largest_fail) {
    return fmt::format("The goal {} holds at {}={}, the bottom of the range, with {:g} % confidence.\n",
                       goal.text(), key, range.text(0), conf);
  }
  if (r.status == "found") {
    return fmt::format("Smallest {} meeting {} with {:g} % confidence: {} (it fails at {}).\n", key,
                       goal.text(), conf, range.text(*r.answer), range.text(*r.largest_fail));
  }
  return fmt::format(
      "Cannot resolve {} to one step within --max-replications {}: {}.\n", goal.text(), s.max_replications,
      r.answer ? fmt::format("it holds at {}={}{}", key, range.text(*r.answer),
                             r.largest_fail ? " and fails at " + range.text(*r.largest_fail) : "")
               : "not even the top of the range is decided");
}

}  // namespace dccsim::tools
