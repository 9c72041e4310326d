#include "scenarios/reader.hpp"

#include <array>
#include <sstream>

#include "scenarios/schema.hpp"
#include "sim/assert.hpp"

namespace dccsim::scenarios {

std::string join_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string element_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string type_name(const toml::node& n) {
  // Indexed by toml::node_type: none, table, array, string, integer, floating_point, boolean, date,
  // time, date_time.
  static constexpr std::array<std::string_view, 10> kNames{
      "nothing", "a table",   "an array", "a string", "an integer",
      "a float", "a boolean", "a date",   "a time",   "a date-time"};
  const auto index = static_cast<std::size_t>(n.type());
  return std::string(index < kNames.size() ? kNames[index] : kNames[0]);
}

std::optional<double> as_number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string did_you_mean(std::string_view key, std::span<const std::string> candidates) {
  const std::string best = closest(key, candidates);
  return best.empty() ? std::string() : " (did you mean " + best + "?)";
}

Location location_of(const toml::node* n, const std::string& root_file) {
  if (n == nullptr || !n->source().path) return Location{root_file, 1};
  const auto& src = n->source();
  return Location{*src.path, *src.path == kSetFile ? 0 : static_cast<std::size_t>(src.begin.line)};
}

const toml::node* TableView::get(std::string_view key) const {
  DCCSIM_ASSERT(child_pattern(pattern, key).has_value(), "loader reads a key missing from the schema");
  return table != nullptr ? table->get(key) : nullptr;
}

TableView TableView::sub(std::string_view key) const {
  const toml::node* n = get(key);
  return TableView{n != nullptr ? n->as_table() : nullptr, path_of(key), *child_pattern(pattern, key)};
}

std::vector<TableView> TableView::elements(std::string_view key) const {
  std::vector<TableView> out;
  const toml::node* n = get(key);
  const toml::array* a = n != nullptr ? n->as_array() : nullptr;
  if (a == nullptr) return out;
  const std::string array_path = path_of(key);
  const std::string element_pattern = *child_pattern(pattern, key) + "[]";
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (const auto* t = a->get(i)->as_table()) {
      out.push_back(TableView{t, element_path(array_path, i), element_pattern});
    }
  }
  return out;
}

void Reporter::report(const toml::node* where, std::string key, std::string message) {
  Location at = location_of(where, root_file);
  diagnostics.push_back({std::move(at.file), at.line, std::move(key), std::move(message)});
}

void Reporter::missing(const TableView& table, std::string_view key) {
  report(table.table, table.path_of(key), "missing required key");
}

void Reporter::not_applicable(const TableView& table, std::initializer_list<std::string_view> keys,
                              const std::string& why) {
  for (std::string_view k : keys) {
    if (const toml::node* n = table.get(k)) report(n, table.path_of(k), "does not apply " + why);
  }
}

}  // namespace dccsim::scenarios
