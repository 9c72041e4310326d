#include "tools/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace dccsim::tools {
namespace {

bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' || c == '%' || c == '+';
  });
}

std::string pct(double v, int decimals = 1) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:+.{}f} %", v, decimals);
}

std::string share(double v) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:.2f} %", v * 100.0);
}

std::string seconds(double v) {
  if (!std::isfinite(v)) return "-";
  if (v < 1.0) return fmt::format("{:.1f} ms", v * 1000.0);
  return fmt::format("{:.2f} s", v);
}

}  // namespace

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], row[c].size());
  }
  const auto line = [&](const std::vector<std::string>& cells, bool is_header) {
    std::string out = " ";
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const bool right = !is_header && c > 0 && looks_numeric(cell);
      out += " ";
      out += right ? fmt::format("{:>{}}", cell, width[c]) : fmt::format("{:<{}}", cell, width[c]);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header, true);
  for (const auto& row : rows) out += line(row, false);
  return out;
}

std::string run_report(const models::ModelResults& r, const RunInfo& info) {
  const sim::Calendar calendar(info.epoch);
  std::string out;
  out += fmt::format("Scenario {} (seed {}): {} to {}, {} requests, {} events\n\n", info.scenario, info.seed,
                     iso_time(calendar, sim::Time::zero()), iso_time(calendar, r.horizon),
                     group_thousands(r.requests.generated), group_thousands(r.events));

  out += "Variance against forecast\n";
  const auto words = [&](const char* what, const models::VarianceTotals& t) {
    out += fmt::format("  {}: {} requests were sent versus a forecast of {} ({})\n", what,
                       group_thousands(t.actual), group_thousands(t.forecast), pct(t.variance_pct));
  };
  words("SRs ", r.variance.sr);
  words("CSRs", r.variance.csr);
  std::vector<std::vector<std::string>> rows;
  std::size_t exceptions = 0;
  for (const models::VarianceLine& l : r.variance.lines) {
    if (!l.exception) continue;
    ++exceptions;
    if (rows.size() < 25) {
      rows.push_back({l.user, sim::month_text(l.month), l.service, group_thousands(l.forecast),
                      group_thousands(l.actual), l.has_forecast ? pct(l.variance_pct) : "no forecast"});
    }
  }
  out +=
      fmt::format("\nExceptions: {} of {} User-month-service lines\n", exceptions, r.variance.lines.size());
  if (!rows.empty()) out += text_table({"user", "month", "service", "forecast", "actual", "variance"}, rows);
  if (exceptions > rows.size())
    out += fmt::format("  ... and {} more in variance.csv\n", exceptions - rows.size());

  out += "\nCode Performance Measures\n";
  rows.clear();
  for (const models::MeasureResult& m : r.performance) {
    rows.push_back({models::measure_class_name(m.measure), sim::month_text(m.month),
                    group_thousands(m.responses), share(m.share_within_target), share(m.target),
                    share(m.minimum), models::measure_status_name(m.status)});
  }
  out += text_table({"measure", "month", "responses", "within target", "target", "minimum", "status"}, rows);

  out += "\nBusiest stations\n";
  std::vector<const models::StationResult*> stations;
  for (const auto& s : r.stations) stations.push_back(&s);
  std::stable_sort(stations.begin(), stations.end(),
                   [](const auto* a, const auto* b) { return a->utilisation > b->utilisation; });
  rows.clear();
  for (const auto* s : stations) {
    rows.push_back({s->name, share(s->utilisation), group_thousands(s->arrivals),
                    seconds(s->wait_s.count() ? s->wait_s.mean() : NAN),
                    seconds(s->wait_s.count() ? s->wait_s.quantile(0.95) : NAN),
                    seconds(s->wait_s.count() ? s->wait_s.quantile(0.99) : NAN),
                    fmt::format("{:.1f}", s->queue_mean),
                    group_thousands(static_cast<std::uint64_t>(s->queue_max)), group_thousands(s->rejected)});
  }
  out += text_table({"station", "utilisation", "arrivals", "wait mean", "wait p95", "wait p99", "queue mean",
                     "queue max", "rejected"},
                    rows);

  out += fmt::format("\nBreaches: {}\n", r.breaches.size());
  rows.clear();
  for (const models::Breach& b : r.breaches) {
    if (rows.size() >= 15) break;
    rows.push_back({iso_time(calendar, b.start), iso_time(calendar, b.end), models::breach_kind_name(b.kind),
                    b.where, fmt::format("{:.4g}", b.peak_excess)});
  }
  if (!rows.empty()) out += text_table({"start", "end", "kind", "where", "peak excess"}, rows);
  if (r.breaches.size() > rows.size())
    out += fmt::format("  ... and {} more in breaches.csv\n", r.breaches.size() - rows.size());

  bool any_throttling = false;
  for (const auto& t : r.throttle) any_throttling = any_throttling || t.rejected > 0 || t.delayed > 0;
  out += fmt::format("\nTraffic Management{}\n", any_throttling ? "" : ": no User was throttled");
  rows.clear();
  for (const models::UserThrottle& t : r.throttle) {
    rows.push_back(
        {t.user, group_thousands(t.offered), group_thousands(t.admitted), group_thousands(t.rejected),
         group_thousands(t.delayed), group_thousands(t.retried), group_thousands(t.given_up),
         std::isfinite(t.allocation_mean_per_s) ? fmt::format("{:.1f}/s", t.allocation_mean_per_s) : "-"});
  }
  if (any_throttling) {
    out += text_table(
        {"user", "offered", "admitted", "rejected", "delayed", "retried", "given up", "allocation"}, rows);
  }

  const models::RequestCounts& q = r.requests;
  out += fmt::format(
      "\nRequests: {} generated = {} completed ({} within target) + {} rejected + {} failed + {} in "
      "flight{}\n",
      group_thousands(q.generated), group_thousands(q.completed()), group_thousands(q.completed_within),
      group_thousands(q.rejected()), group_thousands(q.failed()), group_thousands(q.in_flight),
      q.conserved() ? "" : "  (NOT CONSERVED)");
  return out;
}

}  // namespace dccsim::tools
