#include "tools/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dccsim::tools {
namespace {

std::filesystem::path temporary_of(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

// Every file written through write_file_atomically, by command; a new output is added here so a
// killed run's temporary of it is cleaned up too (tests/tools/output_names_test.sh checks it).
constexpr std::string_view kOutputFileNames[] = {
    // run
    "variance.csv", "stations.csv", "performance.csv", "throttle.csv", "breaches.csv", "timeseries.csv",
    "summary.json", "timing.json",
    // compare
    "compare.csv", "compare.json",
    // sweep
    "sweep_summary.csv", "sweep_args.json",
    // search
    "search.csv", "search.json",
    // variance
    "backtest.csv", "backtest.json", "variance_forecast.csv", "variance_forecast.json",
    // report
    "report.html"};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path tmp = temporary_of(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(fmt::format("cannot rename {} to {}", tmp.string(), path.string()));
  }
}

void create_output_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  remove_stale_temporaries(dir);
}

std::span<const std::string_view> output_file_names() { return kOutputFileNames; }

std::size_t remove_stale_temporaries(const std::filesystem::path& dir) {
  std::size_t removed = 0;
  for (const std::string_view name : kOutputFileNames) {
    const std::filesystem::path tmp = temporary_of(dir / name);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(tmp, ec))) continue;
    if (!std::filesystem::remove(tmp, ec)) {
      throw std::runtime_error(fmt::format("cannot remove {}: {}", tmp.string(), ec.message()));
    }
    ++removed;
  }
  return removed;
}

void append_line_durably(const std::filesystem::path& file, std::string_view line) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot append to {}", file.string()));
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int synced = ::fsync(fd);
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()) || synced != 0) {
    throw std::runtime_error(fmt::format("cannot append to {}", file.string()));
  }
}

std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace dccsim::tools
