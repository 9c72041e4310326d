#include "scenarios/history_csv.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("history_csv: reads a variance history with its derived columns") {
  TempDir dir;
  const auto file = dir.write("h.csv",
                              "User,Month,Service,Forecast,Actual,Variance_pct,Exception\n"
                              "A,2018-08,4.1.1,1000,500,-50.00,yes\n"
                              "A,2018-09,csr,10,10,,\n"
                              "B,2018-08,4,0,3,,no\n");
  std::vector<scn::Diagnostic> out;
  const auto rows = scn::read_history_csv(file, out);
  CHECK(lines_of(out).empty());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].user == "A");
  CHECK(rows[0].service == "4.1.1");
  CHECK_FALSE(rows[0].is_csr);
  CHECK(rows[0].forecast == 1000);
  CHECK(rows[0].actual == 500);
  CHECK(rows[1].service == "CSR");
  CHECK(rows[1].is_csr);
  CHECK(rows[1].month == sim::YearMonth{2018, 9});
  CHECK(rows[2].service == "4");
}

TEST_CASE("history_csv: every bad row is a diagnostic at its line and column") {
  TempDir dir;
  const auto file = dir.write("bad.csv",
                              "user,month,service,forecast,actual,variance_pct,exception\n"
                              "A,2018-08,4,1000,500,-50.00,yes\n"
                              "A,2018-08,4,1000,400,-60.00,yes\n"
                              "A,2018-09,4,-5,400,,yes\n"
                              "A,2018-07,4,1000,400,-60.00,yes\n"
                              "B,2018-08,9.9.9,1000,400,-60.00,yes\n"
                              "B,2018-09,4,1000,400,12.00,maybe\n"
                              "B,2018-10,4,1000\n"
                              "C,2018-13,CSR,10,10,0.00,no\n"
                              ",2018-08,4,x,1,,\n"
                              "D,2018-08,4,0,0,5,\n");
  std::vector<scn::Diagnostic> out;
  const auto rows = scn::read_history_csv(file, out);
  const std::string f = file.string() + ":";
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  CHECK(
      lines_of(out) ==
      std::vector<std::string>{
          f + "3: duplicate row for user A, month 2018-08, service 4 (first at line 2)",
          f + "4: forecast: forecast must not be negative, got -5",
          f + "6: service: unknown SR id \"9.9.9\"",
          f + "7: variance_pct: variance_pct \"12.00\" does not match forecast 1000 and actual 400 (expected "
              "-60.00)",
          f + "7: exception: exception must be yes or no, got \"maybe\"",
          f + "8: expected 7 columns (user,month,service,forecast,actual,variance_pct,exception), got 4",
          f + "9: month: month \"2018-13\" is out of range (years 1900..2200, months 01..12)",
          f + "10: user: user is empty",
          f + "10: forecast: forecast must be a whole number >= 0, got \"x\"",
          f + "11: variance_pct: variance_pct \"5\" does not match forecast 0 and actual 0 (expected empty)",
      });
  CHECK(rows.size() == 2);  // line 2, and line 5 (an earlier month: rows may come in any order)
}

TEST_CASE("history_csv: rows in any order, as a pivot table exports them, are read in month order") {
  TempDir dir;
  const auto file = dir.write("pivot.csv",
                              "user,month,service,forecast,actual,variance_pct\n"
                              "A,2018-09,4,1000,58,-94.2\n"
                              "A,2018-08,4,1000,500,-50\n"
                              "A,2018-09,CSR,10,10,0.0\n"
                              "A,2018-08,CSR,10,12,20.00\n"
                              "B,2018-09,4,100,90,-10.0\n"
                              "B,2018-08,4,100,95,-5\n");
  std::vector<scn::Diagnostic> out;
  const auto rows = scn::read_history_csv(file, out);
  INFO(lines_of(out).size());
  CHECK(out.empty());
  REQUIRE(rows.size() == 6);
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].month <= rows[i].month);
  CHECK(rows[0].user == "A");  // stable: file order kept within a month
  CHECK(rows[0].service == "4");
}

TEST_CASE("history_csv: variance_pct is checked at the precision it is written with") {
  TempDir dir;
  const std::string header = "user,month,service,forecast,actual,variance_pct\n";
  const auto check = [&](const std::string& cell) {
    std::vector<scn::Diagnostic> out;
    scn::read_history_csv(dir.write("v.csv", header + "A,2018-08,4,100000,5823," + cell + "\n"), out);
    return out.empty();
  };
  // 5823 of 100000: -94.177 %.
  CHECK(check("-94.18"));
  CHECK(check("-94.2"));
  CHECK(check("-94"));
  CHECK_FALSE(check("-94.3"));
  CHECK_FALSE(check("-94.1"));
  CHECK_FALSE(check("-94.20"));
  CHECK_FALSE(check("-95"));
}

TEST_CASE("history_csv: a forecast User differing from a history User only in case is an error") {
  TempDir dir;
  const std::vector<models::HistoryRow> history{{"SUPPLIER_A", {2018, 8}, "4", false, 100, 90}};
  const auto file = dir.write("f.csv",
                              "user,month,service,count\n"
                              "supplier_a,2018-09,4,100\n"
                              "SUPPLIER_A,2018-09,4,-1\n"
                              "SUPPLIER_A,2018-09,CSR,5\n"
                              "NEW_USER,2018-09,4.1.1,6\n");
  std::vector<scn::Diagnostic> out;
  const auto rows = scn::read_forecasts_to_predict(file, history, out);
  const std::string f = file.string() + ":";
  CHECK(lines_of(out) ==
        std::vector<std::string>{
            f + "3: count: count must not be negative, got -1",
            f + "2: user: unknown User \"supplier_a\" (the history has \"SUPPLIER_A\"; ids are "
                "case-sensitive)",
        });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].service == "CSR");
  CHECK(rows[0].is_csr);
  CHECK(rows[0].forecast == 5);
  CHECK(rows[1].user == "NEW_USER");
  CHECK(rows[1].service == "4.1.1");
}
