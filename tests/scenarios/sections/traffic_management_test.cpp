#include "scenarios/sections/traffic_management.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("traffic_management: policy, exemptions, buckets and the dynamic capacity") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([[users]]
id = "A"
[traffic_management]
activation = "always"
allocation = "equal"
exempt = ["8.2", "5.1"]
[[traffic_management.buckets]]
user = "A"
rate = "10/s"
depth = 20
[traffic_management.dynamic]
min = "5/s"
max = "50/s"
)");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& m = r.scenario->model;
  const auto& tm = m.traffic_management;
  CHECK(tm.activation == models::Activation::always);
  CHECK(tm.allocation == models::AllocationPolicy::equal);
  CHECK(tm.exempt_sr_types == std::vector<std::size_t>{static_cast<std::size_t>(m.catalogue.find("8.2")),
                                                       static_cast<std::size_t>(m.catalogue.find("5.1"))});
  REQUIRE(tm.buckets.size() == 1);
  CHECK(tm.buckets[0].rate_per_s == 10.0);
  CHECK(tm.dynamic.max_per_s == 50.0);
}

TEST_CASE("traffic_management: buckets without rate or depth, exempt not an array, min above max") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([traffic_management]
exempt = "8.2"
[[traffic_management.buckets]]
user = "NOBODY"
[traffic_management.dynamic]
min = "50/s"
max = "5/s"
)");
  const std::string f = prefix_of(dir);
  CHECK(lines_of(r) ==
        std::vector<std::string>{
            f + "4: traffic_management.exempt: expected an array of SR ids such as [\"8.2\"], got a string",
            f + "5: traffic_management.buckets[0].rate: missing required key",
            f + "5: traffic_management.buckets[0].depth: missing required key",
            f + "6: traffic_management.buckets[0].user: unknown User \"NOBODY\"",
            f + "9: traffic_management.dynamic.max: min must not exceed max",
        });
}
