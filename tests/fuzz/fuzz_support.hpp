#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "scenarios/loader.hpp"

// What the fuzz targets share: the readers take paths, so each input is written to a scratch
// folder (on tmpfs when there is one) that also links the reference scenarios' own data, so
// `extends = "common/..."` and `forecasts = "data/..."` in a mutated scenario still resolve.
namespace dccsim::fuzz {

inline std::filesystem::path scratch_path() {
  std::error_code ec;
  const std::filesystem::path shm = "/dev/shm";
  const std::filesystem::path base =
      std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path();
  return base / ("dccsim-fuzz-" + std::to_string(::getpid()));
}

/// The process's scratch folder, made on first use and removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    std::filesystem::path d = scratch_path();
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch_path(), ignored);
    });
    const std::filesystem::path src = DCCSIM_SOURCE_DIR;
    const std::pair<const char*, std::filesystem::path> links[] = {
        {"common", src / "scenarios/common"},
        {"data", src / "scenarios/data"},
        {"small-forecasts.csv", src / "tests/golden/small-forecasts.csv"},
        {"small-actuals.csv", src / "tests/golden/small-actuals.csv"}};
    for (const auto& [name, target] : links) std::filesystem::create_symlink(target, d / name, ec);
    return d;
  }();
  return dir;
}

/// Writes `bytes` to `name` in the scratch folder and returns its path.
inline std::filesystem::path write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path p = scratch_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return p;
}

/// A scenario input: TOML text, then optionally a line `#%set` followed by one KEY=VALUE per line.
struct ScenarioInput {
  std::string toml;
  std::vector<std::string> sets;
};

inline ScenarioInput split_scenario_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view marker = "\n#%set\n";
  const std::size_t at = text.find(marker);
  ScenarioInput in{std::string(text.substr(0, at)), {}};
  if (at == std::string_view::npos) return in;
  std::string_view rest = text.substr(at + marker.size());
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    if (!line.empty()) in.sets.emplace_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return in;
}

/// Loads a scenario input as `dccsim validate --set ...` does, with `extra` sets applied first.
inline scenarios::LoadResult load_scenario_input(const std::uint8_t* data, std::size_t size,
                                                 const std::vector<std::string>& extra = {}) {
  ScenarioInput in = split_scenario_input(data, size);
  in.sets.insert(in.sets.begin(), extra.begin(), extra.end());
  scenarios::LoadResult result;
  std::vector<scenarios::Override> overrides;
  for (const std::string& s : in.sets) {
    scenarios::Diagnostic error;
    if (auto o = scenarios::parse_override(s, error)) overrides.push_back(std::move(*o));
    else result.diagnostics.push_back(error);
  }
  if (!result.diagnostics.empty()) return result;
  const std::filesystem::path file =
      write_input("scenario.toml", reinterpret_cast<const std::uint8_t*>(in.toml.data()), in.toml.size());
  return scenarios::load_scenario(file, overrides);
}

}  // namespace dccsim::fuzz
