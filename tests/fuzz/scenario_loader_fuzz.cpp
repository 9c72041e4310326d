// The scenario loader on any TOML text and --set lines (see fuzz_support.hpp for the input form):
// it must return a scenario or diagnostics, never crash, hang or report nothing on a refusal.
#include <cstdlib>

#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dccsim::scenarios::LoadResult result = dccsim::fuzz::load_scenario_input(data, size);
  if (!result.scenario && result.diagnostics.empty()) std::abort();  // refused without saying why
  for (const dccsim::scenarios::Diagnostic& d : result.diagnostics) {
    if (d.message.empty() || d.to_string().empty()) std::abort();
  }
  return 0;
}
