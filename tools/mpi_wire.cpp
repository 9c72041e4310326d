#include "tools/mpi_wire.hpp"

#include <bit>
#include <memory>
#include <stdexcept>

namespace dccsim::tools {

void WireWriter::u64(std::uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xffU));
}

void WireWriter::f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }

void WireWriter::text(std::string_view s) {
  u64(s.size());
  bytes_.append(s);
}

std::string_view WireReader::take(std::size_t n) {
  if (n > bytes_.size() - at_) throw std::runtime_error("wire: a message from another rank is cut short");
  const std::string_view s = bytes_.substr(at_, n);
  at_ += n;
  return s;
}

std::uint64_t WireReader::u64() {
  const std::string_view s = take(8);
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::uint64_t{static_cast<unsigned char>(s[static_cast<std::size_t>(i)])} << (8 * i);
  return v;
}

double WireReader::f64() { return std::bit_cast<double>(u64()); }

std::string WireReader::text() { return std::string(take(u64())); }

namespace {

std::array<Table*, kTableCount> tables_of(ResultTables& t) {
  return {&t.requests, &t.variance_totals, &t.variance, &t.stations, &t.performance, &t.throttle, &t.timeseries};
}

void write_table(const Table& t, WireWriter& w) {
  w.u64(t.columns.size());
  for (const Column& c : t.columns) {
    w.text(c.name);
    w.u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(c.decimals)));
    w.u64(static_cast<std::uint64_t>(c.better));
  }
  w.u64(t.rows());
  for (std::size_t row = 0; row < t.rows(); ++row) {
    w.u64(t.keys[row].size());
    for (const std::string& k : t.keys[row]) w.text(k);
    w.u64(t.values[row].size());
    for (const double v : t.values[row]) w.f64(v);
  }
}

void read_table(WireReader& r, Table& t) {
  t.columns.resize(r.u64());
  for (Column& c : t.columns) {
    c.name = r.text();
    c.decimals = static_cast<int>(static_cast<std::int64_t>(r.u64()));
    c.better = static_cast<Better>(r.u64());
  }
  const std::uint64_t rows = r.u64();
  t.keys.assign(rows, {});
  t.values.assign(rows, {});
  for (std::size_t row = 0; row < rows; ++row) {
    t.keys[row].resize(r.u64());
    for (std::string& k : t.keys[row]) k = r.text();
    t.values[row].resize(r.u64());
    for (double& v : t.values[row]) v = r.f64();
  }
}

}  // namespace

void write_tables(const ResultTables& t, WireWriter& w) {
  for (const Table* table : t.all()) write_table(*table, w);
  w.u64(t.variance_has_forecast.size());
  for (const bool b : t.variance_has_forecast) w.u64(b ? 1 : 0);
  w.u64(t.breaches.size());
  for (const BreachRow& b : t.breaches) {
    w.text(b.start);
    w.text(b.end);
    w.text(b.kind);
    w.text(b.where);
    w.f64(b.peak_excess);
  }
  w.f64(t.events);
  w.f64(t.peak_in_flight);
}

ResultTables read_tables(WireReader& r, const ResultTables& prototype) {
  ResultTables t;
  const auto tables = tables_of(t);
  const auto rules = prototype.all();
  for (std::size_t i = 0; i < kTableCount; ++i) {
    read_table(r, *tables[i]);
    tables[i]->derived = rules[i]->derived;
  }
  t.variance_has_forecast.resize(r.u64());
  for (std::size_t i = 0; i < t.variance_has_forecast.size(); ++i) t.variance_has_forecast[i] = r.u64() != 0;
  t.breaches.resize(r.u64());
  for (BreachRow& b : t.breaches) {
    b.start = r.text();
    b.end = r.text();
    b.kind = r.text();
    b.where = r.text();
    b.peak_excess = r.f64();
  }
  t.events = r.f64();
  t.peak_in_flight = r.f64();
  return t;
}

ResultWire<ResultTables> tables_wire(const models::ModelConfig& config) {
  // The tables of an empty run carry the same derived rules as every replication's.
  auto prototype = std::make_shared<const ResultTables>(tabulate(models::ModelResults{}, config.epoch, config.reporting));
  return {[](const ResultTables& t, WireWriter& w) { write_tables(t, w); },
          [prototype](WireReader& r) { return read_tables(r, *prototype); }};
}

}  // namespace dccsim::tools
