#include "scenarios/history_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>

#include "models/variance.hpp"
#include "scenarios/counts_csv.hpp"
#include "scenarios/csv.hpp"
#include "scenarios/units.hpp"

namespace dccsim::scenarios {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 5> kHistoryHeader{"user", "month", "service", "forecast", "actual"};

const models::Catalogue& catalogue() {
  static const models::Catalogue kCatalogue = models::default_catalogue();
  return kCatalogue;
}

std::optional<std::uint64_t> parse_count(std::string_view text, std::string_view column, std::string& error) {
  const bool negative = !text.empty() && text.front() == '-';
  std::uint64_t value = 0;
  const std::string_view digits = negative ? text.substr(1) : text;
  const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                         [](char c) { return c >= '0' && c <= '9'; });
  if (negative && all_digits) {
    error = fmt::format("{} must not be negative, got {}", column, text);
    return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!all_digits || ec != std::errc{} || end != text.data() + text.size()) {
    error = fmt::format("{} must be a whole number >= 0, got \"{}\"", column, text);
    return std::nullopt;
  }
  return value;
}

// `v` with two decimals, without the sign of a negative zero.
std::string two_decimals(double v) {
  const std::string s = fmt::format("{:.2f}", v);
  return s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos ? s.substr(1) : s;
}

// The optional columns derived from the counts, by position in the header.
struct DerivedColumns {
  std::optional<std::size_t> variance_pct;
  std::optional<std::size_t> exception;
};

DerivedColumns derived_columns(const std::vector<std::string>& header) {
  DerivedColumns columns;
  for (std::size_t c = kHistoryHeader.size(); c < header.size(); ++c) {
    if (ascii_lower(header[c]) == "variance_pct") columns.variance_pct = c;
    if (ascii_lower(header[c]) == "exception") columns.exception = c;
  }
  return columns;
}

// The row's counts and key; nullopt when any is bad (each reported).
std::optional<models::HistoryRow> parse_history_row(const std::vector<std::string>& fields,
                                                    const std::string& file, std::size_t line,
                                                    std::vector<Diagnostic>& out) {
  const auto key = parse_row_key(fields, catalogue(), file, line, out);
  models::HistoryRow row;
  bool ok = key.has_value();
  if (key) {
    row.user = key->user;
    row.month = key->month;
    row.service = models::service_label(key->service, catalogue());
    row.is_csr = key->service.kind == models::ServiceKey::Kind::csr;
  }
  std::string error;
  const RecordSite site{file, line, out};
  ok = site.take(parse_count(fields[3], "forecast", error), row.forecast, "forecast", error) && ok;
  ok = site.take(parse_count(fields[4], "actual", error), row.actual, "actual", error) && ok;
  if (!ok) return std::nullopt;
  return row;
}

// The derived columns, when present, must agree with the counts: a mismatch means the file was
// edited by hand or columns were shifted. A blank cell is "not given" (spreadsheets leave them
// empty). The tolerance admits the rounding of a printed percentage and of a mean actual over
// replications (up to half a count).
// Digits written after the decimal point of a number ("-94.2": 1, "12": 0, "1.25e1": 2).
int decimals_of(std::string_view text) {
  const std::size_t point = text.find('.');
  if (point == std::string_view::npos) return 0;
  int n = 0;
  for (std::size_t i = point + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++n;
  return n;
}

bool derived_agree(const std::vector<std::string>& fields, const models::HistoryRow& row,
                   const DerivedColumns& columns, const std::string& file, std::size_t line,
                   std::vector<Diagnostic>& out) {
  bool ok = true;
  if (columns.variance_pct && !fields[*columns.variance_pct].empty()) {
    const std::string& text = fields[*columns.variance_pct];
    const double expected = models::variance_pct(row.forecast, row.actual);
    const auto given = parse_number(text);
    // Half a unit of the last decimal written ("-94.2" stands for [-94.25, -94.15]), at least the
    // two decimals dccsim prints, plus half a count of a mean actual.
    const double tolerance = 0.5 * std::pow(10.0, -static_cast<double>(std::min(decimals_of(text), 2))) +
                             1e-4 + (row.forecast > 0 ? 50.0 / static_cast<double>(row.forecast) : 0.0);
    if (!std::isfinite(expected) || !given || std::abs(*given - expected) > tolerance) {
      out.push_back({file, line, "variance_pct",
                     fmt::format("variance_pct \"{}\" does not match forecast {} and actual {} (expected {})",
                                 text, row.forecast, row.actual,
                                 std::isfinite(expected) ? two_decimals(expected) : "empty")});
      ok = false;
    }
  }
  if (columns.exception) {
    const std::string value = ascii_lower(fields[*columns.exception]);
    if (value != "yes" && value != "no" && !value.empty()) {
      out.push_back({file, line, "exception",
                     fmt::format("exception must be yes or no, got \"{}\"", fields[*columns.exception])});
      ok = false;
    }
  }
  return ok;
}

}  // namespace

