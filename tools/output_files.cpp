#include "tools/output_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "tools/json_writer.hpp"

namespace dccsim::tools {
namespace {

// Fixed decimals keep files stable and readable; an undefined figure is an empty cell.
std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  const std::string s = fmt::format("{:.{}f}", v, decimals);
  return s == fmt::format("-{:.{}f}", 0.0, decimals) ? s.substr(1) : s;  // no "-0.00"
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

double quantile_or_nan(const sim::LogHistogram& h, double q) { return h.count() == 0 ? NAN : h.quantile(q); }

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

std::string month_text(sim::YearMonth m) { return fmt::format("{:04d}-{:02d}", m.year, m.month); }

std::string iso_time(const sim::Calendar& calendar, sim::Time t) {
  const sim::CivilDate d = calendar.date_of(t);
  const std::int64_t in_day = (t - calendar.start_of_day(t)).ticks() / sim::kTicksPerSecond;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", d.year, d.month, d.day, in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

std::string variance_csv(const models::VarianceReport& report) {
  std::string out = "user,month,service,forecast,actual,variance_pct,exception\n";
  for (const models::VarianceLine& l : report.lines) {
    out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(l.user), month_text(l.month), csv_field(l.service),
                       l.forecast, l.actual, fixed(l.variance_pct, 2), l.exception ? "yes" : "no");
  }
  return out;
}

std::string stations_csv(const models::ModelResults& r) {
  std::string out =
      "station,servers,arrivals,completions,rejected,abandoned,throughput_per_s,utilisation,wait_mean_s,wait_p50_s,"
      "wait_p95_s,wait_p99_s,response_mean_s,response_p95_s,queue_mean,queue_max\n";
  for (const models::StationResult& s : r.stations) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.name, fixed(s.servers, 0), s.arrivals,
                       s.completions, s.rejected, s.abandoned, fixed(s.throughput_per_s, 3), fixed(s.utilisation, 6),
                       fixed(s.wait_s.mean(), 6), fixed(quantile_or_nan(s.wait_s, 0.5), 6),
                       fixed(quantile_or_nan(s.wait_s, 0.95), 6), fixed(quantile_or_nan(s.wait_s, 0.99), 6),
                       fixed(s.response_s.mean(), 6), fixed(quantile_or_nan(s.response_s, 0.95), 6),
                       fixed(s.queue_mean, 3), fixed(s.queue_max, 0));
  }
  return out;
}

std::string performance_csv(const models::ModelResults& r) {
  std::string out =
      "measure,month,responses,within_target,share_within_target,target,minimum,status,response_p50_s,"
      "response_p95_s,response_p99_s\n";
  for (const models::MeasureResult& m : r.performance) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", models::measure_class_name(m.measure), month_text(m.month),
                       m.responses, m.within_target, fixed(m.share_within_target, 6), fixed(m.target, 4),
                       fixed(m.minimum, 4), m.status, fixed(quantile_or_nan(m.response_s, 0.5), 3),
                       fixed(quantile_or_nan(m.response_s, 0.95), 3), fixed(quantile_or_nan(m.response_s, 0.99), 3));
  }
  return out;
}

std::string throttle_csv(const models::ModelResults& r) {
  std::string out =
      "user,offered,admitted,rejected,delayed,retried,given_up,allocation_mean_per_s,allocation_min_per_s,"
      "allocation_max_per_s\n";
  for (const models::UserThrottle& t : r.throttle) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_field(t.user), t.offered, t.admitted, t.rejected, t.delayed,
                       t.retried, t.given_up, fixed(t.allocation_mean_per_s, 3), fixed(t.allocation_min_per_s, 3),
                       fixed(t.allocation_max_per_s, 3));
  }
  return out;
}

std::string breaches_csv(const models::ModelResults& r, const sim::Calendar& calendar) {
  std::string out = "start,end,kind,where,peak_excess\n";
  for (const models::Breach& b : r.breaches) {
    out += fmt::format("{},{},{},{},{}\n", iso_time(calendar, b.start), iso_time(calendar, b.end), b.kind, b.where,
                       fixed(b.peak_excess, 6));
  }
  return out;
}

std::string timeseries_csv(const models::ModelResults& r, const sim::Calendar& calendar) {
  const models::IntervalSeries& s = r.series;
  std::string out = "interval_start,offered_per_s,capacity_per_s,throughput_per_s,throttling_active";
  for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) {
    out += fmt::format(",share_within_target_{}", models::measure_class_name(static_cast<models::MeasureClass>(k)));
  }
  for (const std::string& st : s.stations) out += fmt::format(",queue_{},utilisation_{}", st, st);
  out += '\n';
  for (std::size_t i = 0; i < s.offered_per_s.size(); ++i) {
    out += fmt::format("{},{},{},{},{}", iso_time(calendar, s.start + s.interval * static_cast<std::int64_t>(i)),
                       fixed(s.offered_per_s[i], 3), fixed(s.capacity_per_s[i], 3), fixed(s.throughput_per_s[i], 3),
                       fixed(s.throttling_active[i], 3));
    for (std::size_t k = 0; k < models::kMeasureClassCount; ++k) out += "," + fixed(s.share_within_target[k][i], 6);
    for (std::size_t st = 0; st < s.stations.size(); ++st) {
      out += "," + fixed(s.queue_mean[st][i], 3) + "," + fixed(s.utilisation[st][i], 6);
    }
    out += '\n';
  }
  return out;
}

