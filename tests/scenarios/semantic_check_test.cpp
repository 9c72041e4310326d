#include "scenarios/semantic_check.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/config_check.hpp"
#include "scenarios/document.hpp"
#include "scenarios/overrides.hpp"
#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

namespace {

// A base and a scenario extending it, with one --set: the document as the pipeline sees it.
struct Chain {
  TempDir dir;
  std::filesystem::path base = dir.write("base.toml",
                                         "[scenario]\n"                                        // 1
                                         "name = \"b\"\n"                                      // 2
                                         "\n"                                                  // 3
                                         "[dsp]\n"                                             // 4
                                         "queue_limit = 10\n"                                  // 5
                                         "[[users]]\n"                                         // 6
                                         "id = \"A\"\n"                                        // 7
                                         "[[users]]\n"                                         // 8
                                         "id = \"B\"\n"                                        // 9
                                         "retry = { max_attempts = 2, backoff = \"1s\" }\n");  // 10
  std::filesystem::path derived = dir.write("derived.toml",
                                            "extends = \"base.toml\"\n"  // 1
                                            "[dsp]\n"                    // 2
                                            "servers = 3\n"              // 3
                                            "[smki]\n"                   // 4
                                            "queue_limit = 4\n");        // 5
  std::vector<scn::Override> overrides{{"reporting.series_interval", "\"1min\""}};
  scn::Reporter reporter{derived.string(), {}};
  toml::table doc;

  Chain() {
    auto loaded = scn::load_document(derived, reporter);
    REQUIRE(loaded);
    doc = std::move(*loaded);
    for (const auto& o : overrides) scn::apply_override(doc, o, reporter.diagnostics);
    REQUIRE(reporter.diagnostics.empty());
  }
  std::string at(std::string_view key) const {
    const scn::Location l = scn::locate_key(doc, key, derived.string());
    return l.file + ":" + std::to_string(l.line);
  }
};

}  // namespace

TEST_CASE("semantic_check: a key is placed where it was written, in the file of the chain that set it") {
  const Chain c;
  const std::string base = c.base.string();
  const std::string derived = c.derived.string();
  CHECK(c.at("dsp.servers") == derived + ":3");
  CHECK(c.at("dsp.queue_limit") == base + ":5");
  CHECK(c.at("smki.queue_limit") == derived + ":5");
  CHECK(c.at("users[1].retry.max_attempts") == base + ":10");  // inside an inline table
  CHECK(c.at("reporting.series_interval") == "--set:0");
}

TEST_CASE("semantic_check: a key never written is placed at its deepest written parent, else line 1") {
  const Chain c;
  const std::string base = c.base.string();
  const std::string derived = c.derived.string();
  CHECK(c.at("dsp.discipline") == base + ":4");  // [dsp] of the base, which the extending file merged into
  CHECK(c.at("smki.servers") == derived + ":4");
  CHECK(c.at("scenario.horizon") == base + ":1");
  CHECK(c.at("users[1].csr.hours") == base + ":8");
  CHECK(c.at("users[7].retry") == base + ":6");  // no such element: the array
  CHECK(c.at("reporting.sr_low") == "--set:0");  // [reporting] exists only through --set
  CHECK(c.at("catalogue.sr") == derived + ":1");
  CHECK(c.at("") == derived + ":1");  // the scenario as a whole
}

TEST_CASE("semantic_check: check_config's problems come out as file:line: key: problem") {
  const Chain c;
  const auto loaded = scn::load_scenario(c.derived, c.overrides);
  INFO(all_of(loaded));
  REQUIRE(loaded.ok());
  models::ModelConfig broken = loaded.scenario->model;
  broken.reporting.series_interval = sim::Duration::zero();
  broken.dsp.servers = 0;
  broken.smki.servers = 0;
  broken.users[1].retry.max_attempts = 0;
  broken.users[0].csr.hours = {};
  scn::Reporter reporter{c.derived.string(), {}};
  scn::report_config_problems(c.doc, models::check_config(broken), reporter);
  const std::string base = c.base.string();
  const std::string derived = c.derived.string();
  CHECK(lines_of(reporter.diagnostics) ==
        std::vector<std::string>{
            "--set: reporting.series_interval: series interval must be positive",
            derived + ":3: dsp.servers: must be at least 1",
            derived + ":4: smki.servers: must be at least 1",
            base + ":6: users[0].csr.hours: user A: CSR batches need at least one allowed hour",
            base + ":10: users[1].retry.max_attempts: user B: retry attempts must be 1..255",
        });
}
