// The reader of `dccsim variance`'s variance_forecast.csv taken as demand, on any bytes.
#include "models/config.hpp"
#include "scenarios/counts_csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dccsim::models::Catalogue catalogue = dccsim::models::default_catalogue();
  std::vector<dccsim::scenarios::Diagnostic> out;
  (void)dccsim::scenarios::read_variance_forecast_csv(
      dccsim::fuzz::write_input("variance_forecast.csv", data, size), catalogue, out);
  return 0;
}
