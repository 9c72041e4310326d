#include "scenarios/sections/users.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "scenarios/distribution_reader.hpp"
#include "scenarios/typed_readers.hpp"
#include "scenarios/units.hpp"

namespace dccsim::scenarios {
namespace {

using models::Role;
using BK = models::Behaviour::Kind;
using FK = models::FutureDating::Kind;

constexpr Choice<Role> kRoles[] = {{"large_supplier", Role::large_supplier},
                                   {"small_supplier", Role::small_supplier},
                                   {"network_operator", Role::network_operator},
                                   {"other", Role::other}};
constexpr Choice<BK> kBehaviours[] = {
    {"fixed_ratio", BK::fixed_ratio}, {"lognormal", BK::lognormal}, {"recorded", BK::recorded}};
constexpr Choice<FK> kFutureDatings[] = {{"next_midnight", FK::next_midnight}, {"delay", FK::delay}};

void read_identity(const TableView& u, models::User& user, Reporter& r) {
  read_enum(r, u, "role", user.role, kRoles);
  const TableView meters = u.sub("meters");
  read_number(r, meters, "north", user.meters[0], 0, HUGE_VAL);
  read_number(r, meters, "central", user.meters[1], 0, HUGE_VAL);
  read_number(r, meters, "south", user.meters[2], 0, HUGE_VAL);
}

void read_behaviour(const TableView& u, models::Behaviour& behaviour, Reporter& r) {
  const TableView b = u.sub("behaviour");
  read_enum(r, b, "kind", behaviour.kind, kBehaviours);
  switch (behaviour.kind) {
    case BK::fixed_ratio:
      read_number(r, b, "ratio", behaviour.ratio, 0, 1e6);
      r.not_applicable(b, {"median", "sigma"}, "to kind = \"fixed_ratio\" (it takes ratio)");
      break;
    case BK::lognormal:
      read_number(r, b, "median", behaviour.median, 0, 1e6, true);
      read_number(r, b, "sigma", behaviour.sigma, 0, 10);
      r.not_applicable(b, {"ratio"}, "to kind = \"lognormal\" (it takes median and sigma)");
      break;
    case BK::recorded:
      r.not_applicable(b, {"ratio", "median", "sigma"},
                       "to kind = \"recorded\" (actuals come from demand.actuals)");
      break;
  }
}

void read_bursts(const TableView& u, Draft& draft, models::User& user, Reporter& r) {
  const models::Catalogue& catalogue = draft.model.catalogue;
  for (const TableView& e : u.elements("bursts")) {
    models::Burst burst;
    const bool after =
        read_instant(r, e, "at", draft.calendar, burst.at, true) && burst.at >= draft.horizon_end();
    read_integer(r, e, "count", burst.count, 0, std::numeric_limits<std::int64_t>::max(), true);
    const bool sr_ok = read_sr(r, e, "sr", catalogue, burst.sr_type, true);
    read_duration(r, e, "spread", burst.spread);
    read_bool(r, e, "future_dated", burst.future_dated);
    if (sr_ok && burst.future_dated && !catalogue.types[burst.sr_type].future_dated) {
      r.report(e.get("future_dated"), e.path + ".future_dated",
               "SR " + catalogue.types[burst.sr_type].id +
                   " cannot be future-dated (catalogue future_dated = false)");
    }
    // Kept, so that bursts keep their indices (and random streams); the model skips it.
    if (after) ++draft.skipped.bursts;
    user.bursts.push_back(burst);
  }
}

void read_future_dating(const TableView& u, models::FutureDating& fd, Reporter& r) {
  const TableView f = u.sub("future_dating");
  read_enum(r, f, "kind", fd.kind, kFutureDatings);
  read_number(r, f, "share", fd.share, 0, 1);
  if (fd.kind == FK::next_midnight) {
    read_duration(r, f, "jitter", fd.jitter);
    r.not_applicable(f, {"delay"}, "to kind = \"next_midnight\" (it takes jitter)");
  } else {
    if (f.get("delay") == nullptr) r.missing(f, "delay");
    read_distribution(r, f, "delay", fd.delay_s);
    r.not_applicable(f, {"jitter"}, "to kind = \"delay\" (it takes delay)");
  }
}

// A schedule's `times`: a non-empty array of times of day, as strings or TOML local times.
void read_times(const TableView& e, models::DccSchedule& schedule, Reporter& r) {
  const toml::node* n = e.get("times");
  if (n == nullptr) return r.missing(e, "times");
  const auto* a = n->as_array();
  if (a == nullptr || a->empty()) {
    return r.report(n, e.path + ".times", "expected a non-empty array of times of day such as [\"01:00\"]");
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& t = *a->get(i);
    std::string error;
    std::optional<sim::Duration> at;
    if (const auto* s = t.as_string()) {
      at = parse_time_of_day(s->get(), error);
    } else if (const auto* tv = t.as_time()) {
      at = sim::seconds(std::int64_t{tv->get().hour} * 3600 + std::int64_t{tv->get().minute} * 60 +
                        tv->get().second);
    } else {
      error = "expected a time of day such as \"01:00\", got " + type_name(t);
    }
    if (at)
      schedule.times_of_day.push_back(*at);
    else
      r.report(&t, element_path(e.path + ".times", i), error);
  }
}

void read_schedules(const TableView& u, const Draft& draft, models::User& user, Reporter& r) {
  const models::Catalogue& catalogue = draft.model.catalogue;
  for (const TableView& e : u.elements("schedules")) {
    models::DccSchedule schedule;
    if (read_sr(r, e, "sr", catalogue, schedule.sr_type, true) &&
        !catalogue.types[schedule.sr_type].dcc_scheduled) {
      r.report(e.get("sr"), e.path + ".sr",
               "SR " + catalogue.types[schedule.sr_type].id +
                   " is not DCC-scheduled (catalogue dcc_scheduled = false)");
    }
    read_number(r, e, "meters_share", schedule.meters_share, 0, 1);
    read_times(e, schedule, r);
    read_duration(r, e, "jitter", schedule.jitter);
    user.schedules.push_back(std::move(schedule));
  }
}

// `csr.hours`: a non-empty array of hours 0..23, kept only when every one is valid.
void read_csr_hours(const TableView& csr, std::array<bool, 24>& out, Reporter& r) {
  const toml::node* n = csr.get("hours");
  if (n == nullptr) return;
  const auto* a = n->as_array();
  if (a == nullptr || a->empty())
    return r.report(n, csr.path + ".hours", "expected a non-empty array of hours 0..23");
  std::array<bool, 24> hours{};
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto* h = a->get(i)->as_integer();
    if (h == nullptr || h->get() < 0 || h->get() > 23) {
      r.report(a->get(i), element_path(csr.path + ".hours", i), "expected an hour 0..23");
      ok = false;
      continue;
    }
    hours[static_cast<std::size_t>(h->get())] = true;
  }
  if (ok) out = hours;
}

void read_csr_and_retry(const TableView& u, models::User& user, Reporter& r) {
  const TableView csr = u.sub("csr");
  read_integer(r, csr, "batch_size", user.csr.batch_size, 1, 1'000'000'000);
  read_csr_hours(csr, user.csr.hours, r);
  read_duration(r, csr, "spread", user.csr.spread);

  const TableView retry = u.sub("retry");
  read_integer(r, retry, "max_attempts", user.retry.max_attempts, 1, 255);
  read_distribution(r, retry, "backoff", user.retry.backoff_s);
  if (user.retry.max_attempts > 1 && retry.get("backoff") == nullptr) {
    r.report(retry.table, retry.path + ".backoff", "missing required key when max_attempts > 1");
  }
}

}  // namespace

void read_users(const TableView& root, Draft& draft, Reporter& r) {
  // Ids first, so that buckets and CSV rows can name any User.
  for (const TableView& u : root.elements("users")) {
    models::User user;
    if (read_string(r, u, "id", user.id, true)) {
      const auto [it, inserted] = draft.user_index.emplace(user.id, draft.model.users.size());
      if (!inserted) {
        r.report(
            u.table->get("id"), u.path + ".id",
            "duplicate user id \"" + user.id + "\" (first is users[" + std::to_string(it->second) + "])");
      }
      draft.user_ids.push_back(user.id);
    }
    read_identity(u, user, r);
    read_behaviour(u, user.behaviour, r);
    read_profile(r, u, "profile", draft.profiles, user.profile);
    read_bursts(u, draft, user, r);
    read_future_dating(u, user.future_dating, r);
    read_schedules(u, draft, user, r);
    read_csr_and_retry(u, user, r);
    draft.model.users.push_back(std::move(user));
  }
}

}  // namespace dccsim::scenarios
