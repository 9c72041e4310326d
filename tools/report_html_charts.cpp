#include "tools/report_html_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sim/calendar.hpp"
#include "tools/report_html_inputs.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

// Okabe-Ito colours (safe for the common colour-vision deficiencies), grey last.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                                    "#56B4E9", "#8C564B", "#000000", "#999999"};

struct NamedColour {
  std::string_view name;
  const char* colour;
};

// One colour per name wherever it is drawn: a station, a class or a verdict looks the same in every chart.
constexpr NamedColour kKnownColours[] = {
    {"dsp", "#0072B2"},          {"smki", "#CC79A7"},          {"csp_north", "#D55E00"},
    {"csp_central", "#E69F00"},  {"csp_south", "#009E73"},     {"on_demand", "#0072B2"},
    {"future_dated", "#E69F00"}, {"alerts", "#009E73"},        {"non_device", "#CC79A7"},
    {"csr", "#56B4E9"},          {"offered SRs", "#0072B2"},   {"System Capacity", "#000000"},
    {"throughput", "#009E73"},   {"A better", "#0072B2"},      {"B better", "#D55E00"},
    {"A higher", "#56B4E9"},     {"B higher", "#E69F00"},      {"no significant difference", "#999999"},
    {"met", "#009E73"},          {"below target", "#E69F00"},  {"below minimum", "#D55E00"},
    {"no traffic", "#999999"},   {"exception", "#D55E00"},     {"no exception", "#0072B2"},
    {"offered", "#0072B2"},      {"admitted", "#009E73"},      {"rejected", "#D55E00"},
    {"delayed", "#E69F00"},      {"p50", "#56B4E9"},           {"p95", "#0072B2"},
    {"p99", "#000000"},          {"throttling on", "#D55E00"}, {"SR", "#0072B2"},
    {"CSR", "#56B4E9"},          {"DSP", "#0072B2"},           {"SMKI", "#CC79A7"},
    {"CSP North", "#D55E00"},    {"CSP Central", "#E69F00"},   {"CSP South", "#009E73"},
    {"on-demand", "#0072B2"},    {"future-dated", "#E69F00"},  {"non-device", "#CC79A7"},
    {"CSRs", "#56B4E9"},
};

// What planners call the things the outputs name in snake case.
constexpr std::pair<std::string_view, std::string_view> kDisplayNames[] = {
    {"dsp", "DSP"},
    {"smki", "SMKI"},
    {"csp_north", "CSP North"},
    {"csp_central", "CSP Central"},
    {"csp_south", "CSP South"},
    {"on_demand", "on-demand"},
    {"future_dated", "future-dated"},
    {"non_device", "non-device"},
    {"csr", "CSRs"},
    {"sr", "SRs"},
    {"system", "system"},
    {"offered_above_capacity", "offered above System Capacity"},
    {"offered_above_threshold", "offered above the operating threshold"},
    {"utilisation", "utilisation above its limit"},
    {"queue", "queue above its limit"},
    {"capacity_reduced", "capacity reduced"},
    {"interval_share_below_minimum", "interval below the minimum"},
    {"measure_below_minimum", "month below the minimum"},
};

struct KnownMeasure {
  std::string_view name;
  const char* label;
  const char* unit;
  double scale;
};

// Figures whose file name says too little for a planner; the rest are read off the name.
constexpr KnownMeasure kKnownMeasures[] = {
    {"generated", "requests generated", "requests", 1},
    {"completed", "requests completed", "requests", 1},
    {"completed_within_target", "completed within target", "requests", 1},
    {"in_flight", "in flight at the horizon", "requests", 1},
    {"share_on_demand", "on-demand SRs within target", "%", 100},
    {"share_future_dated", "future-dated SRs within target", "%", 100},
    {"share_alerts", "alerts within target", "%", 100},
    {"share_within_target", "share within target", "%", 100},
    {"dsp_utilisation", "DSP utilisation", "%", 100},
    {"max_csp_utilisation", "busiest CSP's utilisation", "%", 100},
    {"dsp_wait_mean_s", "DSP mean wait", "s", 1},
    {"max_csp_wait_mean_s", "longest CSP mean wait", "s", 1},
    {"throttle_rejections", "attempts rejected by Traffic Management", "attempts", 1},
    {"breaches", "breach windows", "windows", 1},
    {"queue_mean", "mean queue", "requests waiting", 1},
    {"queue_max", "longest queue", "requests waiting", 1},
    {"servers", "servers", "servers", 1},
    {"exception_probability", "probability of an exception", "%", 100},
    {"variance_pct", "variance against forecast", "%", 1},
};

