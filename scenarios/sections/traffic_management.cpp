#include "scenarios/sections/traffic_management.hpp"

#include <cmath>
#include <limits>

#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

using models::Activation;
using models::AllocationPolicy;
using models::CapacityMode;
using models::ThrottleAction;

constexpr Choice<Activation> kActivations[] = {
    {"always", Activation::always}, {"threshold", Activation::threshold}, {"never", Activation::never}};
constexpr Choice<ThrottleAction> kActions[] = {{"reject", ThrottleAction::reject},
                                               {"delay", ThrottleAction::delay}};
constexpr Choice<AllocationPolicy> kAllocations[] = {{"forecast_share", AllocationPolicy::forecast_share},
                                                     {"equal", AllocationPolicy::equal},
                                                     {"max_min_fair", AllocationPolicy::max_min_fair}};
constexpr Choice<CapacityMode> kCapacityModes[] = {{"fixed", CapacityMode::fixed},
                                                   {"dynamic", CapacityMode::dynamic}};

void read_policy(const TableView& c, models::TrafficManagementConfig& tm, Reporter& r) {
  read_enum(r, c, "activation", tm.activation, kActivations);
  read_enum(r, c, "action", tm.action, kActions);
  read_integer(r, c, "delay_queue_limit", tm.delay_queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_enum(r, c, "allocation", tm.allocation, kAllocations);
  read_enum(r, c, "capacity", tm.capacity_mode, kCapacityModes);
  read_rate(r, c, "system_capacity", tm.system_capacity_per_s, true);
  read_number(r, c, "operating_threshold", tm.operating_threshold, 0, 1, true);
  sim::Duration depth = sim::from_seconds(tm.bucket_depth_s);
  if (read_duration(r, c, "bucket_depth", depth, true)) tm.bucket_depth_s = depth.seconds();
  read_number(r, c, "initial_fill", tm.initial_fill, 0, 1);
  read_duration(r, c, "interval", tm.interval, true);
}

void read_exempt(const TableView& c, const Draft& draft, models::TrafficManagementConfig& tm, Reporter& r) {
  const toml::node* n = c.get("exempt");
  if (n == nullptr) return;
  const auto* a = n->as_array();
  if (a == nullptr) {
    r.report(n, c.path + ".exempt", "expected an array of SR ids such as [\"8.2\"], got " + type_name(*n));
    return;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    std::size_t index = 0;
    if (sr_index(r, *a->get(i), element_path(c.path + ".exempt", i), draft.model.catalogue, index))
      tm.exempt_sr_types.push_back(index);
  }
}

void read_buckets(const TableView& c, const Draft& draft, models::TrafficManagementConfig& tm, Reporter& r) {
  for (const TableView& e : c.elements("buckets")) {
    models::BucketOverride bucket;
    if (read_string(r, e, "user", bucket.user, true) && !draft.user_index.contains(bucket.user)) {
      r.report(e.get("user"), e.path + ".user",
               "unknown User \"" + bucket.user + "\"" + did_you_mean(bucket.user, draft.user_ids));
    }
    if (e.get("rate") == nullptr) r.missing(e, "rate");
    read_rate(r, e, "rate", bucket.rate_per_s);
    if (e.get("depth") == nullptr) r.missing(e, "depth");
    read_number(r, e, "depth", bucket.depth_tokens, 0, HUGE_VAL);
    tm.buckets.push_back(bucket);
  }
}

void read_dynamic(const TableView& c, models::TrafficManagementConfig& tm, Reporter& r) {
  const TableView dyn = c.sub("dynamic");
  read_number(r, dyn, "target_utilisation", tm.dynamic.target_utilisation, 0, 1, true);
  read_number(r, dyn, "smoothing", tm.dynamic.smoothing, 0, 1, true);
  read_number(r, dyn, "decrease_factor", tm.dynamic.decrease_factor, 0, 1, true);
  const bool min_ok = read_rate(r, dyn, "min", tm.dynamic.min_per_s, true);
  const bool max_ok = read_rate(r, dyn, "max", tm.dynamic.max_per_s, true);
  if ((min_ok || max_ok) && tm.dynamic.min_per_s > tm.dynamic.max_per_s) {
    r.report(dyn.get(max_ok ? "max" : "min"), dyn.path + (max_ok ? ".max" : ".min"),
             "min must not exceed max");
  }
}

}  // namespace

void read_traffic_management(const TableView& root, Draft& draft, Reporter& r) {
  const TableView c = root.sub("traffic_management");
  models::TrafficManagementConfig& tm = draft.model.traffic_management;
  read_policy(c, tm, r);
  read_exempt(c, draft, tm, r);
  read_buckets(c, draft, tm, r);
  read_dynamic(c, tm, r);
}

}  // namespace dccsim::scenarios
