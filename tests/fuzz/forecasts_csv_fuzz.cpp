// The reader of the forecasts `dccsim variance` predicts from, on any bytes, against a fixed
// history (so a User's id differing only in case is exercised too).
#include "scenarios/history_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<dccsim::models::HistoryRow> history = [] {
    std::vector<dccsim::scenarios::Diagnostic> ignored;
    const std::string text =
        "user,month,service,forecast,actual\nSUPPLIER_A,2018-06,4,1000,900\nSUPPLIER_A,2018-07,4,1000,1100\n"
        "NETWORK_B,2018-06,CSR,50,40\n";
    return dccsim::scenarios::read_history_csv(
        dccsim::fuzz::write_input("fixed-history.csv", reinterpret_cast<const std::uint8_t*>(text.data()),
                                  text.size()),
        ignored);
  }();
  std::vector<dccsim::scenarios::Diagnostic> out;
  (void)dccsim::scenarios::read_forecasts_to_predict(dccsim::fuzz::write_input("forecasts.csv", data, size),
                                                     history, out);
  return 0;
}
