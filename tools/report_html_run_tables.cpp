// A run's page, second half: the charts of its per-class and per-User tables.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenarios/csv.hpp"
#include "tools/report_html_sections.hpp"

namespace dccsim::tools {
namespace {

// Row labels of a table keyed by `key` (and month, when the file covers more than one).
std::vector<std::string> row_labels(const OutputTable& t, const std::string& key,
                                    const std::string& second = {}) {
  bool months = false;
  if (t.has("month")) {
    for (std::size_t row = 1; row < t.rows(); ++row)
      months = months || t.text(row, "month") != t.text(0, "month");
  }
  std::vector<std::string> labels;
  for (std::size_t row = 0; row < t.rows(); ++row) {
    std::string label = display_name(t.text(row, key));
    if (!second.empty()) label = t.text(row, key) + " · " + t.text(row, second);
    if (months) label += " · " + t.text(row, "month");
    labels.push_back(label);
  }
  return labels;
}

Json layer(const std::string& dataset, Json mark, Json encoding) {
  return Json::object(
      {{"data", data_ref(dataset)}, {"mark", std::move(mark)}, {"encoding", std::move(encoding)}});
}

Json tooltip(std::initializer_list<const char*> fields) {
  Json::Array out;
  for (const char* f : fields) out.push_back(Json::object({{"field", f}}));
  return Json(std::move(out));
}

// Adds low/high to row `r` from `column`'s half-width, scaled, when the file has one; true when
// the interval is defined (both ends finite).
bool add_interval(const OutputTable& t, std::size_t row, const std::string& column, double value,
                  double scale, Json& r) {
  if (!t.has(half_width_name(column))) return false;
  const double hw = t.number(row, half_width_name(column)) * scale;
  r.set("low", number_or_null(value - hw));
  r.set("high", number_or_null(value + hw));
  return std::isfinite(value - hw) && std::isfinite(value + hw);
}

Json layered_spec(int height_step, std::size_t rows, Json::Array layers) {
  Json spec = vega_lite();
  spec.set("width", kChartWidth);
  spec.set("height", static_cast<int>(rows) * height_step + 10);
  spec.set("layer", Json(std::move(layers)));
  return spec;
}

void add_performance_chart(const OutputTable& perf, ReportPage& page) {
  if (!perf.has_all({"measure", "share_within_target"})) {
    page.notes.push_back(
        "performance.csv lacks measure or share_within_target: no Code Performance Measures chart.");
    return;
  }
  const std::vector<std::string> labels = row_labels(perf, "measure");
  Json::Array rows;
  std::vector<std::string> statuses;
  std::size_t finite = 0;
  bool intervals = false;
  for (std::size_t row = 0; row < perf.rows(); ++row) {
    const double share = perf.number(row, "share_within_target") * 100.0;
    const std::string status = perf.has("status") ? perf.text(row, "status") : "";
    Json r = Json::object({{"label", labels[row]},
                           {"share", number_or_null(share)},
                           {"target", number_or_null(perf.number(row, "target") * 100.0)},
                           {"minimum", number_or_null(perf.number(row, "minimum") * 100.0)},
                           {"status", status},
                           {"responses", number_or_null(perf.number(row, "responses"))}});
    intervals = add_interval(perf, row, "share_within_target", share, 100.0, r) || intervals;
    if (std::isfinite(share)) ++finite;
    statuses.push_back(status);
    rows.push_back(std::move(r));
  }
  const std::string title = "responses within target (%)";
  const Json y = category_channel("label", unique_in_order(labels));
  Json::Array layers;
  for (const auto& [field, colour] : {std::pair{"target", "#333333"}, std::pair{"minimum", "#D55E00"}}) {
    if (!perf.has(field)) continue;
    layers.push_back(layer("performance",
                           Json::object({{"type", "tick"}, {"color", colour}, {"thickness", 2}}),
                           Json::object({{"y", y}, {"x", quantity_channel(field, title)}})));
  }
  if (intervals) layers.push_back(interval_bars("performance", "x", title, Json::object({{"y", y}})));
  Json x = quantity_channel("share", title);
  x.set("scale", Json::object({{"zero", false}, {"padding", 12}}));
  layers.push_back(
      layer("performance", Json::object({{"type", "point"}, {"size", 70}}),
            Json::object({{"y", y},
                          {"x", std::move(x)},
                          {"color", colour_channel("status", unique_in_order(statuses), "status")},
                          {"tooltip", tooltip({"label", "share", "target", "minimum", "responses"})}})));
  for (Json& l : layers) l.set("data", data_ref("performance"));
  Chart c;
  c.id = "performance";
  c.title = "Code Performance Measures";
  c.explanation =
      "Per measure class and month: share of responses within target response time (%, dot, coloured by "
      "status) against the Target Service Level (black tick) and Minimum Service Level (red tick).";
  c.spec = layered_spec(28, unique_in_order(labels).size(), std::move(layers));
  c.datasets = {"performance"};
  c.min_marks = finite;
  c.intervals = intervals;
  add_dataset(page, "performance", Json(std::move(rows)));
  page.charts.push_back(std::move(c));
}

void add_response_chart(const OutputTable& perf, ReportPage& page) {
  std::vector<std::string> percentiles;
  for (const char* p : {"p50", "p95", "p99"}) {
    if (perf.has(fmt::format("response_{}_s", p))) percentiles.push_back(p);
  }
  if (percentiles.empty() || !perf.has("measure")) {
    page.notes.push_back("performance.csv has no response_p50_s/p95_s/p99_s: no response-time chart.");
    return;
  }
  const std::vector<std::string> labels = row_labels(perf, "measure");
  Json::Array rows;
  Json::Array targets;
  std::size_t skipped = 0;
  bool intervals = false;
  for (std::size_t row = 0; row < perf.rows(); ++row) {
    for (const std::string& p : percentiles) {
      const std::string column = "response_" + p + "_s";
      const double s = perf.number(row, column);
      if (!(s > 0)) {  // a log scale has no place for 0 or an undefined figure
        if (std::isfinite(s)) ++skipped;
        continue;
      }
      Json r = Json::object({{"label", labels[row]}, {"percentile", p}, {"seconds", s}});
      const bool interval = add_interval(perf, row, column, s, 1.0, r);
      intervals = intervals || (interval && r.number_at("low") > 0);
      rows.push_back(std::move(r));
    }
    const double target_s = perf.number(row, "target_response_s");
    if (target_s > 0) targets.push_back(Json::object({{"label", labels[row]}, {"seconds", target_s}}));
  }
  if (rows.empty()) {
    page.notes.push_back(
        "performance.csv has no positive response-time percentiles: no response-time chart.");
    return;
  }
  const std::string title = "response time (s, log scale)";
  const Json y = category_channel("label", unique_in_order(labels));
  Json x = quantity_channel("seconds", title);
  x.set("scale", Json::object({{"type", "log"}}));
  Json::Array layers;
  if (!targets.empty()) {
    layers.push_back(layer("response_targets",
                           Json::object({{"type", "tick"}, {"color", "#D55E00"}, {"thickness", 2}}),
                           Json::object({{"y", y}, {"x", x}})));
  }
  const Json colour = colour_channel("percentile", percentiles, "percentile");
  if (intervals) {
    // A log scale has no 0: an interval reaching 0 s is not drawn (the footnote says so).
    Json bars =
        interval_bars("response", "x", title, Json::object({{"y", y}, {"color", colour}}), "datum.low > 0");
    bars.set("data", data_ref("response"));
    layers.push_back(std::move(bars));
  }
  layers.push_back(
      layer("response", Json::object({{"type", "point"}, {"size", 60}}),
            Json::object(
                {{"y", y},
                 {"x", x},
                 {"color", colour},
                 {"shape", Json::object({{"field", "percentile"},
                                         {"type", "nominal"},
                                         {"title", "percentile"},
                                         {"scale", Json::object({{"domain", string_array(percentiles)}})}})},
                 {"tooltip", tooltip({"label", "percentile", "seconds"})}})));
  Chart c;
  c.id = "response";
  c.title = "Response times per measure class";
  c.explanation =
      "Per measure class and month: the 50th, 95th and 99th percentiles of the end-to-end response "
      "time (s, log scale)";
  c.explanation += targets.empty() ? "." : "; red tick: the class's target response time.";
  if (targets.empty()) {
    c.footnote =
        "performance.csv gives no target response time per class (a target_response_s column), so targets "
        "are not drawn; the share within target above measures against them.";
  }
  if (skipped > 0)
    c.footnote += fmt::format(" {} percentiles of 0 s are left out of the log scale.", skipped);
  if (intervals)
    c.footnote += " Intervals that reach down to 0 s cannot be drawn on the log scale and are left out.";
  c.min_marks = rows.size();
  c.intervals = intervals;
  c.spec = layered_spec(28, unique_in_order(labels).size(), std::move(layers));
  add_dataset(page, "response", Json(std::move(rows)));
  c.datasets = {"response"};
  if (!targets.empty()) {
    add_dataset(page, "response_targets", Json(std::move(targets)));
    c.datasets.push_back("response_targets");
  }
  page.charts.push_back(std::move(c));
}

void add_throttle_chart(const OutputTable& throttle, ReportPage& page) {
  std::vector<std::string> figures;
  for (const char* f : {"offered", "admitted", "rejected", "delayed"}) {
    if (throttle.has(f)) figures.push_back(f);
  }
  if (!throttle.has("user") || figures.empty() || throttle.rows() == 0) {
    page.notes.push_back(
        "throttle.csv has no Users with offered/admitted/rejected/delayed counts: no throttling chart.");
    return;
  }
  Json::Array rows;
  std::vector<std::string> users;
  bool intervals = false;
  for (std::size_t row = 0; row < throttle.rows(); ++row) {
    users.push_back(throttle.text(row, "user"));
    for (const std::string& f : figures) {
      const double v = throttle.number(row, f);
      if (!std::isfinite(v)) continue;
      Json r = Json::object({{"user", users.back()}, {"figure", f}, {"count", v}});
      intervals = add_interval(throttle, row, f, v, 1.0, r) || intervals;
      rows.push_back(std::move(r));
    }
  }
  const std::string title = "SR attempts";
  const Json y = category_channel("user", unique_in_order(users));
  const Json offset =
      Json::object({{"field", "figure"}, {"type", "nominal"}, {"sort", string_array(figures)}});
  const Json colour = colour_channel("figure", figures, "attempts");
  Json::Array layers;
  layers.push_back(layer("throttle",
                         Json::object({{"type", "bar"}, {"height", Json::object({{"band", 0.9}})}}),
                         Json::object({{"y", y},
                                       {"yOffset", offset},
                                       {"x", quantity_channel("count", title)},
                                       {"color", colour},
                                       {"tooltip", tooltip({"user", "figure", "count"})}})));
  if (intervals) {
    Json centred = offset;  // a rule sits at the start of its offset band unless told otherwise
    centred.set("bandPosition", 0.5);
    Json bars =
        interval_bars("throttle", "x", title, Json::object({{"y", y}, {"yOffset", std::move(centred)}}));
    bars.set("data", data_ref("throttle"));
    layers.push_back(std::move(bars));
  }
  Chart c;
  c.id = "throttle";
  c.title = "Traffic Management per User";
  c.explanation =
      "Per User: SR attempts offered to Traffic Management, admitted to the DSP, rejected for want of "
      "tokens, and held in the User's delay queue (attempts, retries included).";
  c.min_marks = rows.size();
  c.intervals = intervals;
  c.spec = layered_spec(static_cast<int>(figures.size()) * 11 + 12, unique_in_order(users).size(),
                        std::move(layers));
  add_dataset(page, "throttle", Json(std::move(rows)));
  c.datasets = {"throttle"};
  page.charts.push_back(std::move(c));
}

void add_variance_chart(const OutputTable& variance, const RunContext& context, ReportPage& page) {
  if (!variance.has_all({"user", "service", "variance_pct"}) || variance.rows() == 0) {
    page.notes.push_back("variance.csv has no rows with user, service and variance_pct: no variance chart.");
    return;
  }
  const std::vector<std::string> labels = row_labels(variance, "user", "service");
  Json::Array rows;
  std::vector<std::string> order;
  std::vector<std::string> without_forecast;
  bool intervals = false;
  for (std::size_t row = 0; row < variance.rows(); ++row) {
    const double pct = variance.number(row, "variance_pct");
    if (!std::isfinite(pct)) {
      without_forecast.push_back(labels[row] + ": " + count_text(variance.number(row, "actual")));
      continue;
    }
    const bool csr = scenarios::iequals(variance.text(row, "service"), "CSR");
    const std::string& flag = variance.text(row, "exception");
    Json r = Json::object({{"label", labels[row]},
                           {"ratio", 100.0 + pct},
                           {"exception", flag == "yes" ? "exception" : "no exception"},
                           {"band_low", csr ? 0.0 : context.sr_low_pct},
                           {"band_high", csr ? context.csr_high_pct : context.sr_high_pct},
                           {"forecast", number_or_null(variance.number(row, "forecast"))},
                           {"actual", number_or_null(variance.number(row, "actual"))}});
    intervals = add_interval(variance, row, "variance_pct", 100.0 + pct, 1.0, r) || intervals;
    order.push_back(labels[row]);
    rows.push_back(std::move(r));
  }
  if (rows.empty()) {
    page.notes.push_back("variance.csv has no row with a forecast: no variance chart.");
    return;
  }
  const std::string title = "actual as a share of forecast (%)";
  const Json y = category_channel("label", order);
  Json::Array layers;
  layers.push_back(exception_band_layer(y, title));
  layers.push_back(Json::object({{"data", Json::object({{"values", Json::array({Json::object({})})}})},
                                 {"mark", Json::object({{"type", "rule"}, {"color", "#333333"}})},
                                 {"encoding", Json::object({{"x", Json::object({{"datum", 100}})}})}}));
  if (intervals) layers.push_back(interval_bars("variance", "x", title, Json::object({{"y", y}})));
  layers.push_back(
      layer("variance", Json::object({{"type", "point"}, {"size", 60}}),
            Json::object({{"y", y},
                          {"x", quantity_channel("ratio", title)},
                          {"color", colour_channel("exception", {"exception", "no exception"}, "")},
                          {"tooltip", tooltip({"label", "forecast", "actual", "ratio"})}})));
  for (Json& l : layers) {
    if (!l.find("data")) l.set("data", data_ref("variance"));
  }
  Chart c;
  c.id = "variance";
  c.title = "Variance against forecast per User";
  c.explanation = fmt::format(
      "Per User and service: actual SRs sent as a share of forecast (%), coloured when an exception. Grey "
      "band: no exception — SRs within {:g}–{:g} %, CSRs below {:g} %.",
      context.sr_low_pct, context.sr_high_pct, context.csr_high_pct);
  if (!without_forecast.empty()) {
    c.footnote = "Sent without a forecast (always an exception; no share to draw): ";
    for (std::size_t i = 0; i < without_forecast.size(); ++i)
      c.footnote += (i ? "; " : "") + without_forecast[i];
    c.footnote += ".";
  }
  c.min_marks = rows.size();
  c.intervals = intervals;
  c.spec = layered_spec(20, order.size(), std::move(layers));
  add_dataset(page, "variance", Json(std::move(rows)));
  c.datasets = {"variance"};
  page.charts.push_back(std::move(c));
}

}  // namespace

void add_run_table_charts(const RunFiles& files, const RunContext& context, ReportPage& page) {
  const auto numeric = [&](const std::optional<OutputTable>& t, std::vector<std::string> columns) {
    if (!t) return false;
    std::vector<std::string> with_hw = columns;
    for (const std::string& c : columns) with_hw.push_back(half_width_name(c));
    return t->check_numeric(with_hw, page.diagnostics);
  };
  if (numeric(files.performance, {"share_within_target", "target", "minimum", "responses", "response_p50_s",
                                  "response_p95_s", "response_p99_s", "target_response_s"})) {
    add_performance_chart(*files.performance, page);
    add_response_chart(*files.performance, page);
  } else if (!files.performance) {
    page.notes.push_back("performance.csv is absent: no Code Performance Measures.");
  }
  if (numeric(files.throttle, {"offered", "admitted", "rejected", "delayed"})) {
    add_throttle_chart(*files.throttle, page);
  } else if (!files.throttle) {
    page.notes.push_back("throttle.csv is absent: no throttling per User.");
  }
  if (numeric(files.variance, {"forecast", "actual", "variance_pct"})) {
    add_variance_chart(*files.variance, context, page);
  } else if (!files.variance) {
    page.notes.push_back("variance.csv is absent: no variance per User.");
  }
}

}  // namespace dccsim::tools
