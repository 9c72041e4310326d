#include "scenarios/counts_csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <system_error>
#include <tuple>

#include "scenarios/units.hpp"

namespace dccsim::scenarios {
namespace {

constexpr std::array<std::string_view, 4> kCountsHeader{"user", "month", "service", "count"};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

constexpr double kMaxMonthlyCount = 1e12;

std::optional<std::uint64_t> parse_count(std::string_view text, std::string& error) {
  if (!text.empty() && text.front() == '-' && all_digits(text.substr(1))) {
    error = "count must not be negative, got " + std::string(text);
    return std::nullopt;
  }
  if (!all_digits(text)) {
    error = "count must be a whole number, got \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    error = "count " + std::string(text) + " is too large";
    return std::nullopt;
  }
  if (static_cast<double>(value) > kMaxMonthlyCount) {
    error = "count " + std::string(text) + " is more than 1e12, the largest monthly count the model draws";
    return std::nullopt;
  }
  return value;
}

// The expected actual of a variance forecast, rounded: the count a scenario runs as its demand.
std::optional<std::uint64_t> parse_expected_actual(std::string_view text, std::string& error) {
  double expected = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(expected) ||
      expected < 0 || expected > kMaxMonthlyCount) {
    error =
        "expected_actual must be a number within [0, 1e12] (the largest monthly count the model draws), got "
        "\"" +
        std::string(text) + "\"";
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(std::llround(expected));
}

std::string service_text(const models::ServiceKey& key, const models::Catalogue& catalogue) {
  switch (key.kind) {
    case models::ServiceKey::Kind::csr:
      return "CSR";
    case models::ServiceKey::Kind::family:
      return std::to_string(key.index);
    case models::ServiceKey::Kind::sr_type:
      return catalogue.types[static_cast<std::size_t>(key.index)].id;
  }
  return "?";
}

}  // namespace

std::optional<models::ServiceKey> parse_service(std::string_view text, const models::Catalogue& catalogue,
                                                std::string& error) {
  using Kind = models::ServiceKey::Kind;
  if (iequals(text, "csr")) return models::ServiceKey{Kind::csr, 0};
  if (all_digits(text)) {
    int family = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), family);
    if (ec != std::errc{} || end != text.data() + text.size() || catalogue.family_members(family).empty()) {
      error = "unknown SR family " + std::string(text) + " (no SR type of the catalogue is in it)";
      return std::nullopt;
    }
    return models::ServiceKey{Kind::family, family};
  }
  const int index = catalogue.find(std::string(text));
  if (index < 0) {
    error = text.empty() ? std::string("service is empty (expected an SR id, a family number or CSR)")
                         : "unknown SR id \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  return models::ServiceKey{Kind::sr_type, index};
}

std::optional<RowKey> parse_row_key(std::span<const std::string> fields, const models::Catalogue& catalogue,
                                    const std::string& file, std::size_t line, std::vector<Diagnostic>& out) {
  RowKey key;
  const RecordSite site{file, line, out};
  bool ok = true;
  key.user = fields[0];
  if (key.user.empty()) {
    out.push_back({file, line, "user", "user is empty"});
    ok = false;
  }
  std::string error;
  ok = site.take(parse_year_month(fields[1], error), key.month, "month", error) && ok;
  ok = site.take(parse_service(fields[2], catalogue, error), key.service, "service", error) && ok;
  if (!ok) return std::nullopt;
  return key;
}

std::vector<CountRow> read_counts_csv(const std::filesystem::path& path, const models::Catalogue& catalogue,
                                      std::vector<Diagnostic>& out) {
  return read_keyed_counts(path, catalogue, kCountsHeader, 3, &parse_count, out);
}

std::vector<CountRow> read_keyed_counts(const std::filesystem::path& path, const models::Catalogue& catalogue,
                                        std::span<const std::string_view> header, std::size_t count_column,
                                        CountParser parse, std::vector<Diagnostic>& out) {
  std::vector<CountRow> rows;
  const auto table = read_csv(path, header, out);
  if (!table) return rows;
  const std::string file = path.string();
  // First line of each (user, month, service), to name it when a duplicate appears.
  std::map<std::tuple<std::string, std::int64_t, int, int>, std::size_t> seen;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& fields = table->rows[r];
    const std::size_t line = table->lines[r];
    CountRow row;
    row.line = line;
    auto key = parse_row_key(fields, catalogue, file, line, out);
    bool ok = key.has_value();
    if (key) {
      row.user = std::move(key->user);
      row.month = key->month;
      row.service = key->service;
    }
    std::string error;
    const RecordSite site{file, line, out};
    ok = site.take(parse(fields[count_column], error), row.count, header[count_column], error) && ok;
    if (!ok) continue;
    const auto unique =
        std::make_tuple(row.user, row.month.serial(), static_cast<int>(row.service.kind),
                        row.service.kind == models::ServiceKey::Kind::csr ? 0 : row.service.index);
    const auto [it, inserted] = seen.emplace(unique, line);
    if (!inserted) {
      out.push_back({file, line, "",
                     "duplicate row for user " + row.user + ", month " + fields[1] + ", service " +
                         service_text(row.service, catalogue) + " (first at line " +
                         std::to_string(it->second) + ")"});
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CountRow> read_variance_forecast_csv(const std::filesystem::path& path,
                                                 const models::Catalogue& catalogue,
                                                 std::vector<Diagnostic>& out) {
  static constexpr std::array<std::string_view, 5> kHeader{"user", "month", "service", "forecast",
                                                           "expected_actual"};
  return read_keyed_counts(path, catalogue, kHeader, 4, &parse_expected_actual, out);
}

}  // namespace dccsim::scenarios
