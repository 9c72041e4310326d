#include "scenarios/counts_csv.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

#include "tests/scenarios/temp_dir.hpp"

namespace {

namespace scn = dccsim::scenarios;
namespace models = dccsim::models;
using dccsim::scenarios::testing::TempDir;

std::vector<std::string> texts(const std::vector<scn::Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.to_string());
  return out;
}

constexpr std::array<std::string_view, 4> kHeader{"user", "month", "service", "count"};

}  // namespace

TEST_CASE("counts_csv: reads rows with quotes, CRLF and a trailing empty line") {
  TempDir dir;
  const auto catalogue = models::default_catalogue();
  const auto file = dir.write("f.csv",
                              "\xEF\xBB\xBFUser,Month,service,count\r\n"
                              "SUP_A,2018-08,4.1.1,1000\r\n"
                              "\"SUP, \"\"B\"\"\",2018-09,4,20\r\n"
                              " SUP_A , 2018-08 , csr , 7 \r\n"
                              "\r\n");
  std::vector<scn::Diagnostic> diagnostics;
  const auto rows = scn::read_counts_csv(file, catalogue, diagnostics);
  CHECK(texts(diagnostics).empty());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].user == "SUP_A");
  CHECK(rows[0].month == dccsim::sim::YearMonth{2018, 8});
  CHECK(rows[0].service == models::ServiceKey{models::ServiceKey::Kind::sr_type, catalogue.find("4.1.1")});
  CHECK(rows[0].count == 1000);
  CHECK(rows[0].line == 2);
  CHECK(rows[1].user == "SUP, \"B\"");
  CHECK(rows[1].service == models::ServiceKey{models::ServiceKey::Kind::family, 4});
  CHECK(rows[1].line == 3);
  CHECK(rows[2].user == "SUP_A");
  CHECK(rows[2].service.kind == models::ServiceKey::Kind::csr);
  CHECK(rows[2].count == 7);
}

TEST_CASE("counts_csv: every bad row is reported at its line and left out") {
  TempDir dir;
  const auto catalogue = models::default_catalogue();
  const auto file = dir.write("f.csv",
                              "user,month,service,count\n"
                              "A,2018-08,4.1.1,10\n"
                              "A,2018-13,4.1.1,10\n"
                              "A,2018-08,4.1.9,10\n"
                              "A,2018-08,42,10\n"
                              "A,2018-08,2.2,-5\n"
                              "A,2018-08,2.2,ten\n"
                              "A,2018-08,2.2,1.5\n"
                              "A,2018-08,2.2\n"
                              "A,2018-08,4.1.1,11\n"
                              ",2018-08,2.2,1\n"
                              "A,2018-08,2.2,99999999999999999999999\n");
  std::vector<scn::Diagnostic> diagnostics;
  const auto rows = scn::read_counts_csv(file, catalogue, diagnostics);
  const std::string f = file.string() + ":";
  CHECK(rows.size() == 1);
  const std::vector<std::string> expected{
      f + "3: month: month \"2018-13\" is out of range (years 1900..2200, months 01..12)",
      f + "4: service: unknown SR id \"4.1.9\"",
      f + "5: service: unknown SR family 42 (no SR type of the catalogue is in it)",
      f + "6: count: count must not be negative, got -5",
      f + "7: count: count must be a whole number, got \"ten\"",
      f + "8: count: count must be a whole number, got \"1.5\"",
      f + "10: duplicate row for user A, month 2018-08, service 4.1.1 (first at line 2)",
      f + "11: user: user is empty",
      f + "12: count: count 99999999999999999999999 is too large",
  };
  auto got = texts(diagnostics);
  // The column count problem comes from the CSV layer, before the rows are interpreted.
  REQUIRE(got.size() == expected.size() + 1);
  CHECK(got[0] == f + "9: expected 4 columns (user,month,service,count), got 3");
  got.erase(got.begin());
  CHECK(got == expected);
}

