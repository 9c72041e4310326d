#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "models/config.hpp"
#include "tools/result_tables.hpp"

// The wire format of results sent between MPI ranks: little-endian 64-bit integers, doubles as
// their exact bit patterns (so a result decoded at rank 0 merges to the same bytes as one computed
// there) and length-prefixed text. Nothing here knows MPI; tools/mpi_session.cpp moves the bytes.
namespace dccsim::tools {

/// Appends values to a byte string.
class WireWriter {
 public:
  /// An unsigned integer, 8 bytes little-endian.
  void u64(std::uint64_t v);
  /// A double, its 8-byte bit pattern (NaN and the sign of zero survive).
  void f64(double v);
  /// A length and the bytes of `s`.
  void text(std::string_view s);
  /// The bytes written so far.
  const std::string& bytes() const { return bytes_; }
  /// Takes the bytes out.
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

/// Reads what WireWriter wrote, in the same order; std::runtime_error when the bytes run out.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : bytes_(bytes) {}
  /// See WireWriter::u64.
  std::uint64_t u64();
  /// See WireWriter::f64.
  double f64();
  /// See WireWriter::text.
  std::string text();
  /// Whether every byte was read.
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  std::string_view take(std::size_t n);
  std::string_view bytes_;
  std::size_t at_ = 0;
};

/// How one kind of result crosses the wire.
template <class Result>
struct ResultWire {
  std::function<void(const Result&, WireWriter&)> write;
  std::function<Result(WireReader&)> read;
};

/// Writes a replication's tables: every table's columns, keys and values, the forecast flags, the
/// breaches and the run's counts. The derived columns' rules are code, not data: not sent.
void write_tables(const ResultTables& t, WireWriter& w);
/// Reads what write_tables wrote; the derived columns' rules are those of `prototype`.
ResultTables read_tables(WireReader& r, const ResultTables& prototype);

/// The wire of the tables of replications of `config` (the derived rules follow its reporting).
ResultWire<ResultTables> tables_wire(const models::ModelConfig& config);

/// The wire of a fixed array of numbers.
template <std::size_t N>
ResultWire<std::array<double, N>> numbers_wire() {
  return {[](const std::array<double, N>& a, WireWriter& w) {
            for (const double x : a) w.f64(x);
          },
          [](WireReader& r) {
            std::array<double, N> a{};
            for (double& x : a) x = r.f64();
            return a;
          }};
}

/// The wire of a pair, one wire each side.
template <class A, class B>
ResultWire<std::pair<A, B>> pair_wire(ResultWire<A> a, ResultWire<B> b) {
  return {[a, b](const std::pair<A, B>& p, WireWriter& w) {
            a.write(p.first, w);
            b.write(p.second, w);
          },
          [a, b](WireReader& r) {
            A first = a.read(r);
            return std::pair<A, B>{std::move(first), b.read(r)};
          }};
}

}  // namespace dccsim::tools
