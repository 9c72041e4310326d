// A run's page, first half: the scenario and its totals, and the charts over time.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "tools/report_html_sections.hpp"

namespace dccsim::tools {
namespace {

std::string variance_words(const char* what, const Json* totals) {
  if (!totals) return {};
  const double actual = totals->number_at("actual");
  const double forecast = totals->number_at("forecast");
  const double pct = totals->number_at("variance_pct");
  const double pct_hw = totals->number_at("variance_pct_hw");
  std::string pct_text = signed_pct(pct);
  if (std::isfinite(pct) && std::isfinite(pct_hw)) pct_text = fmt::format("{:+.1f} ± {:.1f} %", pct, pct_hw);
  return fmt::format("{}: {}{} requests were sent versus a forecast of {}{} ({}).", what, count_text(actual),
                     plus_minus(totals->number_at("actual_hw")), count_text(forecast),
                     plus_minus(totals->number_at("forecast_hw")), pct_text);
}

std::string requests_words(const Json& q) {
  const auto figure = [&](const char* name) {
    return count_text(q.number_at(name)) + plus_minus(q.number_at(std::string(name) + "_hw"));
  };
  return fmt::format(
      "{} requests generated: {} completed ({} within target), {} rejected, {} failed, {} in flight at the "
      "horizon.",
      figure("generated"), figure("completed"), figure("completed_within_target"), figure("rejected"),
      figure("failed"), figure("in_flight"));
}

// The report's exception thresholds when the summary records them; DCC's 90 % / 110 % otherwise.
void read_thresholds(const Json& summary, RunContext& context) {
  const Json* t = summary.find("thresholds");
  if (!t) {
    if (const Json* v = summary.find("variance")) t = v->find("thresholds");
  }
  if (!t) return;
  const auto pct = [&](const char* key, double& out) {
    const double v = t->number_at(key);
    if (std::isfinite(v)) out = v * 100.0;
  };
  pct("sr_low", context.sr_low_pct);
  pct("sr_high", context.sr_high_pct);
  pct("csr_high", context.csr_high_pct);
}

}  // namespace

RunContext add_run_facts(const RunFiles& files, ReportPage& page) {
  RunContext context;
  page.title = "dccsim run";
  const std::optional<Json>& summary = files.summary;
  if (!summary) {
    page.notes.push_back("summary.json is absent: the scenario and its totals are not shown.");
    return context;
  }
  const Json& s = *summary;
  const double replications = s.number_at("replications");
  if (std::isfinite(replications) && replications >= 1) context.replications = replications;
  const auto epoch = iso_time_ms(s.string_at("epoch"));
  const auto horizon = iso_time_ms(s.string_at("horizon"));
  if (epoch && horizon && *horizon > *epoch) context.span_ms = {*epoch, *horizon};
  read_thresholds(s, context);

  const std::string name = s.string_at("scenario");
  if (!name.empty()) page.title = "dccsim run: " + name;
  const std::string file = s.string_at("scenario_file");
  page.facts.push_back(fmt::format("Scenario {}{}, seed {}, {}: {} to {}.", name.empty() ? "(unnamed)" : name,
                                   file.empty() ? "" : " (" + file + ")", count_text(s.number_at("seed")),
                                   context.replications > 1
                                       ? count_text(context.replications) + " replications"
                                       : std::string("1 replication"),
                                   s.string_at("epoch"), s.string_at("horizon")));
  if (context.replications > 1) {
    page.facts.push_back(
        "Every figure is the mean over the replications; ± and the shaded bands and bars are "
        "95 % confidence intervals, cut where a figure cannot go (below 0, above 100 %).");
  }
  if (const Json* v = s.find("variance")) {
    for (const auto& [what, key] : {std::pair{"SRs", "sr"}, std::pair{"CSRs", "csr"}}) {
      const std::string words = variance_words(what, v->find(key));
      if (!words.empty()) page.facts.push_back(words);
    }
    if (const Json* e = v->find("exceptions"); e && e->is_array()) {
      page.facts.push_back(fmt::format("{} variance exception{} (User × month × service).", e->array().size(),
                                       e->array().size() == 1 ? "" : "s"));
    }
  }
  if (const Json* q = s.find("requests")) page.facts.push_back(requests_words(*q));
  return context;
}

namespace {

struct WideColumn {
  std::string column;  ///< in timeseries.csv
  std::string label;   ///< the series' name on the page
};

// Rows {t, <key>: label, value, low, high} from wide columns, values × scale; low/high only where
// the file has the column's half-width, cut to [0, upper].
struct LongSeries {
  Json::Array rows;
  std::size_t finite = 0;
  bool intervals = false;
};

LongSeries long_series(const OutputTable& ts, const std::vector<WideColumn>& columns, const std::string& key,
                       double scale, ReportPage& page, double upper = INFINITY) {
  LongSeries out;
  std::vector<std::string> numeric;
  for (const WideColumn& c : columns) {
    numeric.push_back(c.column);
    numeric.push_back(half_width_name(c.column));
  }
  if (!ts.check_numeric(numeric, page.diagnostics)) return out;
  bool with_hw = false;
  for (const WideColumn& c : columns) with_hw = with_hw || ts.has(half_width_name(c.column));
  for (std::size_t row = 0; row < ts.rows(); ++row) {
    for (const WideColumn& c : columns) {
      const double v = ts.number(row, c.column) * scale;
      const double hw = ts.number(row, half_width_name(c.column)) * scale;
      Json r =
          Json::object({{"t", ts.text(row, "interval_start")}, {key, c.label}, {"value", number_or_null(v)}});
      if (with_hw) {
        // Cut at what the figure can reach (no negative queue, no share above 100 %).
        r.set("low", number_or_null(std::max(v - hw, 0.0)));
        r.set("high", number_or_null(std::min(v + hw, upper)));
        out.intervals = out.intervals || std::isfinite(v - hw);
      }
      if (std::isfinite(v)) ++out.finite;
      out.rows.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<std::string> labels_of(const std::vector<WideColumn>& columns) {
  std::vector<std::string> out;
  for (const WideColumn& c : columns) out.push_back(c.label);
  return out;
}

// A line per series over time (values hold for their whole interval), with its 95 % band.
Json::Array series_layers(const std::string& dataset, const std::string& key,
                          const std::vector<std::string>& domain, const std::string& legend,
                          const std::string& y_title, bool intervals) {
  // The span is left to the data: a fixed domain on one layer conflicts with the others'.
  const Json x = time_channel("t");
  Json colour = colour_channel(key, domain, legend, domain.size() > 1);
  if (domain.size() > 1) {  // legend entries drawn as the lines, not as the pale bands
    Json symbols = *colour.find("legend");
    symbols.set("symbolType", "stroke");
    symbols.set("symbolStrokeWidth", 2);
    symbols.set("symbolOpacity", 1);
    colour.set("legend", std::move(symbols));
  }
  const Json data = Json::object({{"name", dataset}});
  Json::Array layers;
  if (intervals) {
    Json band = interval_band(dataset, x, y_title, colour);
    band.set("data", data);
    layers.push_back(std::move(band));
  }
  layers.push_back(Json::object(
      {{"data", data},
       {"mark", Json::object({{"type", "line"}, {"interpolate", "step-after"}})},
       {"encoding",
        Json::object({{"x", x}, {"y", quantity_channel("value", y_title)}, {"color", colour}})}}));
  return layers;
}

Json panel(int height, Json::Array layers) {
  return Json::object({{"width", kChartWidth}, {"height", height}, {"layer", Json(std::move(layers))}});
}

double max_of(const OutputTable& t, const std::string& column) {
  double m = 0;
  for (std::size_t row = 0; row < t.rows(); ++row) {
    const double v = t.number(row, column);
    if (std::isfinite(v)) m = std::max(m, v);
  }
  return m;
}

void add_load_chart(const OutputTable& ts, ReportPage& page) {
  std::vector<WideColumn> columns;
  for (const auto& [column, label] :
       {std::pair{"offered_per_s", "offered SRs"}, std::pair{"capacity_per_s", "System Capacity"},
        std::pair{"throughput_per_s", "throughput"}}) {
    if (ts.has(column)) columns.push_back({column, label});
  }
  if (columns.empty()) {
    page.notes.push_back(
        "timeseries.csv has no offered_per_s, capacity_per_s or throughput_per_s: no load chart.");
    return;
  }
  // A System Capacity far above all traffic (Traffic Management never limits) would flatten the
  // load to the axis: it is then stated, not drawn.
  std::string capacity_note;
  const double capacity = max_of(ts, "capacity_per_s");
  const double traffic = std::max(max_of(ts, "offered_per_s"), max_of(ts, "throughput_per_s"));
  if (columns.size() > 1 && capacity > 10.0 * traffic) {
    columns.erase(std::remove_if(columns.begin(), columns.end(),
                                 [](const WideColumn& w) { return w.column == "capacity_per_s"; }),
                  columns.end());
    capacity_note =
        fmt::format("System Capacity, up to {} per s, is more than ten times the traffic and is not drawn.",
                    count_text(capacity));
  }
  LongSeries load = long_series(ts, columns, "series", 1.0, page);
  Chart c;
  c.footnote = capacity_note;
  c.id = "load";
  c.title = "Offered load, System Capacity and throughput";
  c.explanation =
      "Per interval: SR attempts offered to Traffic Management and System Capacity (SR/s), responses "
      "delivered of every kind (per s); below, the share of each interval with throttling on (%).";
  c.min_marks = load.finite;
  c.intervals = load.intervals;
  Json::Array panels;
  panels.push_back(
      panel(240, series_layers("load", "series", labels_of(columns), "", "rate (per s)", load.intervals)));
  add_dataset(page, "load", Json(std::move(load.rows)));
  c.datasets = {"load"};
  if (ts.has("throttling_active")) {
    LongSeries throttling =
        long_series(ts, {{"throttling_active", "throttling on"}}, "series", 100.0, page, 100.0);
    Json::Array layers = series_layers("throttling", "series", {"throttling on"}, "", "throttling on (%)",
                                       throttling.intervals);
    for (Json& layer : layers) {  // 0 to 100 %, even when throttling never switched on
      Json encoding = *layer.find("encoding");
      Json y = *encoding.find("y");
      y.set("scale", Json::object({{"domain", Json::array({0, 100})}}));
      encoding.set("y", std::move(y));
      layer.set("encoding", std::move(encoding));
    }
    panels.push_back(panel(90, std::move(layers)));
    c.min_marks += throttling.finite;
    add_dataset(page, "throttling", Json(std::move(throttling.rows)));
    c.datasets.push_back("throttling");
  }
  c.spec = vega_lite();
  c.spec.set("vconcat", Json(std::move(panels)));
  c.spec.set("resolve", Json::object({{"scale", Json::object({{"color", "independent"}})}}));
  page.charts.push_back(std::move(c));
}

std::vector<std::string> stations_of(const OutputTable& ts) {
  std::vector<std::string> out = ts.suffixes_of("queue_");
  for (const std::string& s : ts.suffixes_of("utilisation_")) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

void add_stations_chart(const OutputTable& ts, ReportPage& page) {
  const std::vector<std::string> stations = stations_of(ts);
  if (stations.empty()) {
    page.notes.push_back(
        "timeseries.csv has no queue_<station> or utilisation_<station> columns: no station chart.");
    return;
  }
  std::vector<WideColumn> queues;
  std::vector<WideColumn> utilisation;
  for (const std::string& s : stations) {
    if (ts.has("queue_" + s)) queues.push_back({"queue_" + s, display_name(s)});
    if (ts.has("utilisation_" + s)) utilisation.push_back({"utilisation_" + s, display_name(s)});
  }
  Chart c;
  c.id = "stations";
  c.title = "Queues and utilisation per station";
  c.explanation =
      "Per interval and station: mean number of requests waiting for a server (requests) and the share "
      "of servers busy (%).";
  Json::Array panels;
  std::vector<std::string> domain;
  for (const std::string& s : stations) domain.push_back(display_name(s));
  for (auto& [columns, dataset, scale, title] :
       {std::tuple{queues, std::string("queues"), 1.0, std::string("queue length (requests)")},
        std::tuple{utilisation, std::string("utilisation"), 100.0, std::string("utilisation (%)")}}) {
    if (columns.empty()) continue;
    LongSeries series = long_series(ts, columns, "station", scale, page, scale == 100.0 ? 100.0 : INFINITY);
    panels.push_back(
        panel(180, series_layers(dataset, "station", domain, "station", title, series.intervals)));
    c.min_marks += series.finite;
    c.intervals = c.intervals || series.intervals;
    add_dataset(page, dataset, Json(std::move(series.rows)));
    c.datasets.push_back(dataset);
  }
  c.spec = vega_lite();
  c.spec.set("vconcat", Json(std::move(panels)));
  page.charts.push_back(std::move(c));
}

// Breach windows as rows {start, end, kind, where, label}; the month-long measure breaches are left
// to the Code Performance Measures chart, where they show as "below minimum".
Json breach_rows(const OutputTable& breaches, bool with_monthly) {
  Json::Array rows;
  for (std::size_t row = 0; row < breaches.rows(); ++row) {
    const std::string& kind = breaches.text(row, "kind");
    if (!with_monthly && kind == "measure_below_minimum") continue;
    const std::string& where = breaches.text(row, "where");
    Json r = Json::object({{"start", breaches.text(row, "start")},
                           {"end", breaches.text(row, "end")},
                           {"kind", display_name(kind)},
                           {"where", display_name(where)},
                           {"label", display_name(kind) + " — " + display_name(where)},
                           {"peak_excess", number_or_null(breaches.number(row, "peak_excess"))}});
    if (breaches.has("replication"))
      r.set("replication", number_or_null(breaches.number(row, "replication")));
    rows.push_back(std::move(r));
  }
  return Json(std::move(rows));
}

void add_share_chart(const OutputTable& ts, const std::optional<OutputTable>& breaches,
                     const std::optional<OutputTable>& performance, ReportPage& page) {
  std::vector<WideColumn> columns;
  for (const std::string& cls : ts.suffixes_of("share_within_target_")) {
    columns.push_back({"share_within_target_" + cls, display_name(cls)});
  }
  if (columns.empty()) {
    page.notes.push_back(
        "timeseries.csv has no share_within_target_<class> columns: no service-level chart.");
    return;
  }
  LongSeries share = long_series(ts, columns, "class", 100.0, page, 100.0);
  Chart c;
  c.id = "share";
  c.title = "Responses within target per interval";
  c.explanation =
      "Per interval and measure class: share of responses within their target response time (%); "
      "lines at the target and minimum service levels; shaded: breach windows (breaches.csv).";
  c.min_marks = share.finite;
  c.intervals = share.intervals;
  Json::Array layers;
  const Json x = time_channel("start");
  if (breaches && breaches->has_all({"start", "end"}) && breaches->rows() > 0) {
    add_dataset(page, "breach_windows", breach_rows(*breaches, false));
    c.datasets.push_back("breach_windows");
    layers.push_back(Json::object(
        {{"data", Json::object({{"name", "breach_windows"}})},
         {"mark", Json::object({{"type", "rect"}, {"color", "#D55E00"}, {"opacity", 0.12}})},
         {"encoding", Json::object({{"x", x},
                                    {"x2", Json::object({{"field", "end"}})},
                                    {"tooltip", Json::array({Json::object({{"field", "label"}}),
                                                             Json::object({{"field", "start"}}),
                                                             Json::object({{"field", "end"}})})}})}}));
  }
  for (Json& layer : series_layers("share", "class", labels_of(columns), "measure class",
                                   "responses within target (%)", share.intervals)) {
    layers.push_back(std::move(layer));
  }
  add_dataset(page, "share", Json(std::move(share.rows)));
  c.datasets.push_back("share");
  if (performance && performance->has_all({"target", "minimum"}) && performance->rows() > 0) {
    const double target = performance->number(0, "target") * 100.0;
    const double minimum = performance->number(0, "minimum") * 100.0;
    add_dataset(page, "service_levels",
                Json::array({Json::object({{"level", "target"},
                                           {"label", fmt::format("target {:g} %", target)},
                                           {"value", target}}),
                             Json::object({{"level", "minimum"},
                                           {"label", fmt::format("minimum {:g} %", minimum)},
                                           {"value", minimum}})}));
    c.datasets.push_back("service_levels");
    const Json y = quantity_channel("value", "responses within target (%)");
    for (const auto& [level, colour, dy] :
         {std::tuple{"target", "#333333", -5}, std::tuple{"minimum", "#D55E00", 12}}) {
      // Each level its own layers, so the two labels sit on either side of their close lines.
      const Json only =
          Json::array({Json::object({{"filter", Json::object({{"field", "level"}, {"equal", level}})}})});
      const Json data = Json::object({{"name", "service_levels"}});
      layers.push_back(Json::object(
          {{"data", data},
           {"transform", only},
           {"mark", Json::object({{"type", "rule"}, {"color", colour}, {"strokeDash", Json::array({4, 3})}})},
           {"encoding", Json::object({{"y", y}})}}));
      layers.push_back(
          Json::object({{"data", data},
                        {"transform", only},
                        {"mark", Json::object({{"type", "text"},
                                               {"align", "left"},
                                               {"dx", 4},
                                               {"dy", dy},
                                               {"fontSize", 11},
                                               {"color", colour}})},
                        {"encoding", Json::object({{"x", Json::object({{"value", kChartWidth}})},
                                                   {"y", y},
                                                   {"text", Json::object({{"field", "label"}})}})}}));
    }
  }
  c.spec = vega_lite();
  c.spec.set("width", kChartWidth);
  c.spec.set("height", 280);
  c.spec.set("layer", Json(std::move(layers)));
  page.charts.push_back(std::move(c));
}

void add_breach_timeline(const OutputTable& breaches, const RunContext& context, ReportPage& page) {
  if (!breaches.has_all({"start", "end", "kind", "where"})) {
    page.notes.push_back("breaches.csv lacks start, end, kind or where: no breach timeline.");
    return;
  }
  if (breaches.rows() == 0) {
    page.facts.push_back("No breach windows: every limit held.");
    return;
  }
  page.facts.push_back(fmt::format("{} breach window{}{}.", breaches.rows(), breaches.rows() == 1 ? "" : "s",
                                   context.replications > 1 ? " over all replications" : ""));
  Chart c;
  c.id = "breaches";
  c.title = "When limits were breached";
  c.explanation =
      "Each bar spans a breach window (time, UTC) by kind and where it happened (capacity reduced: "
      "maintenance or outage; interval or month below the minimum service level)";
  c.explanation += context.replications > 1 ? "; darker where several replications breached at once." : ".";
  add_dataset(page, "breaches", breach_rows(breaches, true));
  c.datasets = {"breaches"};
  c.min_marks = breaches.rows();
  Json breach_labels = category_channel("label", {});
  breach_labels.set("axis", Json::object({{"labelLimit", 320}}));
  c.spec = vega_lite();
  c.spec.set("width", kChartWidth - 160);  // room for the long labels on the left
  c.spec.set("height", Json::object({{"step", 22}}));
  c.spec.set("data", Json::object({{"name", "breaches"}}));
  c.spec.set("mark", Json::object({{"type", "bar"},
                                   {"color", "#D55E00"},
                                   {"opacity", context.replications > 1 ? 0.35 : 0.8},
                                   {"stroke", "#D55E00"},
                                   {"strokeWidth", 1}}));
  c.spec.set("encoding",
             Json::object({{"y", breach_labels},
                           {"x", time_channel("start", context.span_ms)},
                           {"x2", Json::object({{"field", "end"}})},
                           {"tooltip",
                            Json::array({Json::object({{"field", "label"}}),
                                         Json::object({{"field", "start"}}), Json::object({{"field", "end"}}),
                                         Json::object({{"field", "peak_excess"}})})}}));
  page.charts.push_back(std::move(c));
}

bool times_readable(const OutputTable& t, const std::string& column, ReportPage& page) {
  for (std::size_t row = 0; row < t.rows(); ++row) {
    if (!iso_time_ms(t.text(row, column))) {
      page.diagnostics.push_back(
          {t.file(), t.line(row), column,
           "expected a UTC time such as 2018-08-01T00:00:00Z, got \"" + t.text(row, column) + "\""});
      return false;
    }
  }
  return true;
}

}  // namespace

void add_run_time_charts(const RunFiles& files, const RunContext& context, ReportPage& page) {
  const std::optional<OutputTable>& ts = files.timeseries;
  std::optional<OutputTable> breaches = files.breaches;
  if (breaches && (!times_readable(*breaches, "start", page) || !times_readable(*breaches, "end", page) ||
                   !breaches->check_numeric({"peak_excess", "replication"}, page.diagnostics))) {
    breaches.reset();
  }
  if (!ts) {
    page.notes.push_back("timeseries.csv is absent: no charts over time.");
  } else if (!ts->has("interval_start")) {
    page.notes.push_back("timeseries.csv has no interval_start column: no charts over time.");
  } else if (times_readable(*ts, "interval_start", page)) {
    add_load_chart(*ts, page);
    add_stations_chart(*ts, page);
    add_share_chart(*ts, breaches, files.performance, page);
  }
  if (breaches) add_breach_timeline(*breaches, context, page);
}

}  // namespace dccsim::tools