TEST_CASE("counts_csv: empty, binary, missing files and a wrong header") {
  TempDir dir;
  const auto catalogue = models::default_catalogue();
  std::vector<scn::Diagnostic> d;
  CHECK(scn::read_counts_csv(dir.write("e.csv", ""), catalogue, d).empty());
  CHECK(scn::read_counts_csv(dir.write("w.csv", "\n\r\n  \n"), catalogue, d).empty());
  CHECK(scn::read_counts_csv(dir.write("b.csv", std::string("user,month\0,service", 18)), catalogue, d)
            .empty());
  CHECK(scn::read_counts_csv(dir.write("u.csv", "user,month,service,count\n\xff\xfe,2018-08,4,1\n"),
                             catalogue, d)
            .empty());
  CHECK(scn::read_counts_csv(dir.path() / "absent.csv", catalogue, d).empty());
  CHECK(
      scn::read_counts_csv(dir.write("h.csv", "supplier,month,service,count\nA,2018-08,4,1\n"), catalogue, d)
          .empty());
  const std::string p = dir.path().string() + "/";
  CHECK(texts(d) ==
        std::vector<std::string>{
            p + "e.csv: file is empty, expected CSV with header user,month,service,count",
            p + "w.csv: file is empty, expected CSV with header user,month,service,count",
            p + "b.csv: file is binary, expected CSV text",
            p + "u.csv:2: column 1: byte 0xFF is not UTF-8 (Latin-1 or Windows-1252?): save the file as UTF-8",
            p + "absent.csv: file not found",
            p + "h.csv:1: header: expected header user,month,service,count, got supplier,month,service,count",
        });
}

TEST_CASE("counts_csv: service column forms") {
  const auto catalogue = models::default_catalogue();
  std::string error;
  CHECK(scn::parse_service("CSR", catalogue, error)->kind == models::ServiceKey::Kind::csr);
  CHECK(scn::parse_service("csr", catalogue, error)->kind == models::ServiceKey::Kind::csr);
  CHECK(scn::parse_service("11", catalogue, error)->index == 11);
  CHECK(scn::parse_service("2.2", catalogue, error)->index == catalogue.find("2.2"));
  CHECK_FALSE(scn::parse_service("", catalogue, error));
  CHECK_FALSE(scn::parse_service("9", catalogue, error));
}

TEST_CASE("counts_csv: read_csv keeps extra columns and reports quoting problems") {
  TempDir dir;
  const std::array<std::string_view, 3> prefix{"user", "month", "service"};
  std::vector<scn::Diagnostic> d;
  const auto file = dir.write("v.csv",
                              "user,month,service,forecast,actual,variance_pct,exception\n"
                              "A,2018-08,4,100,80,-20.0,true\n"
                              "\"multi\nline\",2018-08,4,1,1,0,false\n"
                              "B,2018-08,\"4\"x,1,1,0,false\n"
                              "C,2018-08,4,1,1,0,\"false\n");
  const auto table = scn::read_csv(file, prefix, d);
  REQUIRE(table);
  CHECK(table->header.size() == 7);
  CHECK(table->header[6] == "exception");
  REQUIRE(table->rows.size() == 2);
  CHECK(table->rows[1][0] == "multi\nline");
  CHECK(table->lines == std::vector<std::size_t>{2, 3});
  const std::string f = file.string() + ":";
  CHECK(texts(d) == std::vector<std::string>{f + "5: unexpected text after a closing quote",
                                             f + "6: unterminated quoted field"});
  std::vector<scn::Diagnostic> d2;
  CHECK_FALSE(scn::read_csv(file, kHeader, d2));  // header has forecast, not count
  CHECK(d2.size() == 1);
}

TEST_CASE("counts_csv: looks_binary accepts UTF-8 text and rejects the rest") {
  CHECK_FALSE(scn::looks_binary("plain ascii, caf\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x98\x80"));
  CHECK(scn::looks_binary(std::string_view("a\0b", 3)));
  CHECK(scn::looks_binary("caf\xe9"));       // Latin-1
  CHECK(scn::looks_binary("\xc0\xaf"));      // overlong
  CHECK(scn::looks_binary("\xed\xa0\x80"));  // surrogate
  CHECK(scn::looks_binary("\xe2\x82"));      // truncated
}

TEST_CASE("counts_csv: the reference data reads cleanly") {
  const auto dir = std::filesystem::path(DCCSIM_SOURCE_DIR) / "scenarios/data";
  for (const char* name : {"aug2018-forecasts.csv", "aug2018-actuals.csv"}) {
    if (!std::filesystem::exists(dir / name)) continue;  // the reference scenario is added separately
    std::vector<scn::Diagnostic> d;
    const auto rows = scn::read_counts_csv(dir / name, models::default_catalogue(), d);
    CHECK(texts(d).empty());
    CHECK_FALSE(rows.empty());
  }
}
