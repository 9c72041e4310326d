#include "models/config_check.hpp"

#include <string>

#include "models/arrivals.hpp"
#include "models/config_limits.hpp"

namespace dccsim::models {
namespace {

std::string indexed(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}

}  // namespace

std::vector<ConfigProblem> check_config(const ModelConfig& c) {
  std::vector<ConfigProblem> problems;
  const auto bad = [&problems](std::string field, std::string what) {
    problems.push_back({std::move(field), std::move(what)});
  };
  if (c.horizon <= sim::Duration::zero()) bad("scenario.horizon", "horizon must be positive");
  if (!sim::is_valid(c.epoch)) bad("scenario.epoch", "epoch is not a valid date");
  if (c.reporting.series_interval <= sim::Duration::zero())
    bad("reporting.series_interval", "series interval must be positive");
  if (c.traffic_management.interval <= sim::Duration::zero())
    bad("traffic_management.interval", "traffic management interval must be positive");
  if (c.catalogue.types.empty()) bad("catalogue", "catalogue is empty");
  if (c.catalogue.types.size() > 0xFFFF) bad("catalogue.sr", "catalogue has more than 65535 SR types");
  if (c.dsp.servers == 0) bad("dsp.servers", "must be at least 1");
  if (c.smki.servers == 0) bad("smki.servers", "must be at least 1");
  for (std::size_t k = 0; k < c.traffic_management.exempt_sr_types.size(); ++k) {
    if (c.traffic_management.exempt_sr_types[k] >= c.catalogue.types.size())
      bad(indexed("traffic_management.exempt", k), "exempt SR type index out of range");
  }
  for (std::size_t i = 0; i < c.users.size(); ++i) {
    const User& u = c.users[i];
    const std::string user = indexed("users", i);
    for (const MonthlyCount& f : u.forecasts) {
      if (f.service.kind == ServiceKey::Kind::sr_type &&
          (f.service.index < 0 || static_cast<std::size_t>(f.service.index) >= c.catalogue.types.size())) {
        bad("demand.forecasts", "user " + u.id + ": forecast names an unknown SR type");
      }
      if (f.service.kind == ServiceKey::Kind::family && c.catalogue.family_members(f.service.index).empty()) {
        bad("demand.forecasts", "user " + u.id + ": forecast names a family with no SR types");
      }
    }
    for (std::size_t b = 0; b < u.bursts.size(); ++b) {
      if (u.bursts[b].sr_type >= c.catalogue.types.size())
        bad(indexed(user + ".bursts", b) + ".sr", "user " + u.id + ": burst names an unknown SR type");
    }
    for (std::size_t s = 0; s < u.schedules.size(); ++s) {
      if (u.schedules[s].sr_type >= c.catalogue.types.size())
        bad(indexed(user + ".schedules", s) + ".sr", "user " + u.id + ": schedule names an unknown SR type");
    }
    if (!is_valid(u.profile))
      bad(user + ".profile",
          "user " + u.id + ": time profile needs finite non-negative weights, some positive");
    if (!is_valid(u.behaviour))
      bad(user + ".behaviour", "user " + u.id + ": behaviour parameters out of range");
    if (u.retry.max_attempts == 0 || u.retry.max_attempts > 255)
      bad(user + ".retry.max_attempts", "user " + u.id + ": retry attempts must be 1..255");
    bool any_hour = false;
    for (bool h : u.csr.hours) any_hour = any_hour || h;
    if (!any_hour) bad(user + ".csr.hours", "user " + u.id + ": CSR batches need at least one allowed hour");
  }
  limits::check_limits(c, problems);
  return problems;
}

}  // namespace dccsim::models
