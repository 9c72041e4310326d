#include "scenarios/sections/profiles.hpp"

#include <string>

#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {

void read_profiles(const TableView& root, Draft& draft, Reporter& r) {
  const TableView p = root.sub("profiles");
  if (p.table == nullptr) return;
  for (auto&& [k, v] : *p.table) {
    if (!v.is_table()) continue;  // reported by the key check
    const std::string name(k.str());
    models::TimeProfile profile;  // stays flat when invalid (reported): keeps users naming it quiet
    read_profile_table(r, p.sub(name), profile);
    draft.profiles.emplace(name, profile);
  }
}

}  // namespace dccsim::scenarios
