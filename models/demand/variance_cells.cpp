#include "models/demand/variance_cells.hpp"

#include <algorithm>

namespace dccsim::models {

std::uint32_t VarianceCells::find(std::uint32_t user, sim::YearMonth month, const ServiceKey& key,
                                  bool create) {
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    if (cells_[i].user == user && cells_[i].month == month && cells_[i].key == key)
      return static_cast<std::uint32_t>(i);
  }
  if (!create) return kNil;
  cells_.push_back(VarianceCell{user, month, key, 0, 0, false});
  return static_cast<std::uint32_t>(cells_.size() - 1);
}

std::vector<VarianceLine> VarianceCells::lines(const ModelConfig& config) const {
  std::vector<std::size_t> order(cells_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    if (cells_[a].user != cells_[b].user) return cells_[a].user < cells_[b].user;
    return cells_[a].month < cells_[b].month;
  });
  std::vector<VarianceLine> out;
  for (const std::size_t i : order) {
    const VarianceCell& c = cells_[i];
    VarianceLine line;
    line.user = config.users[c.user].id;
    line.month = c.month;
    line.service = service_label(c.key, config.catalogue);
    line.is_csr = c.key.kind == ServiceKey::Kind::csr;
    line.forecast = c.forecast;
    line.actual = c.actual;
    line.has_forecast = c.has_forecast;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace dccsim::models
