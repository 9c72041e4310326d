#include "tools/replications.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "sim/output_analysis.hpp"
#include "tests/tools/results_fixture.hpp"
#include "tools/command_line.hpp"

using namespace dccsim::tools;
using dccsim::tools::testing::sample_tables;

TEST_CASE("replications: the precision rule takes the worst relative half-width of the headline measures") {
  TablesAccumulator acc;
  acc.add(sample_tables(1), 0);
  CHECK(worst_relative_half_width(acc) == 0);  // one replication: no interval yet
  acc.add(sample_tables(3), 1);
  // Headline cells: completed within target (900 both times), the on-demand share (0.9945, 0.9935),
  // utilisation (dsp 0.51, 0.53) and mean wait (0.003, 0.005 s at both stations): the waits vary most.
  const dccsim::sim::ConfidenceInterval wait =
      dccsim::sim::t_interval(std::vector<double>{0.003, 0.005}, 0.95);
  CHECK(worst_relative_half_width(acc) == doctest::Approx(wait.half_width / wait.mean));
  CHECK(worst_relative_half_width(acc) == doctest::Approx(12.706205 * 0.001 / 0.004).epsilon(1e-5));
}

TEST_CASE("replications: --warmup takes none, a duration within the horizon, nothing else") {
  dccsim::models::ModelConfig config;
  config.horizon = dccsim::sim::days(2);
  CHECK(parse_warmup("none", config, true) == dccsim::sim::Duration::zero());
  CHECK(parse_warmup("", config, true) == dccsim::sim::Duration::zero());
  CHECK(parse_warmup("6h", config, true) == dccsim::sim::hours(6));
  CHECK_THROWS_AS(parse_warmup("2d", config, true), UsageError);
  CHECK_THROWS_AS(parse_warmup("soon", config, true), UsageError);
}
