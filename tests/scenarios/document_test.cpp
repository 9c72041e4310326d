#include "scenarios/document.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

namespace {

// Where `path` of `doc` was written, as "file:line".
std::string written_at(const toml::table& doc, const char* path, const std::string& root) {
  const scn::Location at = scn::location_of(doc.at_path(path).node(), root);
  return at.file + ":" + std::to_string(at.line);
}

}  // namespace

TEST_CASE("document: extends merges tables and the extending file wins") {
  const auto r = scn::load_scenario(kFixtures / "derived.toml");
  INFO(all_of(r));
  REQUIRE(r.ok());
  const auto& m = r.scenario->model;
  CHECK(m.name == "derived");
  CHECK(m.horizon == sim::days(7));  // from base
  CHECK(m.dsp.servers == 24);        // derived wins
  CHECK(m.dsp.queue_limit == 1000);  // from base, same table
  // A distribution is replaced whole: base's p95 does not leak into the exponential.
  CHECK(mean_of(m.dsp.response_processing_s) == doctest::Approx(2.0));
  REQUIRE(m.users.size() == 1);
  CHECK(m.users[0].id == "BASE_USER");
}

TEST_CASE("document: empty, binary, missing and malformed scenario files") {
  TempDir dir;
  SUBCASE("empty") {
    const auto r = scn::load_scenario(dir.write("e.toml", "  \n\n"));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() ==
          (dir.path() / "e.toml").string() + ": file is empty, expected a TOML scenario");
  }
  SUBCASE("binary") {
    const auto r = scn::load_scenario(dir.write("b.toml", std::string("name = 1\0\x01\x02", 11)));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "file is binary, expected TOML text");
    const auto latin1 = scn::load_scenario(dir.write("l.toml", "[scenario]\nname = \"caf\xe9\"\n"));
    REQUIRE(latin1.diagnostics.size() == 1);
    // A Latin-1 byte in text: its line and column, not "binary".
    CHECK(latin1.diagnostics[0].to_string() ==
          (dir.path() / "l.toml").string() +
              ":2: column 12: byte 0xE9 is not UTF-8 (Latin-1 or Windows-1252?): save the file as UTF-8");
  }
  SUBCASE("missing") {
    const auto r = scn::load_scenario(dir.path() / "absent.toml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() == (dir.path() / "absent.toml").string() + ": file not found");
  }
  SUBCASE("syntax error with its line") {
    const auto r = scn::load_scenario(dir.write("s.toml", "[scenario]\nname = \"x\"\nseed = = 3\n"));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].message.starts_with("TOML syntax error"));
  }
  SUBCASE("a directory") {
    const auto r = scn::load_scenario(dir.path());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_FALSE(r.scenario);
  }
}

TEST_CASE("document: extends cycles and missing bases") {
  const auto r = scn::load_scenario(kFixtures / "cycle_a.toml");
  CHECK_FALSE(r.scenario);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        (kFixtures / "cycle_b.toml").string() +
            ":1: extends: extends cycle: cycle_a.toml -> cycle_b.toml -> cycle_a.toml");

  TempDir dir;
  const auto self = scn::load_scenario(dir.write("self.toml", "extends = \"self.toml\"\n"));
  CHECK(has(self, {"extends cycle: self.toml -> self.toml"}));
  const auto missing = scn::load_scenario(dir.write("m.toml", "extends = \"gone.toml\"\n"));
  CHECK(has(missing, {"m.toml:1: extends: file not found"}));
}

TEST_CASE("document: each value keeps the file and line where it was written, through extends") {
  TempDir dir;
  const auto base =
      dir.write("base.toml",
                "[scenario]\nname = \"base\"\nhorizon = \"7d\"\n[dsp]\nservers = 16\nqueue_limit = 1000\n");
  const auto derived = dir.write("derived.toml", "extends = \"base.toml\"\n[dsp]\nservers = 24\n");
  scn::Reporter reporter{derived.string(), {}};
  const auto doc = scn::load_document(derived, reporter);
  REQUIRE(doc);
  CHECK(reporter.diagnostics.empty());
  CHECK(doc->get("extends") == nullptr);
  CHECK(written_at(*doc, "dsp.servers", derived.string()) == derived.string() + ":3");
  CHECK(written_at(*doc, "dsp.queue_limit", derived.string()) == base.string() + ":6");
  CHECK(written_at(*doc, "scenario.horizon", derived.string()) == base.string() + ":3");
  CHECK(written_at(*doc, "dsp.discipline", derived.string()) == derived.string() + ":1");  // never written
}

TEST_CASE("document: tables merge key by key; distributions and arrays are replaced whole") {
  const std::string base_text =
      "[dsp]\nservers = 1\nresponse_processing = { dist = \"lognormal\", mean = \"1s\", p95 = \"2s\" }\n"
      "[[users]]\nid = \"A\"\n[[users]]\nid = \"B\"\n";
  const std::string over_text =
      "[dsp]\nqueue_limit = 5\nresponse_processing = { dist = \"exponential\", mean = \"2s\" "
      "}\n[[users]]\nid = \"C\"\n";
  toml::table base = toml::parse(std::string_view(base_text), std::string_view("base.toml"));
  toml::table over = toml::parse(std::string_view(over_text), std::string_view("over.toml"));
  scn::merge_into(base, std::move(over), "");
  CHECK(base.at_path("dsp.servers").value<std::int64_t>() == 1);
  CHECK(base.at_path("dsp.queue_limit").value<std::int64_t>() == 5);
  CHECK(base.at_path("dsp.response_processing.dist").value<std::string>() == "exponential");
  CHECK(base.at_path("dsp.response_processing.p95").node() == nullptr);
  REQUIRE(base.at_path("users").as_array() != nullptr);
  CHECK(base.at_path("users").as_array()->size() == 1);
  CHECK(base.at_path("users[0].id").value<std::string>() == "C");
}

TEST_CASE("document: a base that is not TOML is reported in its own file") {
  TempDir dir;
  dir.write("bad.toml", "[scenario\n");
  const auto derived = dir.write("derived.toml", "extends = \"bad.toml\"\n");
  scn::Reporter reporter{derived.string(), {}};
  CHECK_FALSE(scn::load_document(derived, reporter));
  REQUIRE(reporter.diagnostics.size() == 1);
  CHECK(reporter.diagnostics[0].file == (dir.path() / "bad.toml").string());
  CHECK(reporter.diagnostics[0].line == 1);
  CHECK(reporter.diagnostics[0].message.starts_with("TOML syntax error"));
  const auto wrong = scn::load_scenario(dir.write("w.toml", "extends = 3\n"));
  CHECK(lines_of(wrong) ==
        std::vector<std::string>{(dir.path() / "w.toml").string() +
                                 ":1: extends: expected a non-empty file name string, got an integer"});
}
