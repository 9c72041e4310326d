#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/config.hpp"
#include "sim/calendar.hpp"

namespace dccsim::models {

/// One row of the variance report: a User's month for one service as forecast (or sent unforecast).
struct VarianceLine {
  std::string user;
  sim::YearMonth month;
  std::string service;  ///< SR id ("4.1.1"), family number ("4") or "CSR"
  bool is_csr = false;
  std::uint64_t forecast = 0;
  std::uint64_t actual = 0;
  bool has_forecast = true;  ///< false: sent with no forecast line
  double variance_pct = 0;   ///< (actual - forecast) / forecast × 100; NaN without a forecast
  bool exception = false;
};

/// Forecast and actual summed over a kind of traffic.
struct VarianceTotals {
  std::uint64_t forecast = 0;
  std::uint64_t actual = 0;
  double variance_pct = 0;  ///< NaN when forecast is 0
};

/// The monthly variance report of SRs and CSRs.
struct VarianceReport {
  std::vector<VarianceLine> lines;
  VarianceTotals sr;
  VarianceTotals csr;
};

/// (actual - forecast) / forecast × 100, or NaN when forecast is 0.
double variance_pct(std::uint64_t forecast, std::uint64_t actual);

/// SR exception: actual <= low × forecast or actual >= high × forecast (any actual against no forecast).
bool is_sr_exception(std::uint64_t forecast, std::uint64_t actual, bool has_forecast,
                     const ReportingConfig& r);

/// CSR exception: actual >= high × forecast, or CSRs sent with no forecast.
bool is_csr_exception(std::uint64_t forecast, std::uint64_t actual, bool has_forecast,
                      const ReportingConfig& r);

/// Fills each line's variance and exception flag and the SR/CSR totals.
void finish_report(VarianceReport& report, const ReportingConfig& reporting);

/// Label of a service key: SR id, family number, or "CSR".
std::string service_label(const ServiceKey& key, const Catalogue& catalogue);

}  // namespace dccsim::models
