#include "models/variance.hpp"

#include <limits>

namespace dccsim::models {

double variance_pct(std::uint64_t forecast, std::uint64_t actual) {
  if (forecast == 0) return std::numeric_limits<double>::quiet_NaN();
  return (static_cast<double>(actual) - static_cast<double>(forecast)) / static_cast<double>(forecast) *
         100.0;
}

// Thresholds compare counts, not rounded percentages, so a User exactly at 90 % is an exception
// as the rule ("<= 90 %") says, whatever the rounding of the printed figure.
bool is_sr_exception(std::uint64_t forecast, std::uint64_t actual, bool has_forecast,
                     const ReportingConfig& r) {
  if (!has_forecast || forecast == 0) return actual > 0;
  const double f = static_cast<double>(forecast);
  const double a = static_cast<double>(actual);
  return a <= r.sr_low * f || a >= r.sr_high * f;
}

bool is_csr_exception(std::uint64_t forecast, std::uint64_t actual, bool has_forecast,
                      const ReportingConfig& r) {
  if (!has_forecast || forecast == 0) return actual > 0;
  return static_cast<double>(actual) >= r.csr_high * static_cast<double>(forecast);
}

void finish_report(VarianceReport& report, const ReportingConfig& reporting) {
  report.sr = {};
  report.csr = {};
  for (VarianceLine& line : report.lines) {
    line.variance_pct = line.has_forecast ? variance_pct(line.forecast, line.actual)
                                          : std::numeric_limits<double>::quiet_NaN();
    line.exception = line.is_csr ? is_csr_exception(line.forecast, line.actual, line.has_forecast, reporting)
                                 : is_sr_exception(line.forecast, line.actual, line.has_forecast, reporting);
    VarianceTotals& t = line.is_csr ? report.csr : report.sr;
    t.forecast += line.forecast;
    t.actual += line.actual;
  }
  report.sr.variance_pct = variance_pct(report.sr.forecast, report.sr.actual);
  report.csr.variance_pct = variance_pct(report.csr.forecast, report.csr.actual);
}

std::string service_label(const ServiceKey& key, const Catalogue& catalogue) {
  switch (key.kind) {
    case ServiceKey::Kind::sr_type:
      return catalogue.types.at(static_cast<std::size_t>(key.index)).id;
    case ServiceKey::Kind::family:
      return std::to_string(key.index);
    case ServiceKey::Kind::csr:
      return "CSR";
  }
  return "?";
}

}  // namespace dccsim::models
