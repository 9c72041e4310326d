#include "tools/mpi_wire.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <stdexcept>

#include "tests/tools/results_fixture.hpp"
#include "tools/tables_accumulator.hpp"

using namespace dccsim::tools;

namespace {

std::string bytes_of(const ResultTables& t) {
  WireWriter w;
  write_tables(t, w);
  return w.take();
}

// Every number compared by its bits, so NaN and -0.0 count as themselves.
void check_same(const ResultTables& a, const ResultTables& b) {
  for (std::size_t ti = 0; ti < kTableCount; ++ti) {
    const Table& x = *a.all()[ti];
    const Table& y = *b.all()[ti];
    CHECK(x.name == y.name);
    CHECK(x.key_names == y.key_names);
    REQUIRE(x.columns.size() == y.columns.size());
    for (std::size_t c = 0; c < x.columns.size(); ++c) {
      CHECK(x.columns[c].name == y.columns[c].name);
      CHECK(x.columns[c].decimals == y.columns[c].decimals);
      CHECK(x.columns[c].better == y.columns[c].better);
    }
    CHECK(x.keys == y.keys);
    REQUIRE(x.values.size() == y.values.size());
    for (std::size_t row = 0; row < x.values.size(); ++row) {
      REQUIRE(x.values[row].size() == y.values[row].size());
      for (std::size_t c = 0; c < x.values[row].size(); ++c) {
        CHECK(std::bit_cast<std::uint64_t>(x.values[row][c]) == std::bit_cast<std::uint64_t>(y.values[row][c]));
      }
    }
    REQUIRE(x.derived.size() == y.derived.size());
  }
  CHECK(a.variance_has_forecast == b.variance_has_forecast);
  REQUIRE(a.breaches.size() == b.breaches.size());
  for (std::size_t i = 0; i < a.breaches.size(); ++i) {
    CHECK(a.breaches[i].start == b.breaches[i].start);
    CHECK(a.breaches[i].end == b.breaches[i].end);
    CHECK(a.breaches[i].kind == b.breaches[i].kind);
    CHECK(a.breaches[i].where == b.breaches[i].where);
    CHECK(a.breaches[i].peak_excess == b.breaches[i].peak_excess);
  }
  CHECK(a.events == b.events);
  CHECK(a.peak_in_flight == b.peak_in_flight);
}

}  // namespace

TEST_CASE("wire: numbers and text come back bit for bit") {
  WireWriter w;
  w.u64(0);
  w.u64(~std::uint64_t{0});
  w.f64(-0.0);
  w.f64(NAN);
  w.f64(0.1);
  w.text("");
  w.text(std::string("a\0b", 3));
  WireReader r(w.bytes());
  CHECK(r.u64() == 0);
  CHECK(r.u64() == ~std::uint64_t{0});
  CHECK(std::signbit(r.f64()));
  CHECK(std::isnan(r.f64()));
  CHECK(r.f64() == 0.1);
  CHECK(r.text().empty());
  CHECK(r.text() == std::string("a\0b", 3));
  CHECK(r.at_end());
  CHECK_THROWS_AS(r.u64(), std::runtime_error);
}

TEST_CASE("wire: a replication's tables round-trip, derived rules included") {
  dccsim::models::ModelConfig config;
  config.epoch = testing::kEpoch;
  const ResultWire<ResultTables> wire = tables_wire(config);
  for (std::uint64_t k : {1u, 2u, 5u}) {
    const ResultTables sent = testing::sample_tables(k);
    const std::string bytes = bytes_of(sent);
    WireReader r(bytes);
    const ResultTables got = wire.read(r);
    CHECK(r.at_end());
    check_same(sent, got);
    CHECK(bytes_of(got) == bytes);
    // Merged, the decoded tables give the same means and derived flags as the originals.
    TablesAccumulator a;
    TablesAccumulator b;
    a.add(sent, 0);
    b.add(got, 0);
    for (std::size_t ti = 0; ti < kTableCount; ++ti) {
      const auto id = static_cast<TableId>(ti);
      const Table& t = sent.table(id);
      for (std::size_t row = 0; row < t.rows(); ++row) {
        for (std::size_t d = 0; d < t.derived.size(); ++d) CHECK(a.derived(id, row, d) == b.derived(id, row, d));
      }
    }
  }
}

TEST_CASE("wire: cut-short bytes are an error, not a result") {
  dccsim::models::ModelConfig config;
  const std::string bytes = bytes_of(testing::sample_tables(3));
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1}) {
    WireReader r(std::string_view(bytes).substr(0, cut));
    CHECK_THROWS_AS(tables_wire(config).read(r), std::runtime_error);
  }
}

TEST_CASE("wire: pairs and fixed arrays") {
  const auto wire = pair_wire(numbers_wire<3>(), numbers_wire<2>());
  const std::pair<std::array<double, 3>, std::array<double, 2>> sent{{1.5, NAN, -0.0}, {1e300, 4}};
  WireWriter w;
  wire.write(sent, w);
  CHECK(w.bytes().size() == 5 * 8);
  WireReader r(w.bytes());
  const auto got = wire.read(r);
  CHECK(r.at_end());
  CHECK(got.first[0] == 1.5);
  CHECK(std::isnan(got.first[1]));
  CHECK(std::signbit(got.first[2]));
  CHECK(got.second == sent.second);
}
