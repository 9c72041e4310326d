// The page of a variance-forecast folder: predictive intervals per month, for the system totals
// (variance_forecast.json) and per User and service (variance_forecast.csv).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenarios/csv.hpp"
#include "tools/report_html_sections.hpp"

namespace dccsim::tools {
namespace {

struct Thresholds {
  double sr_low_pct = 90;
  double sr_high_pct = 110;
  double csr_high_pct = 110;
};

Thresholds thresholds_of(const std::optional<Json>& meta) {
  Thresholds t;
  const Json* j = meta ? meta->find("thresholds") : nullptr;
  if (!j) return t;
  for (auto [key, out] : {std::pair{"sr_low", &t.sr_low_pct}, std::pair{"sr_high", &t.sr_high_pct},
                          std::pair{"csr_high", &t.csr_high_pct}}) {
    const double v = j->number_at(key);
    if (std::isfinite(v)) *out = v * 100.0;
  }
  return t;
}

// The four interval layers every forecast chart draws, along y (totals) or x (per User), their
// names unique to `view` (Vega-Lite names views after their layers):
// 95 % interval (thin bar), 80 % interval (thick bar), forecast (black tick), expected actual (dot).
Json::Array interval_layers(const std::string& view, const std::string& axis, const std::string& title,
                            const Json& position, const Json& colour, bool with_expected) {
  const std::string other = axis == "y" ? "x" : "y";
  const auto encoding = [&](const char* field, const char* field2) {
    Json e = position;
    e.set(axis, quantity_channel(field, title));
    if (field2) e.set(axis + "2", Json::object({{"field", field2}}));
    return e;
  };
  Json p95 = encoding("p95_low", "p95_high");
  p95.set("color", colour);
  Json p80 = encoding("p80_low", "p80_high");
  p80.set("color", colour);
  Json expected = encoding("expected", nullptr);
  expected.set("color", colour);
  expected.set("tooltip",
               Json::array({Json::object({{"field", "expected"}}), Json::object({{"field", "p80_low"}}),
                            Json::object({{"field", "p80_high"}}), Json::object({{"field", "forecast"}})}));
  const std::string size_key = axis == "y" ? "width" : "height";
  Json::Array layers{
      Json::object({{"name", "interval_p95_" + view},
                    {"mark", Json::object({{"type", "bar"}, {size_key, 2}})},
                    {"encoding", std::move(p95)}}),
      Json::object({{"name", "interval_p80_" + view},
                    {"mark", Json::object({{"type", "bar"}, {size_key, 9}, {"opacity", 0.55}})},
                    {"encoding", std::move(p80)}}),
      Json::object(
          {{"mark",
            Json::object(
                {{"type", "tick"}, {"color", "#000000"}, {"thickness", 2}, {"size", axis == "y" ? 22 : 12}})},
           {"encoding", encoding("forecast", nullptr)}})};
  if (with_expected) {
    layers.push_back(Json::object(
        {{"mark", Json::object({{"type", "point"}, {"filled", true}, {"size", 40}, {"stroke", "#ffffff"}})},
         {"encoding", std::move(expected)}}));
  }
  return layers;
}

// An expected actual beyond its own 95 % interval (the mean of heavy-tailed draws) is not drawn,
// so it cannot squash every interval into one corner; the footnote gives its value.
double drawn_expected(double expected, double p95_high, const std::string& what,
                      std::vector<std::string>& off) {
  if (std::isfinite(expected) && std::isfinite(p95_high) && expected > p95_high) {
    off.push_back(fmt::format("{} {}", what, count_text(expected)));
    return NAN;
  }
  return expected;
}

std::string off_scale_note(const std::vector<std::string>& off) {
  if (off.empty()) return {};
  std::string out = "Expected actual above its own 95 % interval (a few very large draws), not drawn: ";
  for (std::size_t i = 0; i < off.size(); ++i) out += (i ? "; " : "") + off[i];
  return out + ".";
}

void add_totals_chart(const Json& meta, ReportPage& page) {
  const Json* totals = meta.find("totals");
  if (!totals || totals->array().empty()) {
    page.notes.push_back("variance_forecast.json has no totals: no system totals chart.");
    return;
  }
  Json::Array rows;
  std::vector<std::string> classes;
  std::vector<std::string> off;
  for (const Json& t : totals->array()) {
    const std::string cls = t.string_at("class") == "CSR" ? "CSRs" : "SRs";
    const std::string month = t.string_at("month");
    classes.push_back(cls);
    page.facts.push_back(fmt::format(
        "{} {}: about {} requests are expected versus a forecast of {}; 80 % interval {}–{}, 95 % interval "
        "{}–{}.",
        month, cls, count_text(t.number_at("expected_actual")), count_text(t.number_at("forecast")),
        count_text(t.number_at("p80_low")), count_text(t.number_at("p80_high")),
        count_text(t.number_at("p95_low")), count_text(t.number_at("p95_high"))));
    rows.push_back(Json::object(
        {{"month", month},
         {"class", cls},
         {"forecast", number_or_null(t.number_at("forecast"))},
         {"expected", number_or_null(drawn_expected(t.number_at("expected_actual"), t.number_at("p95_high"),
                                                    month + " " + cls, off))},
         {"p80_low", number_or_null(t.number_at("p80_low"))},
         {"p80_high", number_or_null(t.number_at("p80_high"))},
         {"p95_low", number_or_null(t.number_at("p95_low"))},
         {"p95_high", number_or_null(t.number_at("p95_high"))}}));
  }
  const Json x = Json::object({{"field", "month"},
                               {"type", "ordinal"},
                               {"title", "month"},
                               {"axis", Json::object({{"labelAngle", 0}})}});
  const Json colour = colour_channel("class", unique_in_order(classes), "", false);  // each view is titled
  Chart c;
  c.id = "forecast_totals";
  c.title = "Expected traffic per month: system totals";
  c.explanation =
      "Per month, SRs and CSRs: requests expected in the month (dot), the 80 % (thick bar) and 95 % (thin "
      "bar) prediction intervals, and the Users' forecast (black tick).";
  c.footnote = off_scale_note(off);
  c.min_marks = rows.size() * 3;
  c.intervals = true;
  // One view per class (its own scale: CSRs are far fewer than SRs); a class whose expected actuals
  // are all off the scale has no dot layer, which would have nothing to draw.
  Json::Array views;
  for (const std::string& cls : unique_in_order(classes)) {
    bool with_expected = false;
    for (const Json& r : rows)
      with_expected = with_expected || (r.string_at("class") == cls && r.find("expected")->is_number());
    views.push_back(Json::object(
        {{"title", Json::object({{"text", cls}, {"fontSize", 12}})},
         {"width", 380},
         {"height", 220},
         {"transform",
          Json::array({Json::object({{"filter", Json::object({{"field", "class"}, {"equal", cls}})}})})},
         {"layer", Json(interval_layers(fmt::format("totals_{}", views.size()), "y", "requests in the month",
                                        Json::object({{"x", x}}), colour, with_expected))}}));
  }
  c.spec = vega_lite();
  c.spec.set("data", Json::object({{"name", "forecast_totals"}}));
  c.spec.set("hconcat", Json(std::move(views)));
  c.spec.set("resolve", Json::object({{"scale", Json::object({{"y", "independent"}})}}));
  add_dataset(page, "forecast_totals", Json(std::move(rows)));
  c.datasets = {"forecast_totals"};
  page.charts.push_back(std::move(c));
}

void add_per_user_chart(const OutputTable& t, const Thresholds& thresholds, ReportPage& page) {
  if (!t.has_all({"user", "month", "service", "forecast", "p80_low", "p80_high", "p95_low", "p95_high"})) {
    page.notes.push_back(
        "variance_forecast.csv lacks user, month, service, forecast or the p80/p95 columns: no "
        "per-User chart.");
    return;
  }
  Json::Array rows;
  std::vector<std::string> labels, months, off;
  std::size_t without_forecast = 0;
  for (std::size_t row = 0; row < t.rows(); ++row) {
    const double forecast = t.number(row, "forecast");
    if (!(forecast > 0)) {
      ++without_forecast;
      continue;
    }
    const std::string label = t.text(row, "user") + " · " + t.text(row, "service");
    const std::string& month = t.text(row, "month");
    const bool csr = scenarios::iequals(t.text(row, "service"), "CSR");
    const auto pct = [&](const char* column) {
      return number_or_null(t.number(row, column) / forecast * 100.0);
    };
    labels.push_back(label);
    months.push_back(month);
    rows.push_back(Json::object(
        {{"label", label},
         {"month", month},
         {"forecast", 100.0},
         {"expected", number_or_null(drawn_expected(t.number(row, "expected_actual") / forecast * 100.0,
                                                    t.number(row, "p95_high") / forecast * 100.0,
                                                    label + " " + month, off))},
         {"p80_low", pct("p80_low")},
         {"p80_high", pct("p80_high")},
         {"p95_low", pct("p95_low")},
         {"p95_high", pct("p95_high")},
         {"band_low", csr ? 0.0 : thresholds.sr_low_pct},
         {"band_high", csr ? thresholds.csr_high_pct : thresholds.sr_high_pct}}));
  }
  if (rows.empty()) {
    page.notes.push_back("variance_forecast.csv has no row with a forecast: no per-User chart.");
    return;
  }
  const std::vector<std::string> order = unique_in_order(labels);
  const std::vector<std::string> month_order = unique_in_order(months);
  const std::string title = "actual as a share of forecast (%)";
  const Json y = category_channel("label", order);
  Json position = Json::object({{"y", y}});
  if (month_order.size() > 1) {
    position.set(
        "yOffset",
        Json::object({{"field", "month"}, {"type", "nominal"}, {"sort", string_array(month_order)}}));
  }
  Json::Array layers;
  layers.push_back(exception_band_layer(y, title));
  for (Json& l : interval_layers("users", "x", title, position,
                                 colour_channel("month", month_order, "month", month_order.size() > 1),
                                 off.size() < rows.size())) {
    layers.push_back(std::move(l));
  }
  Chart c;
  c.id = "forecast_users";
  c.title = "Expected variance per User and service";
  c.explanation = fmt::format(
      "Per User, service and month: the prediction intervals of actual as a share of forecast (%, 80 % "
      "thick bar, 95 % thin bar, dot: expected); grey band: no exception (SRs {:g}–{:g} %, CSRs below {:g} "
      "%).",
      thresholds.sr_low_pct, thresholds.sr_high_pct, thresholds.csr_high_pct);
  c.footnote = off_scale_note(off);
  if (without_forecast > 0) {
    c.footnote += fmt::format(" {} rows without a forecast have no share to draw.", without_forecast);
  }
  c.min_marks = rows.size() * 3;
  c.intervals = true;
  c.spec = vega_lite();
  c.spec.set("width", kChartWidth - 200);
  c.spec.set("height", static_cast<int>(order.size() * (month_order.size() * 10 + 10)));
  c.spec.set("data", Json::object({{"name", "forecast_users"}}));
  c.spec.set("layer", Json(std::move(layers)));
  add_dataset(page, "forecast_users", Json(std::move(rows)));
  c.datasets = {"forecast_users"};
  page.charts.push_back(std::move(c));
}

}  // namespace

void add_variance_forecast_sections(const std::filesystem::path& dir, ReportPage& page) {
  page.title = "dccsim variance forecast";
  const std::optional<Json> meta = read_json_if_present(dir, "variance_forecast.json", page);
  std::optional<OutputTable> table = read_if_present(dir, "variance_forecast.csv", page);
  if (table &&
      !table->check_numeric({"forecast", "expected_actual", "p80_low", "p80_high", "p95_low", "p95_high"},
                            page.diagnostics)) {
    table.reset();
  }
  if (meta) {
    page.facts.push_back(
        fmt::format("Forecast from the history in {} and the forecasts in {}: {} Monte Carlo "
                    "replications, seed {}.",
                    meta->string_at("history_file"), meta->string_at("forecasts_file"),
                    count_text(meta->number_at("replications")), count_text(meta->number_at("seed"))));
    add_totals_chart(*meta, page);
  } else {
    page.notes.push_back("variance_forecast.json is absent: no system totals.");
  }
  if (table) add_per_user_chart(*table, thresholds_of(meta), page);
}

}  // namespace dccsim::tools
