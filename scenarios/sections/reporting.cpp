#include "scenarios/sections/reporting.hpp"

#include <limits>

#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {

void read_reporting(const TableView& root, Draft& draft, Reporter& r) {
  models::ReportingConfig& rep = draft.model.reporting;
  const TableView c = root.sub("reporting");
  read_number(r, c, "sr_low", rep.sr_low, 0, 1);
  read_number(r, c, "sr_high", rep.sr_high, 1, 1e6);
  read_number(r, c, "csr_high", rep.csr_high, 1, 1e6);
  read_number(r, c, "target_service_level", rep.target_service_level, 0, 1);
  read_number(r, c, "minimum_service_level", rep.minimum_service_level, 0, 1);
  if (rep.minimum_service_level > rep.target_service_level) {
    r.report(c.get("minimum_service_level"), "reporting.minimum_service_level",
             "must not exceed target_service_level");
  }
  read_duration(r, c, "future_dated_target", rep.future_dated_target, true);
  read_duration(r, c, "alert_target", rep.alert_target, true);
  read_duration(r, c, "series_interval", rep.series_interval, true);
  read_number(r, c, "utilisation_limit", rep.utilisation_limit, 0, 1, true);
  read_number(r, c, "queue_limit_share", rep.queue_limit_share, 0, 1, true);
  read_integer(r, c, "min_interval_responses", rep.min_interval_responses, 0,
               std::numeric_limits<std::int64_t>::max());
}

}  // namespace dccsim::scenarios
