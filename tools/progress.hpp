#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

// Progress of a long command on stderr: rewritten in place on a terminal, and nothing at all when
// stderr is redirected, so a log file holds whole lines only.
namespace dccsim::tools {

/// One progress line on a terminal's stderr.
class Progress {
 public:
  /// Shows progress only when `wanted` (not --quiet) and stderr is a terminal.
  explicit Progress(bool wanted) : shown_(wanted && isatty(fileno(stderr)) != 0) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { clear(); }
  /// Replaces the line with `text`.
  void update(const std::string& text) {
    if (!shown_) return;
    std::fprintf(stderr, "\r%-*s", static_cast<int>(width_), text.c_str());
    width_ = std::max(width_, text.size());
    std::fflush(stderr);
  }
  /// Erases the line (before other output).
  void clear() {
    if (!shown_ || width_ == 0) return;
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(width_), "");
    width_ = 0;
  }

 private:
  bool shown_;
  std::size_t width_ = 0;
};

}  // namespace dccsim::tools
