#include "scenarios/schema.hpp"

#include <algorithm>
#include <array>

namespace dccsim::scenarios {
namespace {

constexpr std::array<std::string_view, 3> kRegions{"north", "central", "south"};

constexpr std::array<std::string_view, 13> kDistributionKeys{
    "dist", "value", "mean", "p95", "median", "sigma", "min", "max", "shape", "scale", "k", "values", "cdf"};

std::vector<KeySpec> build_schema() {
  std::vector<KeySpec> s;
  const auto add = [&s](std::string pattern, KeyKind kind) { s.push_back({std::move(pattern), kind}); };
  const auto values = [&add](const std::string& parent, std::initializer_list<std::string_view> keys) {
    for (std::string_view k : keys) add(parent + "." + std::string(k), KeyKind::value);
  };
  const auto profile = [&add](const std::string& pattern) {
    add(pattern, KeyKind::profile);
    add(pattern + ".hourly", KeyKind::value);
    add(pattern + ".daily", KeyKind::value);
  };

  add("extends", KeyKind::value);

  add("scenario", KeyKind::table);
  values("scenario", {"name", "epoch", "horizon", "seed", "replication"});

  add("demand", KeyKind::table);
  values("demand", {"forecasts", "actuals", "variance_forecast"});

  add("catalogue", KeyKind::table);
  values("catalogue", {"use_default"});
  add("catalogue.sr", KeyKind::tables);
  values("catalogue.sr[]", {"id", "name", "family", "on_demand", "future_dated", "dcc_scheduled",
                            "reaches_device", "target", "csp_cost", "token_cost", "family_share"});
  add("catalogue.sr[].dsp_service", KeyKind::distribution);

  add("profiles", KeyKind::table);
  add("profiles.<name>", KeyKind::table);
  values("profiles.<name>", {"hourly", "daily"});

  add("users", KeyKind::tables);
  values("users[]", {"id", "role"});
  add("users[].meters", KeyKind::table);
  values("users[].meters", {"north", "central", "south"});
  add("users[].behaviour", KeyKind::table);
  values("users[].behaviour", {"kind", "ratio", "median", "sigma"});
  profile("users[].profile");
  add("users[].bursts", KeyKind::tables);
  values("users[].bursts[]", {"at", "count", "sr", "spread", "future_dated"});
  add("users[].future_dating", KeyKind::table);
  values("users[].future_dating", {"kind", "share", "jitter"});
  add("users[].future_dating.delay", KeyKind::distribution);
  add("users[].schedules", KeyKind::tables);
  values("users[].schedules[]", {"sr", "meters_share", "times", "jitter"});
  add("users[].csr", KeyKind::table);
  values("users[].csr", {"batch_size", "hours", "spread"});
  add("users[].retry", KeyKind::table);
  values("users[].retry", {"max_attempts"});
  add("users[].retry.backoff", KeyKind::distribution);

  // [alerts] and [csp] hold defaults for the three regions; [alerts.<region>] and [csp.<region>]
  // take the same keys plus their storms or maintenance windows.
  for (const std::string base : {"alerts", "alerts.<region>"}) {
    add(base, KeyKind::table);
    values(base, {"per_meter_per_day"});
    profile(base + ".profile");
    add(base + ".wan_latency", KeyKind::distribution);
    add(base + ".dsp_service", KeyKind::distribution);
  }
  add("alerts.<region>.storms", KeyKind::tables);
  values("alerts.<region>.storms[]", {"start", "duration", "multiplier"});

  add("alert_throttle", KeyKind::table);
  values("alert_throttle", {"enabled", "rate", "depth", "exempt_share"});

  add("dsp", KeyKind::table);
  values("dsp", {"servers", "discipline", "queue_limit"});
  add("dsp.response_processing", KeyKind::distribution);

  add("smki", KeyKind::table);
  values("smki", {"servers", "queue_limit", "target"});
  add("smki.service", KeyKind::distribution);

  for (const std::string base : {"csp", "csp.<region>"}) {
    add(base, KeyKind::table);
    values(base, {"concurrency", "queue_limit", "failure_probability", "timeout", "mtbf", "mttr"});
    add(base + ".wan_latency", KeyKind::distribution);
    add(base + ".device_latency", KeyKind::distribution);
  }
  add("csp.<region>.maintenance", KeyKind::tables);
  values("csp.<region>.maintenance[]", {"start", "end", "capacity_factor"});

  add("traffic_management", KeyKind::table);
  values("traffic_management",
         {"activation", "action", "delay_queue_limit", "allocation", "capacity", "system_capacity",
          "operating_threshold", "bucket_depth", "initial_fill", "interval", "exempt"});
  add("traffic_management.buckets", KeyKind::tables);
  values("traffic_management.buckets[]", {"user", "rate", "depth"});
  add("traffic_management.dynamic", KeyKind::table);
  values("traffic_management.dynamic", {"target_utilisation", "smoothing", "decrease_factor", "min", "max"});

  add("reporting", KeyKind::table);
  values("reporting", {"sr_low", "sr_high", "csr_high", "target_service_level", "minimum_service_level",
                       "future_dated_target", "alert_target", "series_interval", "utilisation_limit",
                       "queue_limit_share", "min_interval_responses"});
  return s;
}

std::string join_pattern(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> kSchema = build_schema();
  return kSchema;
}

const KeySpec* find_key(std::string_view pattern) {
  for (const KeySpec& spec : schema()) {
    if (spec.pattern == pattern) return &spec;
  }
  return nullptr;
}

std::optional<std::string> child_pattern(std::string_view parent, std::string_view key) {
  std::string exact = join_pattern(parent, key);
  if (key.find('<') == std::string_view::npos && find_key(exact) != nullptr) return exact;
  if (std::find(kRegions.begin(), kRegions.end(), key) != kRegions.end()) {
    std::string region = join_pattern(parent, "<region>");
    if (find_key(region) != nullptr) return region;
  }
  std::string name = join_pattern(parent, "<name>");
  if (find_key(name) != nullptr && !key.empty()) return name;
  return std::nullopt;
}

std::vector<std::string> child_names(std::string_view parent) {
  std::vector<std::string> names;
  const std::string prefix = parent.empty() ? std::string() : std::string(parent) + ".";
  for (const KeySpec& spec : schema()) {
    std::string_view p = spec.pattern;
    if (!p.starts_with(prefix)) continue;
    p.remove_prefix(prefix.size());
    if (p.empty() || p.find('.') != std::string_view::npos || p.find('[') != std::string_view::npos) continue;
    if (p == "<region>") {
      for (std::string_view r : kRegions) names.emplace_back(r);
    } else if (p != "<name>") {
      names.emplace_back(p);
    }
  }
  return names;
}

std::span<const std::string_view> distribution_keys() { return kDistributionKeys; }

std::string closest(std::string_view key, std::span<const std::string> candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(key, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace dccsim::scenarios
