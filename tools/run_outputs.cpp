#include "tools/run_outputs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tools/atomic_file.hpp"
#include "tools/summary_json.hpp"
#include "tools/table_csv.hpp"

namespace dccsim::tools {

void write_run_outputs(const std::filesystem::path& dir, const TablesAccumulator& acc, const RunInfo& info) {
  create_output_folder(dir);
  write_file_atomically(dir / "variance.csv", table_csv(acc, TableId::variance));
  write_file_atomically(dir / "stations.csv", table_csv(acc, TableId::stations));
  write_file_atomically(dir / "performance.csv", table_csv(acc, TableId::performance));
  write_file_atomically(dir / "throttle.csv", table_csv(acc, TableId::throttle));
  write_file_atomically(dir / "breaches.csv", breaches_csv(acc));
  write_file_atomically(dir / "timeseries.csv", table_csv(acc, TableId::timeseries));
  write_file_atomically(dir / "summary.json", summary_json(acc, info));
}

void write_timing(const std::filesystem::path& dir, double wall_s, double events, unsigned threads) {
  write_file_atomically(
      dir / "timing.json",
      fmt::format("{{\"wall_seconds\":{:.3f},\"events\":{:.0f},\"events_per_s\":{:.0f},\"threads\":{}}}\n",
                  wall_s, events, events / std::max(wall_s, 1e-9), threads));
}

}  // namespace dccsim::tools