std::string words_of(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

}  // namespace

std::string display_name(std::string_view name) {
  for (const auto& [raw, shown] : kDisplayNames) {
    if (raw == name) return std::string(shown);
  }
  return std::string(name);  // a User's id or a new station: as the outputs write it
}

MeasureDisplay measure_display(std::string_view name, bool difference) {
  MeasureDisplay d;
  bool known = false;
  for (const KnownMeasure& k : kKnownMeasures) {
    if (k.name == name) {
      d = {k.label, k.unit, k.scale};
      known = true;
      break;
    }
  }
  if (!known) {
    if (name.ends_with("_pct")) {
      d = {words_of(name.substr(0, name.size() - 4)), "%", 1};
    } else if (name.find("share") != std::string_view::npos ||
               name.find("utilisation") != std::string_view::npos) {
      d = {words_of(name), "%", 100};
    } else if (name.ends_with("_per_s")) {
      d = {words_of(name.substr(0, name.size() - 6)), "per s", 1};
    } else if (name.ends_with("_s")) {
      d = {words_of(name.substr(0, name.size() - 2)), "s", 1};
    } else {
      d = {words_of(name), "count", 1};
    }
  }
  if (difference && d.unit == "%") d.unit = "percentage points";
  return d;
}

Json colour_range(const std::vector<std::string>& domain) {
  Json::Array range;
  std::vector<std::string> used;
  std::size_t next = 0;
  for (const std::string& name : domain) {
    const auto known = std::find_if(std::begin(kKnownColours), std::end(kKnownColours),
                                    [&](const NamedColour& k) { return k.name == name; });
    std::string colour;
    if (known != std::end(kKnownColours)) {
      colour = known->colour;
    } else {
      // The next palette colour not already taken by a known name in this domain.
      for (std::size_t tries = 0; tries < std::size(kPalette); ++tries, ++next) {
        colour = kPalette[next % std::size(kPalette)];
        if (std::find(used.begin(), used.end(), colour) == used.end()) break;
      }
      ++next;
    }
    used.push_back(colour);
    range.emplace_back(colour);
  }
  return Json(std::move(range));
}

Json colour_channel(const std::string& field, const std::vector<std::string>& domain,
                    const std::string& title, bool legend) {
  const Json legend_title = title.empty() ? Json() : Json(title);
  return Json::object(
      {{"field", field},
       {"type", "nominal"},
       {"scale", Json::object({{"domain", string_array(domain)}, {"range", colour_range(domain)}})},
       {"legend", legend ? Json::object({{"title", legend_title}, {"orient", "top"}}) : Json()}});
}

Json time_channel(const std::string& field, const std::vector<double>& domain_ms) {
  Json scale = Json::object({{"type", "utc"}});
  if (domain_ms.size() == 2) {
    scale.set("domainMin", domain_ms[0]);
    scale.set("domainMax", domain_ms[1]);
  }
  return Json::object(
      {{"field", field},
       {"type", "temporal"},
       {"scale", std::move(scale)},
       {"axis", Json::object({{"title", "time (UTC)"}, {"format", "%d %b %H:%M"}, {"labelOverlap", true}})}});
}

Json quantity_channel(const std::string& field, const std::string& title) {
  return Json::object({{"field", field}, {"type", "quantitative"}, {"title", title}});
}

Json category_channel(const std::string& field, const std::vector<std::string>& order) {
  Json channel = Json::object({{"field", field}, {"type", "nominal"}, {"title", nullptr}});
  if (!order.empty()) channel.set("sort", string_array(order));
  channel.set("axis", Json::object({{"labelLimit", 320}}));
  return channel;
}

