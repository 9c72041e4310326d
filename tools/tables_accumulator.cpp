#include "tools/tables_accumulator.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace dccsim::tools {

void TablesAccumulator::add(const ResultTables& replication, std::uint64_t replication_index) {
  if (count_ == 0) {
    shape_ = replication;
    for (std::size_t ti = 0; ti < kTableCount; ++ti) {
      const Table& table = *shape_.all()[ti];
      cells_[ti].assign(table.rows(), std::vector<sim::Tally>(table.columns.size()));
    }
  }
  const auto tables = replication.all();
  for (std::size_t ti = 0; ti < kTableCount; ++ti) {
    const Table& table = *tables[ti];
    // Replications of one scenario have the same rows: the model builds them from the config.
    if (table.rows() != cells_[ti].size()) {
      throw std::logic_error(fmt::format("replication {} has {} rows in {}, expected {}", replication_index,
                                         table.rows(), table.name, cells_[ti].size()));
    }
    for (std::size_t row = 0; row < table.rows(); ++row) {
      for (std::size_t c = 0; c < table.values[row].size(); ++c) {
        // Undefined figures (a share without responses) are left out of that cell's mean.
        if (std::isfinite(table.values[row][c])) cells_[ti][row][c].add(table.values[row][c]);
      }
    }
  }
  for (const BreachRow& b : replication.breaches) breaches_.push_back({replication_index, b});
  events_.add(replication.events);
  ++count_;
}

std::vector<double> TablesAccumulator::means(TableId table, std::size_t row) const {
  const auto& cells = cells_[static_cast<std::size_t>(table)][row];
  std::vector<double> out(cells.size());
  for (std::size_t c = 0; c < cells.size(); ++c) out[c] = mean_or_nan(cells[c]);
  return out;
}

std::string TablesAccumulator::derived(TableId table, std::size_t row, std::size_t derived) const {
  const Table& t = shape_.table(table);
  return t.derived[derived].compute(t.keys[row], means(table, row));
}

}  // namespace dccsim::tools
