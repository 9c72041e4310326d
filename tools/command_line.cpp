#include "tools/command_line.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <thread>

namespace po = boost::program_options;

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

std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<scenarios::Override>& sets) {
  scenarios::LoadResult result = scenarios::load_scenario(file, sets);
  for (const scenarios::Diagnostic& d : result.diagnostics)
    std::fprintf(stderr, "%s\n", d.to_string().c_str());
  if (!result.ok()) {
    if (result.diagnostics.empty()) std::fprintf(stderr, "%s: could not be loaded\n", file.c_str());
    return std::nullopt;
  }
  return std::move(result.scenario);
}

po::variables_map parse_command(const std::vector<std::string>& args, const po::options_description& options,
                                const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

std::string human_duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  if (seconds < 3600)
    return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f}h{:02.0f}m", std::floor(seconds / 3600), std::fmod(seconds / 60, 60));
}

void validate(boost::any& out, const std::vector<std::string>& values, Count*, int) {
  po::validators::check_first_occurrence(out);
  const std::string& text = po::validators::get_single_string(values);
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || ptr != end) throw po::invalid_option_value(text);
  out = boost::any(Count{n});
}

std::ostream& operator<<(std::ostream& os, const Count& c) { return os << c.value; }

unsigned thread_count(const po::variables_map& vm) {
  if (!vm.count("threads")) return std::max(1u, std::thread::hardware_concurrency());
  const std::uint64_t n = vm["threads"].as<Count>().value;
  if (n == 0) throw UsageError("--threads: must be at least 1");
  return static_cast<unsigned>(std::min<std::uint64_t>(n, 1024));
}

std::vector<std::string> set_values(const po::variables_map& vm) {
  return vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

}  // namespace dccsim::tools