std::vector<models::HistoryRow> read_history_csv(const fs::path& path, std::vector<Diagnostic>& out) {
  std::vector<models::HistoryRow> rows;
  const auto table = read_csv(path, kHistoryHeader, out);
  if (!table) return rows;
  const std::string file = path.string();
  const DerivedColumns columns = derived_columns(table->header);
  std::map<std::tuple<std::string, std::int64_t, std::string>, std::size_t> seen;
  std::map<std::string, sim::YearMonth> last_month;  // per User: the latest month so far
  bool out_of_order = false;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& fields = table->rows[r];
    const std::size_t line = table->lines[r];
    auto row = parse_history_row(fields, file, line, out);
    if (!row) continue;
    const bool ok = derived_agree(fields, *row, columns, file, line, out);
    const auto [it, inserted] =
        seen.emplace(std::make_tuple(row->user, row->month.serial(), row->service), line);
    if (!inserted) {
      out.push_back({file, line, "",
                     fmt::format("duplicate row for user {}, month {}, service {} (first at line {})",
                                 row->user, sim::month_text(row->month), row->service, it->second)});
      continue;
    }
    if (const auto last = last_month.find(row->user); last != last_month.end() && row->month < last->second) {
      out_of_order = true;
    } else {
      last_month[row->user] = row->month;
    }
    if (ok) rows.push_back(std::move(*row));
  }
  // Rows in any order (a pivot table exports by User, then service, then month): the model reads
  // each User's months in order, so such a file is put in month order. A file already in order
  // for every User is kept as written.
  if (out_of_order) {
    std::stable_sort(rows.begin(), rows.end(), [](const models::HistoryRow& a, const models::HistoryRow& b) {
      return a.month < b.month;
    });
  }
  return rows;
}

std::vector<models::ForecastRow> read_forecasts_to_predict(const fs::path& path,
                                                           const std::vector<models::HistoryRow>& history,
                                                           std::vector<Diagnostic>& out) {
  std::vector<models::ForecastRow> rows;
  const auto counts = read_counts_csv(path, catalogue(), out);
  std::set<std::string> known;
  std::map<std::string, std::string> known_lower;
  for (const auto& h : history) {
    if (known.insert(h.user).second) known_lower.emplace(ascii_lower(h.user), h.user);
  }
  for (const CountRow& c : counts) {
    if (!known.empty() && known.count(c.user) == 0) {
      if (const auto it = known_lower.find(ascii_lower(c.user)); it != known_lower.end()) {
        out.push_back({path.string(), c.line, "user",
                       fmt::format("unknown User \"{}\" (the history has \"{}\"; ids are case-sensitive)",
                                   c.user, it->second)});
        continue;
      }
    }
    models::ForecastRow row;
    row.user = c.user;
    row.month = c.month;
    row.service = models::service_label(c.service, catalogue());
    row.is_csr = c.service.kind == models::ServiceKey::Kind::csr;
    row.forecast = c.count;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace dccsim::scenarios
