#include "models/variance.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace models = dccsim::models;

TEST_CASE("variance: the August 2018 totals in the report's figures") {
  CHECK(models::variance_pct(7'004'230, 1'209'004) == doctest::Approx(-82.7389).epsilon(1e-5));
  CHECK(models::variance_pct(868'301, 407'397) == doctest::Approx(-53.0811).epsilon(1e-5));
  CHECK(std::isnan(models::variance_pct(0, 5)));
}

TEST_CASE("variance: SR exception thresholds are inclusive at 90 % and 110 %") {
  const models::ReportingConfig r;
  CHECK(models::is_sr_exception(1000, 900, true, r));
  CHECK_FALSE(models::is_sr_exception(1000, 901, true, r));
  CHECK_FALSE(models::is_sr_exception(1000, 1099, true, r));
  CHECK(models::is_sr_exception(1000, 1100, true, r));
  CHECK(models::is_sr_exception(0, 1, false, r));
  CHECK_FALSE(models::is_sr_exception(0, 0, false, r));
  models::ReportingConfig wide;
  wide.sr_low = 0.5;
  wide.sr_high = 1.5;
  CHECK_FALSE(models::is_sr_exception(1000, 600, true, wide));
}

TEST_CASE("variance: CSR exceptions are over-forecast or unforecast only") {
  const models::ReportingConfig r;
  CHECK_FALSE(models::is_csr_exception(1000, 10, true, r));  // far below is not a CSR exception
  CHECK(models::is_csr_exception(1000, 1100, true, r));
  CHECK_FALSE(models::is_csr_exception(1000, 1099, true, r));
  CHECK(models::is_csr_exception(0, 3, false, r));
}

TEST_CASE("variance: finish_report sums SR and CSR lines separately") {
  models::VarianceReport report;
  report.lines.push_back({"A", {2018, 8}, "4", false, 1000, 500, true, 0, false});
  report.lines.push_back({"A", {2018, 8}, "CSR", true, 100, 120, true, 0, false});
  report.lines.push_back({"B", {2018, 8}, "4.1.1", false, 0, 7, false, 0, false});
  models::finish_report(report, models::ReportingConfig{});
  CHECK(report.sr.forecast == 1000);
  CHECK(report.sr.actual == 507);
  CHECK(report.csr.actual == 120);
  CHECK(report.sr.variance_pct == doctest::Approx(-49.3));
  CHECK(report.lines[0].exception);
  CHECK(report.lines[1].exception);
  CHECK(report.lines[2].exception);
  CHECK(std::isnan(report.lines[2].variance_pct));
}
