#include "models/config.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace models = dccsim::models;

TEST_CASE("catalogue: the default holds the main variants in their families") {
  const models::Catalogue c = models::default_catalogue();
  const std::pair<const char*, int> expected[] = {{"1.1.1", 1}, {"2.2", 2},   {"4.1.1", 4},
                                                  {"4.6.1", 4}, {"4.8.1", 4}, {"6.23", 6},
                                                  {"8.1.1", 8}, {"8.2", 8},   {"11.1", 11}};
  for (const auto& [id, family] : expected) {
    const int i = c.find(id);
    REQUIRE_MESSAGE(i >= 0, id);
    CHECK(c.types[static_cast<std::size_t>(i)].family == family);
  }
  CHECK(c.find("99.9") == -1);
  std::set<std::string> ids;
  for (const auto& t : c.types) {
    CHECK(ids.insert(t.id).second);  // unique ids
    CHECK(t.dsp_service_s.mean() > 0);
    CHECK(t.token_cost >= 1);
    CHECK((t.on_demand || t.future_dated || t.dcc_scheduled));
  }
}

TEST_CASE("catalogue: family members and classes") {
  const models::Catalogue c = models::default_catalogue();
  const auto reads = c.family_members(4);
  CHECK(reads.size() == 3);
  CHECK(c.family_members(42).empty());
  // Inventory reads never reach a device; firmware updates are future-dated only.
  CHECK_FALSE(c.types[static_cast<std::size_t>(c.find("8.2"))].reaches_device);
  const auto& firmware = c.types[static_cast<std::size_t>(c.find("11.1"))];
  CHECK(firmware.future_dated);
  CHECK_FALSE(firmware.on_demand);
}

TEST_CASE("catalogue: names of enumerations") {
  CHECK(std::string(models::region_name(models::Region::north)) == "north");
  CHECK(std::string(models::measure_class_name(models::MeasureClass::future_dated)) == "future_dated");
  CHECK(std::string(models::role_name(models::Role::network_operator)) == "network_operator");
}
