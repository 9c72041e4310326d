#include "tools/output_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "sim/output_analysis.hpp"
#include "tools/json_writer.hpp"

namespace dccsim::tools {
namespace {

enum TableIndex : std::size_t {
  kRequests,
  kVarianceTotals,
  kVariance,
  kStations,
  kPerformance,
  kThrottle,
  kTimeseries
};

// Writes one row of a table as JSON fields: keys, numbers (and their half-widths), derived flags.
void row_fields(JsonWriter& j, const TablesAccumulator& acc, std::size_t table, std::size_t row,
                bool with_keys = true) {
  const Table& t = *acc.shape().all()[table];
  const bool single = acc.count() == 1;
  if (with_keys) {
    for (std::size_t k = 0; k < t.key_names.size(); ++k) j.key(t.key_names[k]).value(t.keys[row][k]);
  }
  std::vector<double> means(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const sim::Tally& cell = acc.cell(table, row, c);
    means[c] = cell.count() ? cell.mean() : NAN;
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
      j.key(t.columns[c].name + "_hw").value(sim::t_interval(acc.cell(table, row, c), 0.95).half_width);
    }
  }
}

void table_array(JsonWriter& j, const TablesAccumulator& acc, std::size_t table) {
  j.begin_array();
  for (std::size_t row = 0; row < acc.shape().all()[table]->keys.size(); ++row) {
    j.begin_object();
    row_fields(j, acc, table, row);
    j.end_object();
  }
  j.end_array();
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(fmt::format("cannot rename {} to {}", tmp.string(), path.string()));
  }
}


std::string iso_time(const sim::Calendar& calendar, sim::Time t) {
  const sim::CivilDate d = calendar.date_of(t);
  const std::int64_t in_day = (t - calendar.start_of_day(t)).ticks() / sim::kTicksPerSecond;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", d.year, d.month, d.day, in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

std::string breaches_csv(const TablesAccumulator& acc) {
  const bool with_replication = acc.count() > 1;
  std::string out = with_replication ? "replication,start,end,kind,where,peak_excess\n"
                                     : "start,end,kind,where,peak_excess\n";
  for (const auto& row : acc.breaches()) {
    for (std::size_t i = with_replication ? 0 : 1; i < row.size(); ++i) {
      out += row[i];
      out += i + 1 < row.size() ? "," : "\n";
    }
  }
  return out;
}

std::string summary_json(const TablesAccumulator& acc, const RunInfo& info) {
  const sim::Calendar calendar(info.epoch);
  const ResultTables& shape = acc.shape();
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
  j.key("peak_in_flight").value(static_cast<std::uint64_t>(std::llround(shape.peak_in_flight)));
  j.key("requests").begin_object();
  row_fields(j, acc, kRequests, 0);
  j.end_object();
  j.key("variance").begin_object();
  for (std::size_t row = 0; row < shape.variance_totals.keys.size(); ++row) {
    j.key(shape.variance_totals.keys[row][0]).begin_object();
    row_fields(j, acc, kVarianceTotals, row, false);
    j.end_object();
  }
  j.key("exceptions").begin_array();
  const Table& variance = shape.variance;
  for (std::size_t row = 0; row < variance.keys.size(); ++row) {
    std::vector<double> means(variance.columns.size());
    for (std::size_t c = 0; c < means.size(); ++c) {
      const sim::Tally& cell = acc.cell(kVariance, row, c);
      means[c] = cell.count() ? cell.mean() : NAN;
    }
    if (variance.derived[0].compute(variance.keys[row], means) != "yes") continue;
    j.begin_object();
    row_fields(j, acc, kVariance, row);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  j.key("performance");
  table_array(j, acc, kPerformance);
  j.key("stations");
  table_array(j, acc, kStations);
  j.key("throttle");
  table_array(j, acc, kThrottle);
  j.key("breaches").begin_array();
  const bool with_replication = acc.count() > 1;
  for (const auto& b : acc.breaches()) {
    j.begin_object();
    if (with_replication) j.key("replication").value(static_cast<std::uint64_t>(std::stoull(b[0])));
    j.key("start").value(b[1]);
    j.key("end").value(b[2]);
    j.key("kind").value(b[3]);
    j.key("where").value(b[4]);
    j.key("peak_excess").value(std::stod(b[5]));
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

void write_run_outputs(const std::filesystem::path& dir, const TablesAccumulator& acc, const RunInfo& info) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  write_file_atomically(dir / "variance.csv", table_csv(acc, kVariance));
  write_file_atomically(dir / "stations.csv", table_csv(acc, kStations));
  write_file_atomically(dir / "performance.csv", table_csv(acc, kPerformance));
  write_file_atomically(dir / "throttle.csv", table_csv(acc, kThrottle));
  write_file_atomically(dir / "breaches.csv", breaches_csv(acc));
  write_file_atomically(dir / "timeseries.csv", table_csv(acc, kTimeseries));
  write_file_atomically(dir / "summary.json", summary_json(acc, info));
}

}  // namespace dccsim::tools
