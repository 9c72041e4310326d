// The history reader of `dccsim variance` on any bytes, and the behaviour fit on what it accepts.
#include "models/variance_forecast.hpp"
#include "scenarios/history_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<dccsim::scenarios::Diagnostic> out;
  const std::vector<dccsim::models::HistoryRow> history =
      dccsim::scenarios::read_history_csv(dccsim::fuzz::write_input("history.csv", data, size), out);
  if (out.empty() && !history.empty()) (void)dccsim::models::fit_behaviour(history);
  return 0;
}
