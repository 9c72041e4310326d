#include "scenarios/loader.hpp"

// The loader is a pipeline: load the document (with `extends`), apply the --set overrides, check
// every key against the schema, read the sections into a configuration, check its semantics. Every
// stage reports all it finds; the configuration is kept only when no stage found anything.

#include <algorithm>
#include <utility>

#include "models/config_check.hpp"
#include "scenarios/document.hpp"
#include "scenarios/key_check.hpp"
#include "scenarios/overrides.hpp"
#include "scenarios/reader.hpp"
#include "scenarios/schema.hpp"
#include "scenarios/sections/alert_throttle.hpp"
#include "scenarios/sections/alerts.hpp"
#include "scenarios/sections/catalogue.hpp"
#include "scenarios/sections/csp.hpp"
#include "scenarios/sections/demand.hpp"
#include "scenarios/sections/draft.hpp"
#include "scenarios/sections/dsp.hpp"
#include "scenarios/sections/profiles.hpp"
#include "scenarios/sections/reporting.hpp"
#include "scenarios/sections/scenario.hpp"
#include "scenarios/sections/smki.hpp"
#include "scenarios/sections/traffic_management.hpp"
#include "scenarios/sections/users.hpp"
#include "scenarios/semantic_check.hpp"

namespace dccsim::scenarios {
namespace {

using SectionReader = void (*)(const TableView& root, Draft& draft, Reporter& r);

// In order: each section may refer to what the ones before it defined (the calendar of [scenario],
// SR ids of the catalogue, profiles, Users).
constexpr SectionReader kSections[] = {
    &read_scenario, &read_catalogue, &read_profiles,           &read_users,
    &read_demand,   &read_alerts,    &read_alert_throttle,     &read_dsp,
    &read_smki,     &read_csps,      &read_traffic_management, &read_reporting,
};

std::optional<models::ModelConfig> read_sections(const toml::table& doc, Reporter& reporter,
                                                 Draft::Skipped& skipped) {
  const std::size_t before = reporter.diagnostics.size();
  Draft draft;
  for (SectionReader read : kSections) read(TableView::root(doc), draft, reporter);
  skipped = draft.skipped;
  if (reporter.diagnostics.size() != before) return std::nullopt;
  return std::move(draft.model);
}

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// One note for everything skipped: a short what-if horizon over a month's inputs is intended.
void note_skipped(const toml::table& doc, const Draft::Skipped& s, const std::string& root_file,
                  std::vector<Diagnostic>& notes) {
  std::vector<std::string> parts;
  if (s.bursts > 0) parts.push_back(counted(s.bursts, "burst", "bursts"));
  if (s.storms > 0) parts.push_back(counted(s.storms, "alert storm", "alert storms"));
  if (s.rows > 0) parts.push_back(counted(s.rows, "forecast or actuals row", "forecast and actuals rows"));
  if (parts.empty()) return;
  std::string what = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) what += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  Location at = locate_key(doc, "scenario.horizon", root_file);
  notes.push_back({std::move(at.file), at.line, "scenario.horizon",
                   what + (parts.size() == 1 && s.bursts + s.storms + s.rows == 1 ? " lies" : " lie") +
                       " wholly outside the horizon and " +
                       (parts.size() == 1 && s.bursts + s.storms + s.rows == 1 ? "is" : "are") + " skipped"});
}

// Per file in order of first mention, then by line: the order in which a reader fixes them.
void sort_for_reading(std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const Diagnostic& d : diagnostics) {
    if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  }
  const auto rank = [&files](const Diagnostic& d) {
    return std::make_pair(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&rank](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

}  // namespace

LoadResult load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
  LoadResult result;
  Reporter reporter{file.string(), {}};
  if (auto doc = load_document(file, reporter)) {
    for (const Override& o : overrides) apply_override(*doc, o, reporter.diagnostics);
    check_keys(*doc, "", "", reporter);
    Draft::Skipped skipped;
    auto model = read_sections(*doc, reporter, skipped);
    if (model && reporter.diagnostics.empty()) {
      note_skipped(*doc, skipped, reporter.root_file, result.notes);
      report_config_problems(*doc, models::check_config(*model), reporter);
      if (reporter.diagnostics.empty()) {
        std::string name = model->name;
        result.scenario = Scenario{std::move(*model), std::move(name), file};
      }
    }
  }
  sort_for_reading(reporter.diagnostics);
  result.diagnostics = std::move(reporter.diagnostics);
  return result;
}

std::vector<std::string> accepted_keys() {
  std::vector<std::string> keys;
  for (const KeySpec& spec : schema()) {
    if (spec.kind != KeyKind::table) keys.push_back(spec.pattern);
  }
  for (std::string_view k : distribution_keys()) keys.push_back("<distribution>." + std::string(k));
  return keys;
}

}  // namespace dccsim::scenarios
