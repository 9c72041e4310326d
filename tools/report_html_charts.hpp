#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/diagnostic.hpp"
#include "tools/report_html_json.hpp"

// The pieces every chart of report.html is built from: the chart and page records, and the
// Vega-Lite building blocks (axes with units, fixed colours, interval layers) that keep charts alike.
namespace dccsim::tools {

/// The width of a chart's plotting area on the page, in pixels.
inline constexpr int kChartWidth = 720;

/// One chart of the page: a Vega-Lite specification and the page datasets it reads by name.
struct Chart {
  std::string id;                     ///< stable identifier (tests look charts up by it)
  std::string title;                  ///< heading above the chart
  std::string explanation;            ///< one line: what is drawn, with units
  std::string footnote;               ///< optional: what the chart cannot show (rows left out)
  Json spec;                          ///< Vega-Lite; its data are `{"name": dataset}` references
  std::vector<std::string> datasets;  ///< the page datasets the spec names
  std::size_t min_marks = 0;          ///< data mark items the rendered view must hold at least
  bool intervals = false;             ///< draws 95 % intervals (layers named "interval_...")
};

/// Everything report.html shows; built from one output folder.
struct ReportPage {
  std::string kind;                ///< "run", "compare", "sweep" or "variance forecast"
  std::string title;               ///< page heading
  std::vector<std::string> facts;  ///< sentences at the top: the scenario and its totals
  std::vector<Chart> charts;
  std::vector<std::string> notes;                  ///< charts left out and why
  Json datasets;                                   ///< name -> array of row objects
  std::vector<scenarios::Diagnostic> diagnostics;  ///< unreadable outputs: no page is written
};

/// Adds a dataset (an array of row objects) to the page under `name`.
void add_dataset(ReportPage& page, const std::string& name, Json rows);

/// How a figure is shown: its label, its unit, and the factor from the file's value to the shown one.
struct MeasureDisplay {
  std::string label;  ///< "on-demand SRs within target"
  std::string unit;   ///< "%", "s", "per s", "requests", ...
  double scale = 1;   ///< 100 for shares (stored as fractions, shown in %)
};

/// The display of a column or measure name (`share_on_demand`, `utilisation`, `wait_mean_s`);
/// with `difference`, shares and percentages are in "percentage points".
MeasureDisplay measure_display(std::string_view name, bool difference = false);

/// What planners call a station, measure class or breach kind named in snake case
/// ("csp_north" -> "CSP North"); other names (User ids) as they are.
std::string display_name(std::string_view name);

/// Colours for `domain` in order: known names (stations, measure classes, verdicts, series) always
/// get the same colour, others the rest of a colour-blind-safe palette in order.
Json colour_range(const std::vector<std::string>& domain);

/// A nominal colour channel on `field` over `domain` (in that order), legend on top (untitled when
/// `title` is empty; none without `legend`).
Json colour_channel(const std::string& field, const std::vector<std::string>& domain,
                    const std::string& title, bool legend = true);

/// A time channel on `field` (ISO 8601 UTC text), in UTC; `domain_ms`, when given, fixes the span.
Json time_channel(const std::string& field, const std::vector<double>& domain_ms = {});

/// A quantitative channel on `field`, titled with its unit ("queue length (requests)").
Json quantity_channel(const std::string& field, const std::string& title);

/// A nominal channel on `field` in the given order, untitled (the labels say what they are).
Json category_channel(const std::string& field, const std::vector<std::string>& order);

/// An interval layer named `interval_<what>`: a band (area) over time `x` from field `low` to
/// `high`, on the axis titled `title` (the same title as the layer it surrounds); rows without both
/// ends are left out.
Json interval_band(const std::string& what, const Json& x, const std::string& title, const Json& colour);

/// An interval layer named `interval_<what>`: error bars along `axis` ("x" or "y") from field
/// `low` to `high`, titled `title`; `position` holds the other channels (category, offset, colour).
/// Rows without both ends are left out, and so are rows failing the Vega expression `also`.
Json interval_bars(const std::string& what, const std::string& axis, const std::string& title, Json position,
                   const std::string& also = {});

/// A grey bar per row of `y` from field `band_low` to `band_high` along x: where actual as a share
/// of forecast is no exception (SR and CSR rows have different bands).
Json exception_band_layer(const Json& y, const std::string& title);

/// The options of every view on the page (fonts, quiet axes, no border): Vega-Lite `config`.
Json page_config();

/// A top-level Vega-Lite specification: its schema, to which a chart adds its view.
Json vega_lite();

/// Milliseconds since 1970 of "2018-08-01T00:00:00Z" (seconds and the Z optional); nullopt otherwise.
std::optional<double> iso_time_ms(std::string_view text);

/// "1,209,004" (rounded), or with `decimals`; "-" when undefined.
std::string count_text(double v, int decimals = 0);

/// "+9.5 %" (signed, one decimal); "-" when undefined.
std::string signed_pct(double v);

/// " ± 2,574" when `hw` (a 95 % half-width) is finite, else empty.
std::string plus_minus(double hw, int decimals = 0);

/// A Vega-Lite data reference to the page dataset `name`.
Json data_ref(const std::string& name);

/// A JSON array of the strings `v`.
Json string_array(const std::vector<std::string>& v);

/// The distinct values of `v` in first-seen order.
std::vector<std::string> unique_in_order(const std::vector<std::string>& v);

/// `v` when finite, else null (so undefined figures stay undefined in the data).
Json number_or_null(double v);

/// Counts the finite values in `values`.
std::size_t count_finite(const std::vector<double>& values);

}  // namespace dccsim::tools
