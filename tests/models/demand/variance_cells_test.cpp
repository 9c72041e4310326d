#include "models/demand/variance_cells.hpp"

#include <doctest/doctest.h>

namespace models = dccsim::models;
namespace sim = dccsim::sim;

TEST_CASE("variance cells: one cell per User, month and service; lines by User then month") {
  models::ModelConfig config;
  config.users.resize(2);
  config.users[0].id = "A";
  config.users[1].id = "B";
  models::VarianceCells cells;
  const models::ServiceKey csr{models::ServiceKey::Kind::csr, 0};
  const models::ServiceKey reads{models::ServiceKey::Kind::family, 4};
  const std::uint32_t b_sep = cells.find(1, sim::YearMonth{2018, 9}, reads, true);
  const std::uint32_t a_sep = cells.find(0, sim::YearMonth{2018, 9}, csr, true);
  const std::uint32_t a_aug = cells.find(0, sim::YearMonth{2018, 8}, reads, true);
  CHECK(cells.find(0, sim::YearMonth{2018, 8}, reads, true) == a_aug);
  CHECK(cells.find(0, sim::YearMonth{2018, 8}, csr, false) == models::kNil);
  CHECK(cells.size() == 3);
  cells[a_aug].forecast = 10;
  cells[a_aug].has_forecast = true;
  cells.count(a_aug);
  cells.count(a_aug);
  cells.count(a_sep);
  cells.count(models::kNil);  // not counted
  const auto lines = cells.lines(config);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].user == "A");
  CHECK(lines[0].month == sim::YearMonth{2018, 8});
  CHECK(lines[0].actual == 2);
  CHECK(lines[0].forecast == 10);
  CHECK(lines[0].service == "4");
  CHECK(lines[1].service == "CSR");
  CHECK(lines[1].is_csr);
  CHECK(lines[1].actual == 1);
  CHECK_FALSE(lines[1].has_forecast);
  CHECK(lines[2].user == "B");
  CHECK(b_sep == 0);
}
