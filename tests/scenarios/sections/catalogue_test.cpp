#include "scenarios/sections/catalogue.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE("catalogue: an entry changes an existing SR type or adds one") {
  Doc d(
      "[[catalogue.sr]]\nid = \"4.1.1\"\ntarget = \"20s\"\n[[catalogue.sr]]\nid = \"99.1\"\nname = "
      "\"New\"\nfamily = 99\n");
  const scn::Draft draft = read_section(d, &scn::read_catalogue);
  CHECK(lines_of(d.reporter.diagnostics).empty());
  const auto& types = draft.model.catalogue.types;
  CHECK(types.size() == models::default_catalogue().types.size() + 1);
  const auto read = static_cast<std::size_t>(draft.model.catalogue.find("4.1.1"));
  CHECK(types[read].target_response == sim::seconds(20));
  CHECK(types[read].name == "Read Instantaneous Import Registers");
  CHECK(types.back().id == "99.1");
  CHECK(types.back().family == 99);
}

TEST_CASE("catalogue: duplicate ids, SR types of no kind and an empty catalogue") {
  Doc d(
      "[[catalogue.sr]]\nid = \"4.1.1\"\n[[catalogue.sr]]\nid = \"4.1.1\"\n[[catalogue.sr]]\nid = "
      "\"9.9\"\nname = \"x\"\n"
      "family = 9\non_demand = false\n");
  const scn::Draft draft = read_section(d, &scn::read_catalogue);
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:3: catalogue.sr[1].id: duplicate SR id \"4.1.1\" (first at line 1)",
            "t.toml:5: catalogue.sr[2]: SR 9.9 must be on_demand, future_dated or dcc_scheduled (all are "
            "false)",
        });
  Doc empty("[catalogue]\nuse_default = false\n");
  const scn::Draft none = read_section(empty, &scn::read_catalogue);
  CHECK(
      lines_of(empty.reporter.diagnostics) ==
      std::vector<std::string>{
          "t.toml:1: catalogue: catalogue is empty: set use_default = true or add [[catalogue.sr]] entries"});
}
