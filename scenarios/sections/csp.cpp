#include "scenarios/sections/csp.hpp"

#include <limits>

#include "scenarios/distribution_reader.hpp"
#include "scenarios/sections/regions.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

// The keys [csp] and [csp.<region>] share.
void read_csp_fields(const TableView& c, models::CspConfig& csp, Reporter& r) {
  read_integer(r, c, "concurrency", csp.concurrency, 1, std::numeric_limits<std::uint32_t>::max());
  read_integer(r, c, "queue_limit", csp.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_distribution(r, c, "wan_latency", csp.wan_latency_s);
  read_distribution(r, c, "device_latency", csp.device_latency_s);
  read_number(r, c, "failure_probability", csp.failure_probability, 0, 1);
  read_duration(r, c, "timeout", csp.timeout, true);
  read_duration(r, c, "mtbf", csp.mtbf);
  read_duration(r, c, "mttr", csp.mttr);
}

void read_maintenance(const TableView& region, const Draft& draft, models::CspConfig& csp, Reporter& r) {
  for (const TableView& e : region.elements("maintenance")) {
    models::CapacityWindow w;
    const bool start_ok = read_instant(r, e, "start", draft.calendar, w.start, true);
    if (read_instant(r, e, "end", draft.calendar, w.end, true) && start_ok && w.end <= w.start) {
      r.report(e.get("end"), e.path + ".end", "must be after start");
    }
    read_number(r, e, "capacity_factor", w.capacity_factor, 0, 1);
    csp.maintenance.push_back(w);
  }
}

}  // namespace

void read_csps(const TableView& root, Draft& draft, Reporter& r) {
  const TableView csps = root.sub("csp");
  const auto read_own = [&](const TableView& region, models::CspConfig& csp) {
    if (csp.mtbf > sim::Duration::zero() && csp.mttr <= sim::Duration::zero()) {
      r.report(region.table != nullptr ? region.table : csps.table, region.path + ".mttr",
               "must be positive when mtbf is set");
    }
    read_maintenance(region, draft, csp, r);
  };
  read_regions(
      csps, draft.model.csps, [&](const TableView& c, models::CspConfig& csp) { read_csp_fields(c, csp, r); },
      read_own);
}

}  // namespace dccsim::scenarios
