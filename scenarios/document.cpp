#include "scenarios/document.hpp"

#include <string>
#include <system_error>
#include <vector>

#include "scenarios/csv.hpp"
#include "scenarios/schema.hpp"

namespace dccsim::scenarios {
namespace {

namespace fs = std::filesystem;

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The file parsed alone; nullopt when it cannot be read or is not TOML text (reported).
std::optional<toml::table> parse_file(const fs::path& file, Reporter& reporter) {
  const std::string name = file.string();
  const auto bytes = read_text_file(file, reporter.diagnostics);
  if (!bytes) return std::nullopt;
  if (is_blank(*bytes)) {
    reporter.diagnostics.push_back({name, 0, "", "file is empty, expected a TOML scenario"});
    return std::nullopt;
  }
  if (auto problem = text_problem(*bytes, name, "TOML")) {
    reporter.diagnostics.push_back(std::move(*problem));
    return std::nullopt;
  }
  try {
    return toml::parse(*bytes, name);
  } catch (const toml::parse_error& e) {
    reporter.diagnostics.push_back(
        {name, e.source().begin.line, "", "TOML syntax error: " + std::string(e.description())});
    return std::nullopt;
  }
}

// "a.toml -> b.toml -> a.toml" when `base` is already in `chain`, else empty.
std::string cycle_through(const std::vector<fs::path>& chain, const fs::path& base) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i] != base) continue;
    std::string cycle;
    for (std::size_t j = i; j < chain.size(); ++j) cycle += chain[j].filename().string() + " -> ";
    return cycle + base.filename().string();
  }
  return {};
}

std::optional<toml::table> load_chain(const fs::path& file, std::vector<fs::path>& chain,
                                      Reporter& reporter) {
  auto doc = parse_file(file, reporter);
  if (!doc) return std::nullopt;
  const toml::node* extends = doc->get("extends");
  if (extends == nullptr) return doc;
  const auto* base_name = extends->as_string();
  if (base_name == nullptr || base_name->get().empty()) {
    reporter.report(extends, "extends", "expected a non-empty file name string, got " + type_name(*extends));
    return std::nullopt;
  }
  const fs::path base_path = (file.parent_path() / base_name->get()).lexically_normal();
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(base_path, ec);
  if (const std::string cycle = cycle_through(chain, canonical); !cycle.empty()) {
    reporter.report(extends, "extends", "extends cycle: " + cycle);
    return std::nullopt;
  }
  auto& diagnostics = reporter.diagnostics;
  const std::size_t before = diagnostics.size();
  chain.push_back(canonical);
  auto base = load_chain(base_path, chain, reporter);
  chain.pop_back();
  if (!base) {
    // A missing base is the extending file's problem: report it at its `extends`.
    if (diagnostics.size() > before && diagnostics[before].file == base_path.string() &&
        diagnostics[before].line == 0 && diagnostics[before].message == "file not found") {
      diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(before));
      reporter.report(extends, "extends", "file not found: " + base_path.string());
    }
    return std::nullopt;
  }
  doc->erase("extends");
  merge_into(*base, std::move(*doc), "");
  return base;
}

}  // namespace

void merge_into(toml::table& base, toml::table&& over, const std::string& pattern) {
  for (auto&& [k, v] : over) {
    const auto child = child_pattern(pattern, k.str());
    const KeySpec* spec = child ? find_key(*child) : nullptr;
    toml::node* existing = base.get(k.str());
    // Tables merge key by key; a distribution or profile table replaces the base one whole, so
    // that parameters of a different `dist` are not left behind.
    if (spec != nullptr && spec->kind == KeyKind::table && existing != nullptr && existing->is_table() &&
        v.is_table()) {
      merge_into(*existing->as_table(), std::move(*v.as_table()), *child);
    } else {
      base.insert_or_assign(k, std::move(v));
    }
  }
}

std::optional<toml::table> load_document(const fs::path& file, Reporter& reporter) {
  std::error_code ec;
  std::vector<fs::path> chain{fs::weakly_canonical(file, ec)};
  return load_chain(file, chain, reporter);
}

}  // namespace dccsim::scenarios
