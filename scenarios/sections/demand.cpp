#include "scenarios/sections/demand.hpp"

#include <array>
#include <filesystem>
#include <string>

#include "scenarios/counts_csv.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

namespace fs = std::filesystem;

// A CSV named at `n`: relative to the file that names it; a --set value is relative to the
// working directory.
fs::path csv_path(const toml::node& n, const std::string& name) {
  const auto& src = n.source();
  fs::path csv = name;
  if (csv.is_relative() && src.path && *src.path != kSetFile) csv = fs::path(*src.path).parent_path() / csv;
  return csv.lexically_normal();
}

// Attaches each row to its User (forecasts or, for `actuals`, recorded actuals); a row naming an
// unknown User is a diagnostic at its line, one whose month lies wholly outside the horizon is
// counted in draft.skipped.
void attach_rows(const std::vector<CountRow>& rows, const fs::path& csv, bool actuals, Draft& draft,
                 Reporter& r) {
  const sim::Time end = draft.horizon_end();
  for (const CountRow& row : rows) {
    const auto it = draft.user_index.find(row.user);
    if (it == draft.user_index.end()) {
      r.diagnostics.push_back(
          {csv.string(), row.line, "user",
           "unknown User \"" + row.user + "\" (not in [[users]])" + did_you_mean(row.user, draft.user_ids)});
      continue;
    }
    if (draft.calendar) {
      const sim::Time start = draft.calendar->start_of(row.month);
      const sim::Time next = draft.calendar->start_of(row.month.plus(1));
      if (next <= sim::Time::zero() || start >= end) {
        ++draft.skipped.rows;
        continue;
      }
    }
    models::User& user = draft.model.users[it->second];
    auto& list = actuals ? user.recorded_actuals : user.forecasts;
    list.push_back(models::MonthlyCount{row.month, row.service, row.count});
  }
}

// Reads the CSV at demand `key`, or reports why not.
void read_demand_file(const TableView& d, std::string_view key, Draft& draft, Reporter& r) {
  const toml::node* n = d.get(key);
  if (n == nullptr) return;
  if (key == "variance_forecast" && d.get("forecasts") != nullptr) {
    return r.report(n, d.path_of(key), "give demand.forecasts or demand.variance_forecast, not both");
  }
  std::string name;
  if (!read_string(r, d, key, name)) return;
  const fs::path csv = csv_path(*n, name);
  auto& diagnostics = r.diagnostics;
  const std::size_t before = diagnostics.size();
  const auto rows = key == "variance_forecast"
                        ? read_variance_forecast_csv(csv, draft.model.catalogue, diagnostics)
                        : read_counts_csv(csv, draft.model.catalogue, diagnostics);
  if (diagnostics.size() > before && diagnostics.back().message == "file not found" && rows.empty()) {
    // A missing CSV is the scenario's problem: report it at the key that names it.
    diagnostics.pop_back();
    return r.report(n, d.path_of(key), "file not found: " + csv.string());
  }
  if (key == "actuals") draft.have_actuals = true;
  attach_rows(rows, csv, key == "actuals", draft, r);
}

}  // namespace

void read_demand(const TableView& root, Draft& draft, Reporter& r) {
  const TableView d = root.sub("demand");
  for (const std::string_view key :
       std::array<std::string_view, 3>{"forecasts", "actuals", "variance_forecast"}) {
    read_demand_file(d, key, draft, r);
  }
  for (std::size_t i = 0; i < draft.model.users.size(); ++i) {
    if (draft.model.users[i].behaviour.kind == models::Behaviour::Kind::recorded && !draft.have_actuals) {
      r.report(root.get("users"), element_path("users", i) + ".behaviour.kind",
               "kind = \"recorded\" needs demand.actuals");
    }
  }
}

}  // namespace dccsim::scenarios
