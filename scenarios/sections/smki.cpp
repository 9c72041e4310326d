#include "scenarios/sections/smki.hpp"

#include <limits>

#include "scenarios/distribution_reader.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {

void read_smki(const TableView& root, Draft& draft, Reporter& r) {
  models::SmkiConfig& smki = draft.model.smki;
  const TableView c = root.sub("smki");
  read_integer(r, c, "servers", smki.servers, 1, 1'000'000);
  read_distribution(r, c, "service", smki.service_s);
  read_integer(r, c, "queue_limit", smki.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_duration(r, c, "target", smki.target_response, true);
}

}  // namespace dccsim::scenarios
