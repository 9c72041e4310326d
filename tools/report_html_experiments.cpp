// The pages of the experiment folders: a comparison (forest plot of A - B), a sweep (each measure
// against the varied parameters) and a variance forecast (predictive intervals per month).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "scenarios/csv.hpp"
#include "tools/report_html_sections.hpp"

namespace dccsim::tools {
namespace {

// ---------------------------------------------------------------------------------------------
// compare

struct ComparedTable {
  std::string_view name;  ///< first segment of a metric name
  const char* shown;      ///< what the page calls it
  std::size_t keys;       ///< key segments between the table and the column (an SR id has dots of its own)
  const char* unit;       ///< the unit of its counts, when the column says no more than "a count"
};

constexpr ComparedTable kComparedTables[] = {{"requests", "requests", 0, "requests"},
                                             {"variance_totals", "variance totals", 1, "requests"},
                                             {"variance", "variance per User", 3, "requests"},
                                             {"performance", "Code Performance Measures", 2, "responses"},
                                             {"stations", "stations", 1, "requests"},
                                             {"throttle", "Traffic Management per User", 1, "attempts"}};

struct ForestRow {
  std::string group;  ///< table and measure, with the unit: one scale per group
  std::string label;  ///< the row within the group (a station, a User, a class and month)
  double scale = 1;   ///< shares are shown in percentage points
  double difference = 0;
  double half_width = 0;
  std::string verdict;
};

// "variance.SUPPLIER_A.2018-08.1.1.1.actual" -> group "variance per User: actual (requests)",
// label "SUPPLIER_A · 2018-08 · 1.1.1".
ForestRow forest_row(const std::string& metric) {
  const auto first = metric.find('.');
  const auto last = metric.rfind('.');
  const std::string table = metric.substr(0, first);
  const std::string column = first == std::string::npos ? metric : metric.substr(last + 1);
  const auto* known = std::find_if(std::begin(kComparedTables), std::end(kComparedTables),
                                   [&](const ComparedTable& t) { return t.name == table; });
  const bool is_known = known != std::end(kComparedTables);
  MeasureDisplay d = measure_display(column, true);
  if (d.unit == "count" || d.unit == "requests") d.unit = is_known ? known->unit : "count";
  ForestRow r;
  r.scale = d.scale;
  const std::string shown = is_known ? known->shown : display_name(table);
  if (first == last) {
    r.group = shown + " (" + d.unit + ")";
    r.label = d.label;
    return r;
  }
  r.group = shown + ": " + d.label + " (" + d.unit + ")";
  const std::string keys = metric.substr(first + 1, last - first - 1);
  std::size_t at = 0;
  for (std::size_t k = 0; k + 1 < (is_known ? known->keys : 1); ++k) {
    const auto dot = keys.find('.', at);
    if (dot == std::string::npos) break;
    r.label += display_name(keys.substr(at, dot - at)) + " · ";
    at = dot + 1;
  }
  r.label += display_name(keys.substr(at));
  return r;
}

void add_compare_facts(const std::optional<Json>& meta, const std::vector<ForestRow>& rows,
                       ReportPage& page) {
  if (meta) {
    page.facts.push_back("A: " + meta->string_at("a"));
    page.facts.push_back("B: " + meta->string_at("b"));
    page.facts.push_back(
        fmt::format("{} paired replications with common random numbers, seed {}; every interval "
                    "is the 95 % confidence interval of the paired difference A − B.",
                    count_text(meta->number_at("replications")), count_text(meta->number_at("seed"))));
  }
  std::map<std::string, std::size_t> verdicts;
  for (const ForestRow& r : rows) ++verdicts[r.verdict.empty() ? "no verdict" : r.verdict];
  std::string counts;
  for (const auto& [verdict, n] : verdicts)
    counts += (counts.empty() ? "" : ", ") + fmt::format("{} {}", n, verdict);
  if (!counts.empty()) page.facts.push_back("Verdicts over the measures that differ: " + counts + ".");
}

}  // namespace

void add_compare_sections(const std::filesystem::path& dir, ReportPage& page) {
  page.title = "dccsim compare";
  const std::optional<Json> meta = read_json_if_present(dir, "compare.json", page);
  const std::optional<OutputTable> table = read_if_present(dir, "compare.csv", page);
  if (!table || !table->check_numeric({"difference", "difference_hw"}, page.diagnostics)) return;
  if (!table->has_all({"metric", "difference"})) {
    page.notes.push_back("compare.csv lacks metric or difference: no forest plot.");
    return;
  }
  std::vector<ForestRow> rows;
  std::size_t identical = 0;
  for (std::size_t row = 0; row < table->rows(); ++row) {
    ForestRow r = forest_row(table->text(row, "metric"));
    r.difference = table->number(row, "difference") * r.scale;
    r.half_width = table->number(row, "difference_hw") * r.scale;
    r.verdict = table->text(row, "verdict");
    if (!std::isfinite(r.difference) || (r.difference == 0 && !(r.half_width > 0))) {
      ++identical;  // the same under A and B: nothing to draw
      continue;
    }
    rows.push_back(std::move(r));
  }
  add_compare_facts(meta, rows, page);
  if (rows.empty()) {
    page.facts.push_back("A and B gave identical figures for every measure.");
    return;
  }
  std::vector<std::string> groups;
  std::vector<std::string> verdicts;
  for (const ForestRow& r : rows) {
    groups.push_back(r.group);
    verdicts.push_back(r.verdict);
  }
  const Json colour = colour_channel("verdict", unique_in_order(verdicts), "verdict");
  Chart c;
  Json::Array views;
  // One dataset per group: each view reads its own rows, with no filter for Vega-Lite to merge.
  for (const std::string& group : unique_in_order(groups)) {
    const std::string dataset = fmt::format("compare_{}", views.size());
    Json::Array data;
    std::vector<std::string> labels;
    for (const ForestRow& r : rows) {
      if (r.group != group) continue;
      labels.push_back(r.label);
      data.push_back(Json::object({{"label", r.label},
                                   {"difference", r.difference},
                                   {"low", number_or_null(r.difference - r.half_width)},
                                   {"high", number_or_null(r.difference + r.half_width)},
                                   {"verdict", r.verdict}}));
    }
    add_dataset(page, dataset, Json(std::move(data)));
    c.datasets.push_back(dataset);
    const std::string title = "A − B";
    Json y = category_channel("label", labels);
    y.set("axis", Json::object({{"labelLimit", 230}, {"minExtent", 230}}));  // plots aligned view to view
    Json::Array layers;
    layers.push_back(Json::object({{"mark", Json::object({{"type", "rule"}, {"color", "#888888"}})},
                                   {"encoding", Json::object({{"x", Json::object({{"datum", 0}})}})}}));
    // Vega-Lite names a view after its layer: the names must differ from view to view.
    layers.push_back(interval_bars(dataset, "x", title, Json::object({{"y", y}, {"color", colour}})));
    layers.push_back(Json::object(
        {{"mark", Json::object({{"type", "point"}, {"size", 50}})},
         {"encoding", Json::object({{"y", y},
                                    {"x", quantity_channel("difference", title)},
                                    {"color", colour},
                                    {"tooltip", Json::array({Json::object({{"field", "label"}}),
                                                             Json::object({{"field", "difference"}}),
                                                             Json::object({{"field", "verdict"}})})}})}}));
    views.push_back(
        Json::object({{"title", Json::object({{"text", group}, {"anchor", "start"}, {"fontSize", 12}})},
                      {"data", data_ref(dataset)},
                      {"width", kChartWidth - 240},
                      {"height", static_cast<int>(labels.size()) * 18 + 6},
                      {"layer", Json(std::move(layers))}}));
  }
  c.id = "compare";
  c.title = "Differences A − B";
  c.explanation =
      "Per measure, grouped by what it measures (unit in each group's title): the mean paired "
      "difference A − B (dot) with its 95 % interval (bar); an interval that crosses the grey line "
      "at 0 is no significant difference.";
  if (identical > 0)
    c.footnote = fmt::format("{} measures identical under A and B are not drawn.", identical);
  c.min_marks = rows.size();
  c.intervals = true;
  c.spec = vega_lite();
  c.spec.set("vconcat", Json(std::move(views)));
  c.spec.set("resolve",
             Json::object({{"scale", Json::object({{"x", "independent"}, {"y", "independent"}})}}));
  page.charts.push_back(std::move(c));
}

namespace {

// ---------------------------------------------------------------------------------------------
// sweep

// The varied keys: as sweep_args.json lists them, else every column that is neither a measure
// (one with a `_hw` sibling) nor the point number or replication count.
std::vector<std::string> sweep_parameters(const OutputTable& t, const std::optional<Json>& meta,
                                          const std::vector<std::string>& measures) {
  std::vector<std::string> out;
  if (meta) {
    if (const Json* vary = meta->find("vary")) {
      for (const Json& v : vary->array()) {
        if (t.has(v.string_at("key"))) out.push_back(v.string_at("key"));
      }
    }
  }
  if (!out.empty()) return out;
  for (const std::string& h : t.header()) {
    const bool measure = std::find(measures.begin(), measures.end(), h) != measures.end();
    const bool constant = h == "seed" || h == "dccsim_version" || h == "command_line";  // provenance
    if (!measure && !constant && !h.ends_with("_hw") && h != "point" && h != "replications") out.push_back(h);
  }
  return out;
}

void add_sweep_facts(const std::optional<Json>& meta, const OutputTable& t, ReportPage& page) {
  if (!meta) return;
  std::string grid;
  if (const Json* vary = meta->find("vary")) {
    for (const Json& v : vary->array()) {
      std::string values;
      for (const Json& x : v.find("values") ? v.find("values")->array() : Json::Array{}) {
        values += (values.empty() ? "" : ", ") + x.string();
      }
      grid += (grid.empty() ? "" : " × ") + v.string_at("key") + " = " + values;
    }
  }
  page.facts.push_back(fmt::format(
      "Sweep of {} over {}: {} points × {} replications, seed {}.", meta->string_at("scenario"), grid,
      t.rows(), count_text(meta->number_at("replications")), count_text(meta->number_at("seed"))));
  page.facts.push_back(
      "Each point is the mean over its replications with its 95 % confidence interval (cut at 0, "
      "and at 100 % for shares).");
}

// One panel of the sweep: measure `m` against the grid's points (`position`: x, colour, offset).
Json sweep_view(const std::string& m, const Json& position, bool several) {
  const MeasureDisplay d = measure_display(m);
  Json::Array layers;
  Json encoding = position;
  Json y = quantity_channel("mean", d.unit);
  y.set("scale", Json::object({{"zero", false}, {"padding", 8}}));  // intervals clear of the frame
  encoding.set("y", y);
  if (!several) {  // a line joins the points of one series; beside others it would cross them
    layers.push_back(
        Json::object({{"mark", Json::object({{"type", "line"}, {"opacity", 0.6}})}, {"encoding", encoding}}));
  }
  Json bars = interval_bars("sweep_" + m, "y", d.unit, position);  // one name per view
  Json bar_encoding = *bars.find("encoding");
  Json low = *bar_encoding.find("y");
  low.set("scale", Json::object({{"zero", false}, {"padding", 8}}));
  bar_encoding.set("y", std::move(low));
  bars.set("encoding", std::move(bar_encoding));
  layers.push_back(std::move(bars));
  encoding.set("tooltip", Json::array({Json::object({{"field", "x"}}), Json::object({{"field", "series"}}),
                                       Json::object({{"field", "mean"}})}));
  layers.push_back(Json::object({{"mark", "point"}, {"encoding", std::move(encoding)}}));
  return Json::object(
      {{"title", Json::object({{"text", d.label}, {"fontSize", 12}})},
       {"width", 230},
       {"height", 140},
       {"transform",
        Json::array({Json::object({{"filter", Json::object({{"field", "measure"}, {"equal", m}})}})})},
       {"layer", Json(std::move(layers))}});
}

}  // namespace

void add_sweep_sections(const std::filesystem::path& dir, ReportPage& page) {
  page.title = "dccsim sweep";
  const std::optional<Json> meta = read_json_if_present(dir, "sweep_args.json", page);
  const std::optional<OutputTable> table = read_if_present(dir, "sweep_summary.csv", page);
  if (!table) return;
  page.title += ": " + (meta ? meta->string_at("scenario") : std::string("sweep_summary.csv"));
  std::vector<std::string> measures;
  for (const std::string& h : table->header()) {
    if (!h.ends_with("_hw") && table->has(half_width_name(h))) measures.push_back(h);
  }
  const std::vector<std::string> params = sweep_parameters(*table, meta, measures);
  std::vector<std::string> numeric = measures;
  for (const std::string& m : measures) numeric.push_back(half_width_name(m));
  if (!table->check_numeric(numeric, page.diagnostics)) return;
  add_sweep_facts(meta, *table, page);
  if (params.empty() || measures.empty() || table->rows() == 0) {
    page.notes.push_back(
        "sweep_summary.csv has no varied parameter or no measure with a _hw column: no sweep chart.");
    return;
  }
  const std::string& x_key = params.front();
  std::vector<std::string> x_values, series;
  for (std::size_t row = 0; row < table->rows(); ++row) {
    x_values.push_back(table->text(row, x_key));
    std::string s;
    for (std::size_t k = 1; k < params.size(); ++k) {
      s += (s.empty() ? "" : ", ") + params[k] + " = " + table->text(row, params[k]);
    }
    series.push_back(s.empty() ? "all points" : s);
  }
  Json::Array rows;
  std::size_t finite = 0;
  for (std::size_t row = 0; row < table->rows(); ++row) {
    for (const std::string& m : measures) {
      const MeasureDisplay d = measure_display(m);
      const double mean = table->number(row, m) * d.scale;
      const double hw = table->number(row, half_width_name(m)) * d.scale;
      if (std::isfinite(mean)) ++finite;
      // Every sweep figure is a count, a time or a share: cut intervals at 0 (and shares at 100 %).
      const double upper = d.unit == "%" ? 100.0 : INFINITY;
      rows.push_back(Json::object({{"measure", m},
                                   {"x", x_values[row]},
                                   {"series", series[row]},
                                   {"mean", number_or_null(mean)},
                                   {"low", number_or_null(std::max(mean - hw, 0.0))},
                                   {"high", number_or_null(std::min(mean + hw, upper))}}));
    }
  }
  // The grid's points, evenly spaced in the order the sweep ran them; several series side by side.
  const Json x = Json::object({{"field", "x"},
                               {"type", "ordinal"},
                               {"title", x_key},
                               {"sort", string_array(unique_in_order(x_values))},
                               {"axis", Json::object({{"labelAngle", 0}})}});
  const std::vector<std::string> series_domain = unique_in_order(series);
  const bool several = series_domain.size() > 1;
  Json colour = colour_channel("series", series_domain, "", several);
  if (several)
    colour.set("legend", Json::object({{"title", nullptr}, {"orient", "top"}, {"labelLimit", 480}}));
  Json position = Json::object({{"x", x}, {"color", colour}});
  if (several)
    position.set(
        "xOffset",
        Json::object({{"field", "series"}, {"type", "nominal"}, {"sort", string_array(series_domain)}}));
  Json::Array views;
  for (const std::string& m : measures) views.push_back(sweep_view(m, position, several));
  Chart c;
  c.id = "sweep";
  c.title = "Measures across the sweep";
  c.explanation = "One panel per measure (unit on its axis) against " + x_key +
                  (several ? ", side by side for each value of the other varied keys" : std::string()) +
                  ": the mean over the replications (dot) with its 95 % interval (bar).";
  c.min_marks = finite;
  c.intervals = true;
  c.spec = vega_lite();
  c.spec.set("data", data_ref("sweep"));
  c.spec.set("concat", Json(std::move(views)));
  c.spec.set("columns", 3);
  c.spec.set("resolve", Json::object({{"scale", Json::object({{"y", "independent"}})}}));
  add_dataset(page, "sweep", Json(std::move(rows)));
  c.datasets = {"sweep"};
  page.charts.push_back(std::move(c));
}

}  // namespace dccsim::tools
