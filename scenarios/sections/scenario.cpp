#include "scenarios/sections/scenario.hpp"

#include <limits>
#include <string>

#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {

void read_scenario(const TableView& root, Draft& draft, Reporter& r) {
  models::ModelConfig& m = draft.model;
  const TableView s = root.sub("scenario");
  if (s.table == nullptr && root.get("scenario") == nullptr) {
    r.report(nullptr, "scenario", "missing required table [scenario] (with at least name)");
  } else {
    read_string(r, s, "name", m.name, true);
  }
  if (const toml::node* n = s.get("epoch")) {
    std::string error;
    const auto instant = decode_instant(*n, error);
    if (!instant) {
      r.report(n, "scenario.epoch", error);
    } else if (instant->second_of_day != 0) {
      r.report(n, "scenario.epoch", "the epoch is a date (00:00 UTC), not a time of day");
    } else {
      m.epoch = instant->date;
    }
  }
  if (sim::is_valid(m.epoch)) draft.calendar.emplace(m.epoch);
  read_duration(r, s, "horizon", m.horizon, true);
  read_integer(r, s, "seed", m.seed, 0, std::numeric_limits<std::int64_t>::max());
  read_integer(r, s, "replication", m.replication, 0, std::numeric_limits<std::int64_t>::max());
}

}  // namespace dccsim::scenarios
