#include "tools/report_html_inputs.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace dccsim::tools {

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double d = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<OutputTable> OutputTable::read(const std::filesystem::path& path,
                                             std::vector<scenarios::Diagnostic>& diagnostics) {
  const std::optional<std::string> bytes = scenarios::read_text_file(path, diagnostics);
  if (!bytes) return std::nullopt;
  return parse(*bytes, path.string(), diagnostics);
}

std::optional<OutputTable> OutputTable::parse(std::string_view text, const std::string& file,
                                              std::vector<scenarios::Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  std::optional<scenarios::CsvTable> csv = scenarios::parse_csv(text, file, {}, diagnostics);
  if (!csv || diagnostics.size() != before) return std::nullopt;
  OutputTable t;
  t.file_ = file;
  t.csv_ = std::move(*csv);
  return t;
}

std::optional<std::size_t> OutputTable::index(std::string_view column) const {
  for (std::size_t c = 0; c < csv_.header.size(); ++c) {
    if (scenarios::iequals(csv_.header[c], column)) return c;
  }
  return std::nullopt;
}

bool OutputTable::has_all(std::initializer_list<std::string_view> columns) const {
  for (const std::string_view c : columns) {
    if (!has(c)) return false;
  }
  return true;
}

const std::string& OutputTable::text(std::size_t row, std::string_view column) const {
  static const std::string empty;
  const auto c = index(column);
  return c ? csv_.rows[row][*c] : empty;
}

double OutputTable::number(std::size_t row, std::string_view column) const {
  const auto c = index(column);
  const auto d = c ? parse_number(csv_.rows[row][*c]) : std::nullopt;
  return d ? *d : std::numeric_limits<double>::quiet_NaN();
}

bool OutputTable::check_numeric(const std::vector<std::string>& columns,
                                std::vector<scenarios::Diagnostic>& diagnostics) const {
  bool ok = true;
  for (const std::string& column : columns) {
    const auto c = index(column);
    if (!c) continue;
    for (std::size_t row = 0; row < csv_.rows.size(); ++row) {
      const std::string& cell = csv_.rows[row][*c];
      if (cell.empty() || parse_number(cell)) continue;
      diagnostics.push_back({file_, csv_.lines[row], column, "expected a number, got \"" + cell + "\""});
      ok = false;
      break;
    }
  }
  return ok;
}

std::vector<std::string> OutputTable::suffixes_of(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const std::string& h : csv_.header) {
    if (h.size() > prefix.size() && h.starts_with(prefix) && !h.ends_with("_hw")) {
      out.push_back(h.substr(prefix.size()));
    }
  }
  return out;
}

std::optional<Json> read_json_output(const std::filesystem::path& path,
                                     std::vector<scenarios::Diagnostic>& diagnostics) {
  const std::optional<std::string> bytes = scenarios::read_text_file(path, diagnostics);
  if (!bytes) return std::nullopt;
  JsonError error;
  std::optional<Json> json = parse_json(*bytes, error);
  if (!json) diagnostics.push_back({path.string(), error.line, "", error.message});
  return json;
}

std::string half_width_name(std::string_view column) { return std::string(column) + "_hw"; }

}  // namespace dccsim::tools
