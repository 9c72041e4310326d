// A mutated scenario that validates must run: loaded as `dccsim run` loads it, with its horizon
// first set to an hour (the input's own --set lines come after) or, when it does not validate so,
// as written; then simulated under an event budget so that a national month cannot stall the
// fuzzer. Any abort, exception or sanitizer report from the model on a validated input is a finding.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "models/network.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

constexpr std::uint64_t kEventBudget = 200'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dccsim::scenarios::LoadResult result = dccsim::fuzz::load_scenario_input(data, size, {"scenario.horizon=1h"});
  if (!result.ok()) result = dccsim::fuzz::load_scenario_input(data, size);
  if (!result.ok()) return 0;
  const dccsim::models::ModelConfig& config = result.scenario->model;
  dccsim::models::DccModel model(config);
  dccsim::sim::Time until = dccsim::sim::Time::zero();
  while (until < model.horizon() && model.events() < kEventBudget) {
    until = std::min(until + dccsim::sim::minutes(1), model.horizon());
    model.run_until(until);
  }
  if (until >= model.horizon()) (void)model.results();
  if (std::getenv("DCCSIM_FUZZ_VERBOSE")) {
    std::fprintf(stderr, "ran %s: %llu events to %lld s of %lld s\n", config.name.c_str(),
                 static_cast<unsigned long long>(model.events()), static_cast<long long>(until.ticks() / 1'000'000),
                 static_cast<long long>(model.horizon().ticks() / 1'000'000));
  }
  return 0;
}