namespace {

// Rows without both ends of their interval draw nothing (an end missing would be drawn at NaN).
Json valid_interval(const std::string& also) {
  std::string test = "isFinite(datum.low) && isFinite(datum.high)";
  if (!also.empty()) test += " && " + also;
  return Json::array({Json::object({{"filter", test}})});
}

}  // namespace

Json interval_band(const std::string& what, const Json& x, const std::string& title, const Json& colour) {
  return Json::object(
      {{"name", "interval_" + what},
       {"transform", valid_interval("")},
       {"mark", Json::object({{"type", "area"}, {"opacity", 0.18}, {"interpolate", "step-after"}})},
       {"encoding", Json::object({{"x", x},
                                  {"y", quantity_channel("low", title)},
                                  {"y2", Json::object({{"field", "high"}})},
                                  {"color", colour}})}});
}

Json interval_bars(const std::string& what, const std::string& axis, const std::string& title, Json position,
                   const std::string& also) {
  position.set(axis, quantity_channel("low", title));
  position.set(axis + "2", Json::object({{"field", "high"}}));
  return Json::object({{"name", "interval_" + what},
                       {"transform", valid_interval(also)},
                       {"mark", Json::object({{"type", "rule"}, {"strokeWidth", 1.5}})},
                       {"encoding", std::move(position)}});
}

Json exception_band_layer(const Json& y, const std::string& title) {
  return Json::object({{"mark", Json::object({{"type", "bar"}, {"color", "#999999"}, {"opacity", 0.22}})},
                       {"encoding", Json::object({{"y", y},
                                                  {"x", quantity_channel("band_low", title)},
                                                  {"x2", Json::object({{"field", "band_high"}})}})}});
}

Json page_config() {
  const char* font = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
  return Json::object(
      {{"font", font},
       {"view", Json::object({{"stroke", nullptr}})},
       {"axis", Json::object({{"labelFontSize", 11},
                              {"titleFontSize", 12},
                              {"titleFontWeight", "normal"},
                              {"gridColor", "#e6e6e6"},
                              {"domainColor", "#888888"},
                              {"tickColor", "#888888"}})},
       {"legend",
        Json::object({{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}})},
       {"line", Json::object({{"strokeWidth", 1.5}})},
       {"point", Json::object({{"filled", true}, {"size", 45}})}});
}

Json vega_lite() { return Json::object({{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"}}); }

std::optional<double> iso_time_ms(std::string_view text) {
  // YYYY-MM-DDTHH:MM[:SS][Z], as the outputs write instants.
  if (text.ends_with('Z')) text.remove_suffix(1);
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  const auto field = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto year = field(0, 4), month = field(5, 2), day = field(8, 2), hour = field(11, 2),
             minute = field(14, 2);
  const auto second = text.size() == 19 ? field(17, 2) : std::optional<int>(0);
  if (!year || !month || !day || !hour || !minute || !second || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || (text.size() == 19 && text[16] != ':')) {
    return std::nullopt;
  }
  const sim::CivilDate date{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
  if (!sim::is_valid(date) || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  const double seconds =
      static_cast<double>(sim::days_from_civil(date)) * 86400.0 + *hour * 3600.0 + *minute * 60.0 + *second;
  return seconds * 1000.0;
}

std::string count_text(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  if (std::abs(v) >= 1e18) return fmt::format("{:.3g}", v);  // beyond whole-number grouping
  const std::string fixed = format_number(std::abs(v), decimals);
  const auto dot = fixed.find('.');
  std::string out = group_thousands(std::stoull(fixed.substr(0, dot)));
  if (dot != std::string::npos) out += fixed.substr(dot);
  const bool zero = out.find_first_not_of("0,.") == std::string::npos;
  return (v < 0 && !zero ? "-" : "") + out;
}

std::string signed_pct(double v) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:+.1f} %", v);
}

std::string plus_minus(double hw, int decimals) {
  if (!std::isfinite(hw)) return "";
  return " ± " + count_text(hw, decimals);
}

Json data_ref(const std::string& name) { return Json::object({{"name", name}}); }

Json string_array(const std::vector<std::string>& v) { return Json(Json::Array(v.begin(), v.end())); }

std::vector<std::string> unique_in_order(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const std::string& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(); }

std::size_t count_finite(const std::vector<double>& values) {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }));
}

}  // namespace dccsim::tools
