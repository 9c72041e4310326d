// report.html's data and chart specifications, without a browser: specs are valid JSON that name
// only columns their data have, columns are found by name, absent data skip their chart with a
// note, malformed outputs are diagnostics, and the facts use the DCC report's words.
#include "tools/report_html.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "tools/report_html_json.hpp"

namespace fs = std::filesystem;
using namespace dccsim::tools;

namespace {

const fs::path kGolden = fs::path(DCCSIM_SOURCE_DIR) / "tests" / "golden" / "expected";

// A scratch folder, removed at the end of the test case.
struct Scratch {
  fs::path dir;
  Scratch() {
    static int n = 0;
    dir = fs::temp_directory_path() /
          ("dccsim_report_test_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const Chart* chart(const ReportPage& page, const std::string& id) {
  for (const Chart& c : page.charts) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string> ids(const ReportPage& page) {
  std::vector<std::string> out;
  for (const Chart& c : page.charts) out.push_back(c.id);
  return out;
}

// Every "field" a spec encodes and every "name" a layer gives itself.
void walk(const Json& j, std::vector<std::string>& fields, std::vector<std::string>& names,
          std::set<std::string>& made) {
  for (const auto& [key, value] : j.object()) {
    if (key == "field" && value.is_string()) fields.push_back(value.string());
    if (key == "name" && value.is_string() && j.find("mark")) names.push_back(value.string());
    if (key == "as" && value.is_string()) made.insert(value.string());
    walk(value, fields, names, made);
  }
  for (const Json& v : j.array()) walk(v, fields, names, made);
}

// The spec survives a round trip through JSON text, and every field it plots is a column of one
// of the datasets it reads (or made by one of its transforms); its interval layers' names differ.
void check_chart(const ReportPage& page, const Chart& c) {
  CAPTURE(c.id);
  JsonError error;
  const auto reparsed = parse_json(c.spec.dump(), error);
  REQUIRE(reparsed.has_value());
  CHECK(reparsed->dump() == c.spec.dump());
  CHECK(c.spec.string_at("$schema").find("vega-lite") != std::string::npos);
  CHECK(c.min_marks >= 1);
  REQUIRE_FALSE(c.datasets.empty());
  std::set<std::string> columns;
  for (const std::string& d : c.datasets) {
    const Json* rows = page.datasets.find(d);
    REQUIRE(rows != nullptr);
    REQUIRE_FALSE(rows->array().empty());
    for (const Json& row : rows->array()) {
      for (const auto& [k, v] : row.object()) columns.insert(k);
    }
  }
  std::vector<std::string> fields, names;
  std::set<std::string> made;
  walk(c.spec, fields, names, made);
  CHECK_FALSE(fields.empty());
  for (const std::string& f : fields) {
    CAPTURE(f);
    CHECK((columns.count(f) == 1 || made.count(f) == 1));
  }
  std::set<std::string> unique(names.begin(), names.end());
  CHECK(unique.size() == names.size());  // Vega-Lite would merge views of the same name
  CHECK((std::find_if(names.begin(), names.end(), [](const std::string& n) {
           return n.starts_with("interval_");
         }) != names.end()) == c.intervals);
}

std::string golden_with_reversed_columns(const std::string& file) {
  // Header and rows with their cells in reverse order, plus a text column the report does not know.
  std::istringstream in(read(kGolden / file));
  std::string line, out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream fields(line);
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    std::reverse(cells.begin(), cells.end());
    std::string joined = out.empty() ? "binding_station" : "csp_north";
    for (const std::string& c : cells) joined += "," + c;
    out += joined + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("report_html_json: parses what it writes, with escapes and line-located errors") {
  const Json j =
      Json::object({{"a", Json::array({1, 2.5, nullptr, true, "x\"y\\n\u00e9</"})}, {"b", Json::object({})}});
  JsonError error;
  const auto back = parse_json(j.dump(), error);
  REQUIRE(back.has_value());
  CHECK(back->dump() == j.dump());
  CHECK(back->find("a")->array()[4].string() == "x\"y\\n\u00e9</");
  const auto unicode = parse_json(R"({"s": "\u00e9\ud83d\ude00\/"})", error);
  REQUIRE(unicode.has_value());
  CHECK(unicode->string_at("s") == "\u00e9\U0001F600/");
  CHECK(Json(std::numeric_limits<double>::quiet_NaN()).dump() == "null");
  CHECK_FALSE(parse_json("{\n\"a\": 1,\n}", error).has_value());
  CHECK(error.line == 3);
  CHECK_FALSE(parse_json("[01]", error).has_value());
  CHECK_FALSE(parse_json("\"\\ud800\"", error).has_value());
  CHECK_FALSE(parse_json("1 2", error).has_value());
  CHECK_FALSE(parse_json(std::string(300, '['), error).has_value());
}

TEST_CASE("report_html: a run folder gives every chart, each naming only columns its data have") {
  const ReportPage page = build_report_page(kGolden);
  REQUIRE(page.diagnostics.empty());
  CHECK(page.kind == "run");
  CHECK(ids(page) == std::vector<std::string>{"load", "stations", "share", "breaches", "performance",
                                              "response", "throttle", "variance"});
  for (const Chart& c : page.charts) {
    check_chart(page, c);
    CHECK_FALSE(c.intervals);  // one replication: no _hw columns, so no intervals
  }
  // The golden timeseries has 192 intervals: three load series, five stations twice, five classes.
  CHECK(chart(page, "load")->min_marks == 192 * 3 + 192);
  CHECK(chart(page, "stations")->min_marks == 192 * 5 * 2);
  CHECK(chart(page, "throttle")->min_marks == 2 * 4);
  CHECK(chart(page, "breaches")->min_marks == 2);
}

TEST_CASE("report_html: facts in the DCC report's words, from summary.json") {
  const ReportPage page = build_report_page(kGolden);
  const auto has = [&](const std::string& text) {
    return std::find(page.facts.begin(), page.facts.end(), text) != page.facts.end();
  };
  CHECK(has("SRs: 14,557 requests were sent versus a forecast of 13,289 (+9.5 %)."));
  CHECK(has("CSRs: 133 requests were sent versus a forecast of 258 (-48.4 %)."));
  CHECK(has("4 variance exceptions (User × month × service)."));
  CHECK(has("2 breach windows."));
  CHECK(page.title == "dccsim run: golden-small");
}

TEST_CASE("report_html: columns are read by name, whatever their order, and unknown ones are ignored") {
  Scratch s;
  for (const char* f : {"summary.json", "breaches.csv", "performance.csv", "throttle.csv", "variance.csv"}) {
    fs::copy_file(kGolden / f, s.dir / f);
  }
  s.write("timeseries.csv", golden_with_reversed_columns("timeseries.csv"));
  s.write("throttle.csv", golden_with_reversed_columns("throttle.csv"));
  const ReportPage page = build_report_page(s.dir);
  const ReportPage golden = build_report_page(kGolden);
  REQUIRE(page.diagnostics.empty());
  CHECK(ids(page) == ids(golden));
  // The same data points, whatever the column order: each dataset as a set of rows, each row as a
  // set of members (series follow the file's column order, so rows may come in another order).
  const auto as_set = [](const Json& rows) {
    std::multiset<std::string> out;
    for (const Json& row : rows.array()) {
      auto members = row.object();
      std::sort(members.begin(), members.end(),
                [](const auto& x, const auto& y) { return x.first < y.first; });
      out.insert(Json(members).dump());
    }
    return out;
  };
  for (const auto& [name, rows] : golden.datasets.object()) {
    CAPTURE(name);
    const Json* other = page.datasets.find(name);
    REQUIRE(other != nullptr);
    CHECK(as_set(*other) == as_set(rows));
  }
}

TEST_CASE("report_html: a chart whose data are absent is left out, with a note saying why") {
  Scratch s;
  fs::copy_file(kGolden / "summary.json", s.dir / "summary.json");
  fs::copy_file(kGolden / "performance.csv", s.dir / "performance.csv");
  s.write("throttle.csv", "user,retried\nSUPPLIER_A,3\n");  // none of the counts the chart draws
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  CHECK(ids(page) == std::vector<std::string>{"performance", "response"});
  const auto noted = [&](const std::string& part) {
    return std::any_of(page.notes.begin(), page.notes.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
  };
  CHECK(noted("timeseries.csv is absent"));
  CHECK(noted("throttle.csv has no Users"));
  CHECK(noted("variance.csv is absent"));
}

TEST_CASE("report_html: malformed outputs are diagnostics naming file, line and column") {
  Scratch s;
  s.write("performance.csv",
          "measure,share_within_target,target,minimum\non_demand,0.97,0.99,0.96\nalerts,lots,0.99,0.96\n");
  s.write("summary.json", "{\"scenario\": \"x\",\n\"replications\": }");
  s.write("breaches.csv", "start,end,kind,where\nyesterday,2018-08-01T01:00:00Z,queue,dsp\n");
  const ReportPage page = build_report_page(s.dir);
  std::vector<std::string> lines;
  for (const auto& d : page.diagnostics) lines.push_back(d.to_string());
  CAPTURE(lines.size());
  const auto has = [&](const std::string& part) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(part) != std::string::npos; });
  };
  CHECK(has("performance.csv:3: share_within_target: expected a number, got \"lots\""));
  CHECK(has("summary.json:2: "));
  CHECK(has("breaches.csv:2: start: expected a UTC time"));
  const ReportOutcome outcome = write_report(s.dir);
  CHECK_FALSE(outcome.diagnostics.empty());
  CHECK_FALSE(fs::exists(s.dir / "report.html"));
}

TEST_CASE("report_html: with replications, half-width columns become intervals") {
  Scratch s;
  s.write("performance.csv",
          "measure,month,share_within_target,target,minimum,response_p95_s,status,share_within_target_hw,"
          "response_p95_s_hw\n"
          "on_demand,2018-08,0.97,0.99,0.96,13.4,below target,0.005,0.36\n"
          "alerts,2018-08,1,0.99,0.96,3.0,met,,0\n");
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  const Chart* perf = chart(page, "performance");
  REQUIRE(perf != nullptr);
  check_chart(page, *perf);
  CHECK(perf->intervals);
  const Json& first = page.datasets.find("performance")->array()[0];
  CHECK(first.number_at("low") == doctest::Approx(96.5));
  CHECK(first.number_at("high") == doctest::Approx(97.5));
  CHECK(page.datasets.find("performance")->array()[1].find("low")->is_null());  // no half-width: no interval
  check_chart(page, *chart(page, "response"));
}

TEST_CASE("report_html: a comparison is a forest plot of A - B grouped by measure, in units") {
  Scratch s;
  s.write("compare.csv",
          "metric,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,verdict,extra\n"
          "requests.generated,10,1,10,1,0.00,0.000,no significant difference,x\n"
          "stations.dsp.utilisation,0.5,0.1,0.4,0.1,0.10,0.020,A higher,x\n"
          "stations.csp_north.utilisation,0.5,0.1,0.6,0.1,-0.10,0.020,B higher,x\n"
          "variance.SUPPLIER_A.2018-08.1.1.1.actual,9,1,8,1,1.00,0.500,A higher,x\n");
  s.write("compare.json", R"({"a":"a.toml","b":"b.toml","seed":7,"replications":3,"metrics":[]})");
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  REQUIRE(ids(page) == std::vector<std::string>{"compare"});
  const Chart& c = page.charts.front();
  check_chart(page, c);
  CHECK(c.min_marks == 3);  // the identical measure is left out
  CHECK(c.footnote.find("1 measures identical") != std::string::npos);
  REQUIRE(c.datasets.size() == 2);  // stations utilisation, variance actual
  const Json& stations = page.datasets.find(c.datasets[0])->array()[0];
  CHECK(stations.string_at("label") == "DSP");
  CHECK(stations.number_at("difference") == doctest::Approx(10.0));  // percentage points
  CHECK(page.datasets.find(c.datasets[1])->array()[0].string_at("label") == "SUPPLIER_A · 2018-08 · 1.1.1");
  CHECK(page.facts.front() == "A: a.toml");
}

TEST_CASE("report_html: a sweep plots each measure against the varied keys") {
  Scratch s;
  s.write(
      "sweep_args.json",
      R"({"scenario":"s.toml","seed":7,"replications":2,"vary":[{"key":"dsp.servers","values":["1","2"]}]})");
  s.write(
      "sweep_summary.csv",
      "point,dsp.servers,replications,generated,generated_hw,share_on_demand,share_on_demand_hw,new_text\n"
      "0,1,2,100,10,0.97,0.01,a\n1,2,2,110,12,0.99,0.02,b\n");
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  REQUIRE(ids(page) == std::vector<std::string>{"sweep"});
  check_chart(page, page.charts.front());
  const Json::Array& rows = page.datasets.find("sweep")->array();
  REQUIRE(rows.size() == 4);  // 2 points × 2 measures; new_text has no _hw and is no measure
  CHECK(rows[1].string_at("measure") == "share_on_demand");
  CHECK(rows[1].number_at("high") == doctest::Approx(98.0));
  CHECK(rows[3].number_at("high") == doctest::Approx(100.0));  // a share's interval stops at 100 %
}

TEST_CASE("report_html: a variance forecast shows intervals per month, totals and per User") {
  Scratch s;
  s.write(
      "variance_forecast.csv",
      "user,month,service,forecast,expected_actual,p80_low,p80_high,p95_low,p95_high,expected_variance_pct,"
      "exception_probability\n"
      "A,2018-09,4,1000,1100,900,1300,800,1500,10,0.4\n"
      "A,2018-09,CSR,0,3,0,5,0,8,,1\n");
  s.write("variance_forecast.json",
          R"({"history_file":"h.csv","forecasts_file":"f.csv","seed":1,"replications":100,)"
          R"("totals":[{"month":"2018-09","class":"SR","forecast":1000,"expected_actual":90000,)"
          R"("p80_low":900,"p80_high":1300,"p95_low":800,"p95_high":1500}]})");
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  REQUIRE(ids(page) == std::vector<std::string>{"forecast_totals", "forecast_users"});
  for (const Chart& c : page.charts) check_chart(page, c);
  CHECK(chart(page, "forecast_totals")->footnote.find("90,000") != std::string::npos);  // beyond its 95 %
  const Json& user = page.datasets.find("forecast_users")->array()[0];
  CHECK(user.number_at("p80_high") == doctest::Approx(130.0));  // % of forecast
  CHECK(chart(page, "forecast_users")->footnote.find("1 rows without a forecast") != std::string::npos);
}

TEST_CASE("report_html: the page holds no text that could end its script elements") {
  Scratch s;
  s.write("summary.json", R"({"scenario":"</script><b>x","replications":1})");
  s.write("throttle.csv", "user,offered,admitted,rejected,delayed\n</script>,5,4,1,0\n");
  const ReportPage page = build_report_page(s.dir);
  REQUIRE(page.diagnostics.empty());
  if (!report_assets_available()) {
    CHECK_THROWS_AS(render_report_html(page), ReportAssetsMissing);
    CHECK_THROWS_AS(write_report(s.dir), ReportAssetsMissing);
    return;
  }
  const std::string html = render_report_html(page);
  CHECK(html.find("</script><b>") == std::string::npos);
  CHECK(html.find("&lt;/script&gt;&lt;b&gt;x") != std::string::npos);  // the title, escaped
  CHECK(html.find("sourceMappingURL") == std::string::npos);
  CHECK(html.find("<!--dccsim:") == std::string::npos);
  const ReportOutcome outcome = write_report(s.dir);
  CHECK(outcome.diagnostics.empty());
  CHECK(read(s.dir / "report.html") == html);
}

TEST_CASE("report_html: a folder without outputs is a diagnostic, and nothing is written") {
  Scratch s;
  s.write("notes.txt", "hello");
  const ReportOutcome outcome = write_report(s.dir);
  REQUIRE(outcome.diagnostics.size() == 1);
  CHECK(outcome.diagnostics[0].message.find("no dccsim outputs here") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "report.html"));
  CHECK(write_report(s.dir / "missing").diagnostics[0].message == "no such folder");
}
