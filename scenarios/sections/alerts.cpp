#include "scenarios/sections/alerts.hpp"

#include "scenarios/distribution_reader.hpp"
#include "scenarios/sections/regions.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

// The keys [alerts] and [alerts.<region>] share.
void read_alert_fields(const TableView& c, const Draft& draft, models::AlertConfig& a, Reporter& r) {
  read_number(r, c, "per_meter_per_day", a.per_meter_per_day, 0, 1e6);
  read_profile(r, c, "profile", draft.profiles, a.profile);
  read_distribution(r, c, "wan_latency", a.wan_latency_s);
  read_distribution(r, c, "dsp_service", a.dsp_service_s);
}

void read_storms(const TableView& region, Draft& draft, models::AlertConfig& a, Reporter& r) {
  for (const TableView& e : region.elements("storms")) {
    models::AlertConfig::Storm storm;
    const bool after =
        read_instant(r, e, "start", draft.calendar, storm.start, true) && storm.start >= draft.horizon_end();
    read_duration(r, e, "duration", storm.duration, true, true);
    read_number(r, e, "multiplier", storm.multiplier, 0, 1e6);
    // Kept, so that storms keep their indices (and random streams); the model skips it.
    if (after) ++draft.skipped.storms;
    a.storms.push_back(storm);
  }
}

}  // namespace

void read_alerts(const TableView& root, Draft& draft, Reporter& r) {
  read_regions(
      root.sub("alerts"), draft.model.alerts,
      [&](const TableView& c, models::AlertConfig& a) { read_alert_fields(c, draft, a, r); },
      [&](const TableView& region, models::AlertConfig& a) { read_storms(region, draft, a, r); });
}

}  // namespace dccsim::scenarios
