#include "scenarios/semantic_check.hpp"

#include "scenarios/key_path.hpp"

namespace dccsim::scenarios {
namespace {

// The deepest node of `doc` along `key`, or null when not even its first segment was written.
const toml::node* deepest_written(const toml::table& doc, std::string_view key) {
  std::string error;
  const auto segments = parse_key_path(key, error);
  if (!segments) return nullptr;
  const toml::node* deepest = nullptr;
  const toml::table* table = &doc;
  for (const KeySegment& s : *segments) {
    const toml::node* node = table != nullptr ? table->get(s.name) : nullptr;
    if (node == nullptr) break;
    deepest = node;
    if (s.index) {
      const auto* array = node->as_array();
      if (array == nullptr || *s.index >= array->size()) break;
      deepest = array->get(*s.index);
    }
    table = deepest->as_table();
  }
  return deepest;
}

}  // namespace

Location locate_key(const toml::table& doc, std::string_view key, const std::string& root_file) {
  const toml::node* node = key.empty() ? nullptr : deepest_written(doc, key);
  return location_of(node, root_file);
}

void report_config_problems(const toml::table& doc, std::span<const models::ConfigProblem> problems,
                            Reporter& reporter) {
  for (const models::ConfigProblem& problem : problems) {
    Location at = locate_key(doc, problem.field, reporter.root_file);
    reporter.diagnostics.push_back({std::move(at.file), at.line, problem.field, problem.message});
  }
}

}  // namespace dccsim::scenarios
