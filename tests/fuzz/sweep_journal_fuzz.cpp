// The sweep journal (sweep.csv) read back on any bytes against a 2 × 3 grid of 2 replications: it
// must accept only rows of that grid, and what it accepts must tally and re-read to the same rows.
#include <cstdlib>
#include <string_view>

#include "tools/sweep_journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dccsim::tools;
  static const std::vector<Vary> grid{{"dsp.servers", {"1", "2"}}, {"traffic_management.activation", {"never", "always", "threshold"}}};
  static const SweepGridShape shape{sweep_header(grid),
                                    {{"1", "never"}, {"1", "always"}, {"1", "threshold"},
                                     {"2", "never"}, {"2", "always"}, {"2", "threshold"}},
                                    2};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const SweepJournalText read = parse_sweep_journal(text, shape);
  if (read.complete_bytes > size) std::abort();
  if (!read.problems.empty() && !read.rows.empty()) std::abort();
  for (std::size_t k = 0; k < read.rows.size(); ++k) {
    if (read.rows[k].point != k / 2 || read.rows[k].replication != k % 2) std::abort();  // grid order
  }
  (void)tally_sweep_rows(read.rows, shape.point_values.size());
  // What was accepted, written again as the journal writes it, reads back to the same rows.
  std::string again = shape.header;
  for (const SweepJournalRow& row : read.rows) {
    again += sweep_row(row.point, shape.point_values[row.point], row.replication, row.measures);
  }
  const SweepJournalText reread = parse_sweep_journal(again, shape);
  if (!reread.problems.empty() || reread.rows.size() != read.rows.size()) std::abort();
  return 0;
}
