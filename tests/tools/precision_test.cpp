#include "tools/precision.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/tools/results_fixture.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

TEST_CASE("precision: shares absolute, other kinds relative with a floor for near-zero means") {
  CHECK(allowed_half_width(MeasureKind::share, 0.97, 0.001) == 0.001);
  CHECK(allowed_half_width(MeasureKind::utilisation, 0.0001, 0.01) == 0.01);
  CHECK(allowed_half_width(MeasureKind::time, 20.0, 0.01) == doctest::Approx(0.2));
  // A mean wait of 0.1 ms is held to 1 % of 1 s, not 1 % of 0.1 ms.
  CHECK(allowed_half_width(MeasureKind::time, 0.0001, 0.01) == doctest::Approx(0.01));
}

TEST_CASE("precision: the default set, the binding measure and why") {
  // Sample runs: the DSP's utilisation is 0.5 + 0.01 k; its mean wait (0.002 k + 0.004) / 2 s is near zero.
  PrecisionTracker loose({0.05, {}});
  PrecisionTracker tight({0.001, {}});
  for (std::uint64_t k = 1; k <= 3; ++k) {
    loose.add(sample_tables(k));
    tight.add(sample_tables(k));
  }
  // Utilisation: half-width t(0.975, 2) * 0.01 / sqrt(3) = 0.0248 — within 0.05, not within 0.001.
  CHECK(loose.reached());
  CHECK_FALSE(tight.reached());
  const std::string why = tight.report();
  CHECK(why.rfind("binding measure stations.dsp.utilisation: half-width 0.0248", 0) == 0);
  CHECK(why.find("absolute for a utilisation") != std::string::npos);
  // The mean wait would bind by far on a relative half-width; with the 1 s floor it does not.
  PrecisionTracker wait({0.001, {"stations.dsp.wait_mean_s"}});
  for (std::uint64_t k = 1; k <= 3; ++k) wait.add(sample_tables(k));
  CHECK(wait.report().find("floor: its mean 0.004 is near zero") != std::string::npos);
  CHECK(wait.report().find("1 measures watched") != std::string::npos);
}

TEST_CASE("precision: --on patterns, and names that match nothing") {
  PrecisionTracker t({0.01, {"stations.*", "throttle.nobody.rejected_share"}});
  t.add(sample_tables(1));
  REQUIRE(t.unmatched().size() == 1);
  CHECK(t.unmatched().front() == "throttle.nobody.rejected_share");
  CHECK(in_default_precision_set({"performance.on_demand.share_within_target", "share", Better::higher,
                                  MeasureKind::share, 6, true, false, ""}));
  CHECK_FALSE(in_default_precision_set(
      {"stations.dsp.wait_p95_s", "s", Better::lower, MeasureKind::time, 6, false, true, ""}));
}
