#include "models/collection.hpp"

#include <algorithm>
#include <cmath>

#include "models/measures/breaches.hpp"

namespace dccsim::models {
namespace {

// The stations results report: the DSP, SMKI when it carried traffic, the CSPs.
std::vector<const StationStats*> reported_stations(const CollectionInputs& in) {
  std::vector<const StationStats*> stations{&in.dsp.stats};
  if (in.smki.stats.arrivals > 0) stations.push_back(&in.smki.stats);
  for (const CspRegion& csp : in.csps.regions()) stations.push_back(&csp.stats);
  return stations;
}

}  // namespace

std::vector<StationResult> collect_stations(const CollectionInputs& in) {
  in.dsp.stats.close(in.horizon);
  in.smki.stats.close(in.horizon);
  for (CspRegion& csp : in.csps.regions()) csp.stats.close(in.horizon);
  std::vector<StationResult> out;
  for (const StationStats* st : reported_stations(in)) out.push_back(st->result(in.warmup_end, in.horizon));
  return out;
}

IntervalSeries collect_series(const CollectionInputs& in) {
  in.control.capacity_series.advance(in.horizon);
  in.control.throttling_series.advance(in.horizon);
  IntervalSeries series;
  series.start = sim::Time::zero();
  series.interval = in.config.reporting.series_interval;
  const auto interval_s = [&](std::size_t i) {
    return (std::min(in.traffic.offered_series.interval_start(i) + series.interval, in.horizon) -
            in.traffic.offered_series.interval_start(i))
        .seconds();
  };
  const std::vector<const StationStats*> stations = reported_stations(in);
  series.queue_mean.resize(stations.size());
  series.utilisation.resize(stations.size());
  for (std::size_t i = 0; i < in.intervals; ++i) {
    const double len = interval_s(i);
    series.offered_per_s.push_back(in.traffic.offered_series.sum(i) / len);
    series.capacity_per_s.push_back(in.control.capacity_series.time_average(i));
    series.throughput_per_s.push_back(in.measures.throughput_series.sum(i) / len);
    series.throttling_active.push_back(in.control.throttling_series.time_average(i));
    for (std::size_t k = 0; k < kMeasureClassCount; ++k)
      series.share_within_target[k].push_back(in.measures.class_series[k].mean(i));
    for (std::size_t s = 0; s < stations.size(); ++s) {
      const double q = stations[s]->queue_series.time_average(i);
      const double b = stations[s]->busy_series.time_average(i);
      series.queue_mean[s].push_back(std::isnan(q) ? 0.0 : q);
      series.utilisation[s].push_back(stations[s]->servers > 0 && !std::isnan(b) ? b / stations[s]->servers
                                                                                 : 0.0);
    }
  }
  for (const StationStats* st : stations) series.stations.push_back(st->name);

  return series;
}

std::vector<Breach> collect_breaches(const CollectionInputs& in, const IntervalSeries& series,
                                     const std::vector<MeasureResult>& performance) {
  std::vector<Breach> out;
  const std::vector<const StationStats*> stations = reported_stations(in);
  const ReportingConfig& rep = in.config.reporting;
  const TrafficManagementConfig& tm = in.config.traffic_management;
  add_interval_breaches(out, in.traffic.offered_series, in.intervals, BreachKind::offered_above_capacity,
                        "system", in.warmup_end, in.horizon,
                        [&](std::size_t i) { return series.offered_per_s[i] - series.capacity_per_s[i]; });
  add_interval_breaches(out, in.traffic.offered_series, in.intervals, BreachKind::offered_above_threshold,
                        "system", in.warmup_end, in.horizon, [&](std::size_t i) {
                          return series.offered_per_s[i] - tm.operating_threshold * series.capacity_per_s[i];
                        });
  for (std::size_t s = 0; s < stations.size(); ++s) {
    add_interval_breaches(out, in.traffic.offered_series, in.intervals, BreachKind::utilisation,
                          stations[s]->name, in.warmup_end, in.horizon,
                          [&](std::size_t i) { return series.utilisation[s][i] - rep.utilisation_limit; });
    const double queue_limit = rep.queue_limit_share * static_cast<double>(stations[s]->queue_limit);
    add_interval_breaches(out, in.traffic.offered_series, in.intervals, BreachKind::queue, stations[s]->name,
                          in.warmup_end, in.horizon,
                          [&](std::size_t i) { return series.queue_mean[s][i] - queue_limit; });
  }
  for (CspRegion& csp : in.csps.regions()) {
    csp.capacity_factor.advance(in.horizon);
    add_interval_breaches(out, in.traffic.offered_series, in.intervals, BreachKind::capacity_reduced,
                          csp.stats.name, in.warmup_end, in.horizon, [&](std::size_t i) {
                            const double f = csp.capacity_factor.time_average(i);
                            return std::isnan(f) ? 0.0 : 1.0 - f;
                          });
  }
  for (std::size_t k = 0; k < kMeasureClassCount; ++k) {
    add_interval_breaches(
        out, in.traffic.offered_series, in.intervals, BreachKind::interval_share_below_minimum,
        measure_class_name(static_cast<MeasureClass>(k)), in.warmup_end, in.horizon, [&](std::size_t i) {
          const double share = series.share_within_target[k][i];
          if (std::isnan(share) || in.measures.class_series[k].count(i) < rep.min_interval_responses)
            return 0.0;
          return rep.minimum_service_level - share;
        });
  }
  add_measure_breaches(out, performance, in.span);
  sort_breaches(out);
  return out;
}

}  // namespace dccsim::models
