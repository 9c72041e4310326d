#include "tools/command_line.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

namespace dccsim::tools {

const char* version() { return DCCSIM_VERSION; }

std::vector<scenarios::Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<scenarios::Override> out;
  std::vector<std::string> problems;
  for (const std::string& text : sets) {
    scenarios::Diagnostic error;
    if (auto o = scenarios::parse_override(text, error)) {
      out.push_back(*o);
    } else {
      problems.push_back(error.to_string());
    }
  }
  if (!problems.empty()) {
    for (std::size_t i = 0; i + 1 < problems.size(); ++i) std::fprintf(stderr, "%s\n", problems[i].c_str());
    throw UsageError(problems.back());
  }
  return out;
}

void check_overrides_honoured(const std::vector<scenarios::Override>& sets, bool seed_option) {
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (seed_option && sets[i].key == "scenario.seed") {
      throw UsageError("--seed and --set scenario.seed both give the seed: give one of them");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (sets[k].key == sets[i].key) {
        throw UsageError(fmt::format("--set {}: given twice ({}, then {}): give it once", sets[i].key,
                                     sets[k].value, sets[i].value));
      }
    }
  }
}

std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<scenarios::Override>& sets) {
  scenarios::LoadResult result = scenarios::load_scenario(file, sets);
  for (const scenarios::Diagnostic& d : result.diagnostics)
    std::fprintf(stderr, "%s\n", d.to_string().c_str());
  for (const scenarios::Diagnostic& d : result.notes) std::fprintf(stderr, "note: %s\n", d.to_string().c_str());
  if (!result.ok()) {
    if (result.diagnostics.empty()) std::fprintf(stderr, "%s: could not be loaded\n", file.c_str());
    return std::nullopt;
  }
  return std::move(result.scenario);
}

std::string human_duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  if (seconds < 3600)
    return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f}h{:02.0f}m", std::floor(seconds / 3600), std::fmod(seconds / 60, 60));
}

}  // namespace dccsim::tools
