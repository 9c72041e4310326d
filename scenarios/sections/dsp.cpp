#include "scenarios/sections/dsp.hpp"

#include <limits>

#include "scenarios/distribution_reader.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

constexpr Choice<models::Discipline> kDisciplines[] = {{"fifo", models::Discipline::fifo},
                                                       {"priority", models::Discipline::priority}};

}  // namespace

void read_dsp(const TableView& root, Draft& draft, Reporter& r) {
  models::DspConfig& dsp = draft.model.dsp;
  const TableView c = root.sub("dsp");
  read_integer(r, c, "servers", dsp.servers, 1, 1'000'000);
  read_enum(r, c, "discipline", dsp.discipline, kDisciplines);
  read_integer(r, c, "queue_limit", dsp.queue_limit, 0, std::numeric_limits<std::int64_t>::max());
  read_distribution(r, c, "response_processing", dsp.response_processing_s);
}

}  // namespace dccsim::scenarios
