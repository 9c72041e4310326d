#include "tools/summary_json.hpp"

#include <cmath>

#include "tools/json_writer.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

// Writes one row of a table as JSON fields: keys, numbers (and their half-widths), derived flags.
void row_fields(JsonWriter& j, const TablesAccumulator& acc, TableId table, std::size_t row,
                bool with_keys = true) {
  const Table& t = acc.shape().table(table);
  const bool single = acc.count() == 1;
  if (with_keys) {
    for (std::size_t k = 0; k < t.key_names.size(); ++k) j.key(t.key_names[k]).value(t.keys[row][k]);
  }
  const std::vector<double> means = acc.means(table, row);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    j.key(t.columns[c].name);
    if (single && t.columns[c].decimals == 0 && std::isfinite(means[c])) {
      j.value(static_cast<std::int64_t>(std::llround(means[c])));
    } else {
      j.value(means[c]);
    }
  }
  for (const DerivedColumn& d : t.derived) {
    const std::string v = d.compute(t.keys[row], means);
    j.key(d.name);
    if (v == "true" || v == "false") {
      j.value(v == "true");
    } else {
      j.value(v);
    }
  }
  if (!single) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      j.key(t.columns[c].name + "_hw").value(half_width95(acc.cell(table, row, c)));
    }
  }
}

void table_array(JsonWriter& j, const TablesAccumulator& acc, TableId table) {
  j.begin_array();
  for (std::size_t row = 0; row < acc.shape().table(table).rows(); ++row) {
    j.begin_object();
    row_fields(j, acc, table, row);
    j.end_object();
  }
  j.end_array();
}

void variance_fields(JsonWriter& j, const TablesAccumulator& acc) {
  const auto totals = acc.table<VarianceTotalsTable>();
  for (std::size_t row = 0; row < totals.rows(); ++row) {
    j.key(totals.key(row, VarianceTotalsTable::kind)).begin_object();
    row_fields(j, acc, TableId::variance_totals, row, false);
    j.end_object();
  }
  j.key("exceptions").begin_array();
  const auto variance = acc.table<VarianceTable>();
  for (std::size_t row = 0; row < variance.rows(); ++row) {
    if (variance.derived(row, VarianceTable::exception) != "yes") continue;
    j.begin_object();
    row_fields(j, acc, TableId::variance, row);
    j.end_object();
  }
  j.end_array();
}

void breach_array(JsonWriter& j, const TablesAccumulator& acc) {
  j.begin_array();
  const bool with_replication = acc.count() > 1;
  for (const ReplicatedBreach& r : acc.breaches()) {
    j.begin_object();
    if (with_replication) j.key("replication").value(r.replication);
    j.key("start").value(r.breach.start);
    j.key("end").value(r.breach.end);
    j.key("kind").value(r.breach.kind);
    j.key("where").value(r.breach.where);
    // The figure breaches.csv holds (six decimals), so the two files agree.
    j.key("peak_excess").value(std::stod(format_number(r.breach.peak_excess, 6)));
    j.end_object();
  }
  j.end_array();
}

}  // namespace

std::string summary_json(const TablesAccumulator& acc, const RunInfo& info) {
  const sim::Calendar calendar(info.epoch);
  JsonWriter j;
  j.begin_object();
  j.key("scenario").value(info.scenario);
  j.key("scenario_file").value(info.scenario_file);
  j.key("seed").value(info.seed);
  j.key("replications").value(acc.count());
  j.key("epoch").value(iso_time(calendar, sim::Time::zero()));
  j.key("horizon").value(iso_time(calendar, info.horizon));
  j.key("warmup_s").value(info.warmup_s);
  j.key("events").value(static_cast<std::uint64_t>(std::llround(acc.events())));
  j.key("peak_in_flight").value(static_cast<std::uint64_t>(std::llround(acc.shape().peak_in_flight)));
  j.key("requests").begin_object();
  row_fields(j, acc, TableId::requests, 0);
  j.end_object();
  j.key("variance").begin_object();
  variance_fields(j, acc);
  j.end_object();
  j.key("performance");
  table_array(j, acc, TableId::performance);
  j.key("stations");
  table_array(j, acc, TableId::stations);
  j.key("throttle");
  table_array(j, acc, TableId::throttle);
  j.key("breaches");
  breach_array(j, acc);
  j.end_object();
  return j.str();
}

}  // namespace dccsim::tools
