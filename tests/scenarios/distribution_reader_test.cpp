#include "scenarios/distribution_reader.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/scenarios/load_helpers.hpp"

using namespace dccsim::scenarios::testing;

TEST_CASE(
    "distribution_reader: distributions are built by the sim factories, rejections at the table's line") {
  TempDir dir;
  const auto r = load_text(dir, kHeader + R"([dsp]
response_processing = { dist = "lognormal", mean = "2s", p95 = "1s" }
[smki]
service = { dist = "exponential", mean = "1s", p95 = "2s" }
[csp]
wan_latency = { dist = "weibull", mean = "1s" }
device_latency = { dist = "empirical", values = ["1s", "2s"], cdf = [0.2, 1] }
[csp.south]
wan_latency = { dist = "lognormal", mean = "1s", sigma = 0.3 }
device_latency = { dist = "uniform", min = "3s", max = "1s" }
)");
  const std::string f = (dir.path() / "scenario.toml").string() + ":";
  INFO(all_of(r));
  CHECK_FALSE(r.scenario);
  CHECK(has(r, {f + "4: dsp.response_processing: lognormal: "}));
  CHECK(has(r, {f + "6: smki.service.p95: does not apply to dist = \"exponential\" (it takes mean)"}));
  CHECK(has(r, {f + "8: csp.wan_latency.dist: unknown distribution \"weibull\""}));
  CHECK(has(r, {f + "9: csp.device_latency: empirical: "}));
  CHECK(has(r, {f + "11: csp.south.wan_latency: lognormal takes either mean and p95, or median and sigma"}));
  CHECK(has(r, {f + "12: csp.south.device_latency: uniform: "}));
}

TEST_CASE("distribution_reader: each form builds its distribution, in seconds") {
  Doc d(R"([dsp]
response_processing = "250ms"
[smki]
service = { dist = "gamma", shape = 2.0, scale = "1s" }
[csp]
wan_latency = { dist = "erlang", k = 3, mean = "3s" }
device_latency = { dist = "empirical", values = ["1s", "2s", "5s"], cdf = [0, 0.5, 1] }
[csp.north]
wan_latency = { dist = "lognormal", median = "1s", sigma = 0.5 }
device_latency = { dist = "uniform", min = "1s", max = "3s" }
[csp.south]
wan_latency = { dist = "constant", value = "4s" }
device_latency = { dist = "exponential", mean = "1.5s" }
[csp.central]
wan_latency = { dist = "gamma", shape = 4, mean = "2s" }
)");
  const auto mean_at = [&d](const scn::TableView& c, const char* key) {
    sim::AnyDistribution out;
    REQUIRE(scn::read_distribution(d.reporter, c, key, out));
    return mean_of(out);
  };
  const scn::TableView csp = d.view("csp");
  CHECK(mean_at(d.view("dsp"), "response_processing") == doctest::Approx(0.25));
  CHECK(mean_at(d.view("smki"), "service") == doctest::Approx(2.0));
  CHECK(mean_at(csp, "wan_latency") == doctest::Approx(3.0));
  CHECK(mean_at(csp, "device_latency") == doctest::Approx(2.5));  // 0.5 × 1.5 s + 0.5 × 3.5 s
  CHECK(mean_at(csp.sub("north"), "wan_latency") == doctest::Approx(std::exp(0.125)));
  CHECK(mean_at(csp.sub("north"), "device_latency") == doctest::Approx(2.0));
  CHECK(mean_at(csp.sub("south"), "wan_latency") == doctest::Approx(4.0));
  CHECK(mean_at(csp.sub("south"), "device_latency") == doctest::Approx(1.5));
  CHECK(mean_at(csp.sub("central"), "wan_latency") == doctest::Approx(2.0));
  CHECK(d.reporter.diagnostics.empty());
}

TEST_CASE("distribution_reader: parameters missing, clashing or out of range leave the value unchanged") {
  Doc d(R"([csp]
wan_latency = { dist = "gamma", shape = 2.0, mean = "1s", scale = "1s" }
device_latency = { dist = "erlang", k = 2.5, mean = "1s" }
[csp.north]
wan_latency = { dist = "empirical", values = ["1s", "2s"], cdf = [0, 0.5, 1] }
device_latency = { dist = "exponential" }
[csp.south]
wan_latency = { mean = "1s" }
device_latency = { dist = "gamma", shape = -1, mean = "1s" }
)");
  const scn::TableView csp = d.view("csp");
  for (const auto& [c, key] :
       std::vector<std::pair<scn::TableView, const char*>>{{csp, "wan_latency"},
                                                           {csp, "device_latency"},
                                                           {csp.sub("north"), "wan_latency"},
                                                           {csp.sub("north"), "device_latency"},
                                                           {csp.sub("south"), "wan_latency"},
                                                           {csp.sub("south"), "device_latency"}}) {
    sim::AnyDistribution out = sim::Deterministic::with_value(7.0).value();
    CHECK_FALSE(scn::read_distribution(d.reporter, c, key, out));
    CHECK(mean_of(out) == 7.0);
  }
  CHECK(lines_of(d.reporter.diagnostics) ==
        std::vector<std::string>{
            "t.toml:2: csp.wan_latency: gamma takes shape with either mean or scale, not both",
            "t.toml:3: csp.device_latency.k: must be a whole number from 1 to 1000000",
            "t.toml:5: csp.north.wan_latency: values and cdf must have the same length (2 vs 3)",
            "t.toml:6: csp.north.device_latency.mean: missing required key for dist = \"exponential\"",
            "t.toml:8: csp.south.wan_latency.dist: missing or not a string: expected one of constant, "
            "exponential, uniform, lognormal, gamma, erlang, empirical",
            "t.toml:9: csp.south.device_latency.shape: must be > 0",
        });
}
