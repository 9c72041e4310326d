#include "scenarios/key_check.hpp"

#include <algorithm>
#include <vector>

#include "scenarios/schema.hpp"

namespace dccsim::scenarios {
namespace {

void check_distribution_keys(const toml::table& t, const std::string& path, Reporter& reporter) {
  const auto keys = distribution_keys();
  const std::vector<std::string> names(keys.begin(), keys.end());
  for (auto&& [k, v] : t) {
    if (std::find(keys.begin(), keys.end(), k.str()) == keys.end()) {
      reporter.report(&v, join_path(path, k.str()),
                      "unknown distribution key" + did_you_mean(k.str(), names));
    }
  }
}

void check_elements(const toml::array& a, const std::string& pattern, const std::string& path,
                    Reporter& reporter) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (const auto* e = a.get(i)->as_table()) {
      check_keys(*e, pattern + "[]", element_path(path, i), reporter);
    } else {
      reporter.report(a.get(i), element_path(path, i), "expected a table, got " + type_name(*a.get(i)));
    }
  }
}

}  // namespace

void check_keys(const toml::table& table, const std::string& pattern, const std::string& path,
                Reporter& reporter) {
  for (auto&& [k, v] : table) {
    const std::string key(k.str());
    const std::string concrete = join_path(path, key);
    const auto child = child_pattern(pattern, key);
    if (!child) {
      const std::vector<std::string> names = child_names(pattern);
      reporter.report(&v, concrete, "unknown key" + did_you_mean(key, names));
      continue;
    }
    const auto* sub = v.as_table();
    switch (find_key(*child)->kind) {
      case KeyKind::table:
        if (sub != nullptr) {
          check_keys(*sub, *child, concrete, reporter);
        } else {
          reporter.report(&v, concrete, "expected a table, got " + type_name(v));
        }
        break;
      case KeyKind::tables:
        if (const auto* a = v.as_array()) {
          check_elements(*a, *child, concrete, reporter);
        } else {
          reporter.report(&v, concrete,
                          "expected an array of tables ([[" + concrete + "]]), got " + type_name(v));
        }
        break;
      case KeyKind::profile:  // a name or a table; the section reader checks which
        if (sub != nullptr) check_keys(*sub, *child, concrete, reporter);
        break;
      case KeyKind::distribution:  // a duration or a table; likewise
        if (sub != nullptr) check_distribution_keys(*sub, concrete, reporter);
        break;
      case KeyKind::value:
        break;
    }
  }
}

}  // namespace dccsim::scenarios
