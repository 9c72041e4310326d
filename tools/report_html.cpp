#include "tools/report_html.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <system_error>

#include "tools/atomic_file.hpp"
#include "tools/command_line.hpp"
#include "tools/report_html_assets.hpp"
#include "tools/report_html_sections.hpp"

namespace fs = std::filesystem;

namespace dccsim::tools {

std::optional<OutputTable> read_if_present(const fs::path& dir, const std::string& name, ReportPage& page) {
  std::error_code ec;
  if (!fs::exists(dir / name, ec)) return std::nullopt;
  return OutputTable::read(dir / name, page.diagnostics);
}

std::optional<Json> read_json_if_present(const fs::path& dir, const std::string& name, ReportPage& page) {
  std::error_code ec;
  if (!fs::exists(dir / name, ec)) return std::nullopt;
  return read_json_output(dir / name, page.diagnostics);
}

RunFiles read_run_files(const fs::path& dir, ReportPage& page) {
  RunFiles f;
  f.summary = read_json_if_present(dir, "summary.json", page);
  f.timeseries = read_if_present(dir, "timeseries.csv", page);
  f.breaches = read_if_present(dir, "breaches.csv", page);
  f.performance = read_if_present(dir, "performance.csv", page);
  f.throttle = read_if_present(dir, "throttle.csv", page);
  f.variance = read_if_present(dir, "variance.csv", page);
  return f;
}

namespace {

bool any_present(const fs::path& dir, std::initializer_list<const char*> names) {
  std::error_code ec;
  for (const char* n : names) {
    if (fs::exists(dir / n, ec)) return true;
  }
  return false;
}

// Appends the sections of `part` (one kind of output) to `page`.
void merge(ReportPage& page, ReportPage&& part) {
  if (page.kind.empty()) {
    page.title = part.title;
  }
  page.kind += (page.kind.empty() ? "" : " + ") + part.kind;
  for (auto& f : part.facts) page.facts.push_back(std::move(f));
  for (auto& c : part.charts) page.charts.push_back(std::move(c));
  for (auto& n : part.notes) page.notes.push_back(std::move(n));
  for (auto& d : part.diagnostics) page.diagnostics.push_back(std::move(d));
  for (const auto& [name, rows] : part.datasets.object()) page.datasets.set(name, rows);
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string page_body(const ReportPage& page) {
  std::string out = "<header>\n<h1>" + html_escape(page.title) + "</h1>\n<ul class=\"facts\">\n";
  for (const std::string& f : page.facts) out += "<li>" + html_escape(f) + "</li>\n";
  out += "</ul>\n</header>\n";
  for (const Chart& c : page.charts) {
    out += fmt::format(
        "<section class=\"chart\" id=\"section-{0}\">\n<h2>{1}</h2>\n<p class=\"explain\">{2}</p>\n"
        "<div class=\"view\" id=\"chart-{0}\"></div>\n",
        html_escape(c.id), html_escape(c.title), html_escape(c.explanation));
    if (!c.footnote.empty()) out += "<p class=\"foot\">" + html_escape(c.footnote) + "</p>\n";
    out += "</section>\n";
  }
  out += "<footer>\n";
  for (const std::string& n : page.notes) out += "<p>Not shown: " + html_escape(n) + "</p>\n";
  out += fmt::format(
      "<p>Made by dccsim {} from the files in this folder. The page holds its data and its "
      "JavaScript (vega, vega-lite, vega-embed) and opens offline.</p>\n</footer>",
      html_escape(version()));
  return out;
}

// The report's JSON for the page script: "</" is written "<\/" (the same string in JSON), so no
// text in the data can close the script element.
std::string report_json(const ReportPage& page) {
  Json::Array charts;
  for (const Chart& c : page.charts) {
    charts.push_back(Json::object({{"id", c.id},
                                   {"min_marks", c.min_marks},
                                   {"intervals", c.intervals},
                                   {"datasets", string_array(c.datasets)},
                                   {"spec", c.spec}}));
  }
  const Json report =
      Json::object({{"kind", page.kind},
                    {"config", page_config()},
                    {"charts", Json(std::move(charts))},
                    {"datasets", page.datasets.is_null() ? Json(Json::Object{}) : page.datasets}});
  std::string text = report.dump();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += '\\';
  }
  return out;
}

// A library as inlined in a script element: a "</script" inside it would end the element early,
// and its source-map comment would point at a file the page does not have.
std::string inline_script(std::string_view js) {
  std::string out;
  out.reserve(js.size());
  std::size_t i = 0;
  while (i < js.size()) {
    if (js.compare(i, 21, "//# sourceMappingURL=") == 0) {
      const auto end = js.find('\n', i);
      i = end == std::string_view::npos ? js.size() : end;
      continue;
    }
    if (js.compare(i, 8, "</script") == 0) {
      out += "<\\/script";
      i += 8;
      continue;
    }
    out += js[i++];
  }
  return out;
}

constexpr const char* kAssetsMissing =
    "this dccsim was built without the report's JavaScript (vega, vega-lite, vega-embed): "
    "tools/report/node_modules was absent when cmake ran. Run tools/install-deps (it runs npm ci in "
    "tools/report), then re-run cmake and rebuild";

}  // namespace

void add_dataset(ReportPage& page, const std::string& name, Json rows) {
  page.datasets.set(name, std::move(rows));
}

bool report_assets_available() { return report_assets().has_javascript; }

ReportPage build_report_page(const fs::path& dir) {
  ReportPage page;
  if (any_present(dir, {"summary.json", "timeseries.csv", "stations.csv", "performance.csv", "throttle.csv",
                        "breaches.csv", "variance.csv"})) {
    ReportPage part;
    part.kind = "run";
    const RunFiles files = read_run_files(dir, part);
    const RunContext context = add_run_facts(files, part);
    add_run_time_charts(files, context, part);
    add_run_table_charts(files, context, part);
    merge(page, std::move(part));
  }
  if (any_present(dir, {"compare.csv", "compare.json"})) {
    ReportPage part;
    part.kind = "compare";
    add_compare_sections(dir, part);
    merge(page, std::move(part));
  }
  if (any_present(dir, {"sweep_summary.csv"})) {
    ReportPage part;
    part.kind = "sweep";
    add_sweep_sections(dir, part);
    merge(page, std::move(part));
  }
  if (any_present(dir, {"variance_forecast.csv", "variance_forecast.json"})) {
    ReportPage part;
    part.kind = "variance forecast";
    add_variance_forecast_sections(dir, part);
    merge(page, std::move(part));
  }
  return page;
}

std::string render_report_html(const ReportPage& page) {
  const ReportAssets& assets = report_assets();
  if (!assets.has_javascript) throw ReportAssetsMissing(kAssetsMissing);
  const std::pair<std::string_view, std::string> fills[] = {
      {"<!--dccsim:title-->", html_escape(page.title)},
      {"<!--dccsim:vega-->", inline_script(assets.vega)},
      {"<!--dccsim:vega-lite-->", inline_script(assets.vega_lite)},
      {"<!--dccsim:vega-embed-->", inline_script(assets.vega_embed)},
      {"<!--dccsim:body-->", page_body(page)},
      {"<!--dccsim:report-->", report_json(page)}};
  // One pass over the template: text put in is never searched again for markers.
  const std::string_view t = assets.template_html;
  std::string out;
  std::size_t at = 0;
  while (at < t.size()) {
    const auto open = t.find("<!--dccsim:", at);
    if (open == std::string_view::npos) break;
    out.append(t.substr(at, open - at));
    const auto close = t.find("-->", open);
    if (close == std::string_view::npos) break;
    const std::string_view marker = t.substr(open, close + 3 - open);
    bool filled = false;
    for (const auto& [name, text] : fills) {
      if (marker == name) {
        out += text;
        filled = true;
      }
    }
    if (!filled) out.append(marker);
    at = open + marker.size();
  }
  out.append(t.substr(at));
  return out;
}

ReportOutcome write_report(const fs::path& dir) {
  ReportOutcome outcome;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    outcome.diagnostics.push_back({dir.string(), 0, "", "no such folder"});
    return outcome;
  }
  ReportPage page = build_report_page(dir);
  outcome.kind = page.kind;
  outcome.notes = page.notes;
  outcome.diagnostics = std::move(page.diagnostics);
  if (page.kind.empty() && outcome.diagnostics.empty()) {
    outcome.diagnostics.push_back(
        {dir.string(), 0, "",
         "no dccsim outputs here (expected summary.json, compare.csv, sweep_summary.csv "
         "or variance_forecast.csv)"});
  }
  if (!outcome.diagnostics.empty()) return outcome;
  outcome.page = dir / "report.html";
  outcome.charts = page.charts.size();
  write_file_atomically(outcome.page, render_report_html(page));
  return outcome;
}

}  // namespace dccsim::tools