std::string summary_json(const models::ModelResults& r, const RunInfo& info) {
  const sim::Calendar calendar(info.epoch);
  JsonWriter j;
  j.begin_object();
  j.key("scenario").value(info.scenario);
  j.key("scenario_file").value(info.scenario_file);
  j.key("seed").value(info.seed);
  j.key("replications").value(std::uint64_t{1});
  j.key("epoch").value(iso_time(calendar, sim::Time::zero()));
  j.key("horizon").value(iso_time(calendar, r.horizon));
  j.key("events").value(r.events);
  j.key("peak_in_flight").value(r.peak_in_flight);
  const models::RequestCounts& q = r.requests;
  j.key("requests").begin_object();
  j.key("generated").value(q.generated);
  j.key("completed").value(q.completed());
  j.key("completed_within_target").value(q.completed_within);
  j.key("completed_late").value(q.completed_late);
  j.key("rejected").value(q.rejected());
  j.key("rejected_throttled").value(q.rejected_throttled);
  j.key("rejected_queue_full").value(q.rejected_queue_full);
  j.key("failed").value(q.failed());
  j.key("failed_timeout").value(q.failed_timeout);
  j.key("failed_outage").value(q.failed_outage);
  j.key("in_flight").value(q.in_flight);
  j.key("conserved").value(q.conserved());
  j.end_object();

  const auto totals = [&j](const char* name, const models::VarianceTotals& t) {
    j.key(name).begin_object();
    j.key("forecast").value(t.forecast);
    j.key("actual").value(t.actual);
    j.key("variance_pct").value(t.variance_pct);
    j.end_object();
  };
  j.key("variance").begin_object();
  totals("sr", r.variance.sr);
  totals("csr", r.variance.csr);
  j.key("exceptions").begin_array();
  for (const models::VarianceLine& l : r.variance.lines) {
    if (!l.exception) continue;
    j.begin_object();
    j.key("user").value(l.user);
    j.key("month").value(month_text(l.month));
    j.key("service").value(l.service);
    j.key("forecast").value(l.forecast);
    j.key("actual").value(l.actual);
    j.key("variance_pct").value(l.variance_pct);
    j.key("has_forecast").value(l.has_forecast);
    j.end_object();
  }
  j.end_array();
  j.end_object();

  j.key("performance").begin_array();
  for (const models::MeasureResult& m : r.performance) {
    j.begin_object();
    j.key("measure").value(models::measure_class_name(m.measure));
    j.key("month").value(month_text(m.month));
    j.key("responses").value(m.responses);
    j.key("within_target").value(m.within_target);
    j.key("share_within_target").value(m.share_within_target);
    j.key("target").value(m.target);
    j.key("minimum").value(m.minimum);
    j.key("status").value(m.status);
    j.end_object();
  }
  j.end_array();

  j.key("stations").begin_array();
  for (const models::StationResult& s : r.stations) {
    j.begin_object();
    j.key("name").value(s.name);
    j.key("servers").value(s.servers);
    j.key("arrivals").value(s.arrivals);
    j.key("completions").value(s.completions);
    j.key("rejected").value(s.rejected);
    j.key("abandoned").value(s.abandoned);
    j.key("throughput_per_s").value(s.throughput_per_s);
    j.key("utilisation").value(s.utilisation);
    j.key("wait_mean_s").value(s.wait_s.mean());
    j.key("wait_p50_s").value(quantile_or_nan(s.wait_s, 0.5));
    j.key("wait_p95_s").value(quantile_or_nan(s.wait_s, 0.95));
    j.key("wait_p99_s").value(quantile_or_nan(s.wait_s, 0.99));
    j.key("response_mean_s").value(s.response_s.mean());
    j.key("queue_mean").value(s.queue_mean);
    j.key("queue_max").value(s.queue_max);
    j.end_object();
  }
  j.end_array();

  j.key("throttle").begin_array();
  for (const models::UserThrottle& t : r.throttle) {
    j.begin_object();
    j.key("user").value(t.user);
    j.key("offered").value(t.offered);
    j.key("admitted").value(t.admitted);
    j.key("rejected").value(t.rejected);
    j.key("delayed").value(t.delayed);
    j.key("retried").value(t.retried);
    j.key("given_up").value(t.given_up);
    j.key("allocation_mean_per_s").value(t.allocation_mean_per_s);
    j.end_object();
  }
  j.end_array();

  j.key("breaches").begin_array();
  for (const models::Breach& b : r.breaches) {
    j.begin_object();
    j.key("start").value(iso_time(calendar, b.start));
    j.key("end").value(iso_time(calendar, b.end));
    j.key("kind").value(b.kind);
    j.key("where").value(b.where);
    j.key("peak_excess").value(b.peak_excess);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

void write_run_outputs(const std::filesystem::path& dir, const models::ModelResults& r, const RunInfo& info) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  const sim::Calendar calendar(info.epoch);
  write_file_atomically(dir / "variance.csv", variance_csv(r.variance));
  write_file_atomically(dir / "stations.csv", stations_csv(r));
  write_file_atomically(dir / "performance.csv", performance_csv(r));
  write_file_atomically(dir / "throttle.csv", throttle_csv(r));
  write_file_atomically(dir / "breaches.csv", breaches_csv(r, calendar));
  write_file_atomically(dir / "timeseries.csv", timeseries_csv(r, calendar));
  write_file_atomically(dir / "summary.json", summary_json(r, info));
}

}  // namespace dccsim::tools
