#pragma once

#include <pcg_random.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <string_view>

namespace dccsim::sim {

/// Maps 64 random bits to a double in [0, 1) on the grid k * 2^-53 (the top 53 bits are used).
constexpr double to_uniform01(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

/// Maps 64 random bits to a double in (0, 1) on the grid (k + 1/2) * 2^-52: never 0, never 1.
constexpr double to_uniform01_open(std::uint64_t bits) {
  // 52 bits plus the half keep the sum exact in a double, so rounding can never reach 1.
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
}

/// One independent stream of random numbers (PCG64, 2^128 period); obtain it from make_stream.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  /// Smallest value of operator() (UniformRandomBitGenerator).
  static constexpr result_type min() { return 0; }
  /// Largest value of operator() (UniformRandomBitGenerator).
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  /// Same as next_u64(), so the stream works with std:: algorithms such as std::shuffle.
  result_type operator()() { return engine_(); }

  /// 64 uniformly random bits.
  std::uint64_t next_u64() { return engine_(); }
  /// Uniform double in [0, 1), resolution 2^-53.
  double uniform01() { return to_uniform01(engine_()); }
  /// Uniform double in (0, 1), resolution 2^-52: safe as an argument of log.
  double uniform01_open() { return to_uniform01_open(engine_()); }
  /// Unbiased integer in [0, n) by Lemire's multiply-and-reject; returns 0 when n is 0.
  std::uint64_t uniform_int(std::uint64_t n);

  /// Same engine state: the two streams will produce the same sequence.
  friend bool operator==(const RandomStream& a, const RandomStream& b) { return a.engine_ == b.engine_; }

 private:
  friend RandomStream make_stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id);
  explicit RandomStream(const pcg64& engine) : engine_(engine) {}

  // pcg64 (setseq) rather than pcg64_fast: only it takes a stream selector, so streams differ by more than a
  // starting point on one shared cycle.
  pcg64 engine_;
};

static_assert(std::uniform_random_bit_generator<RandomStream>);

/// The stream id of a named entity ("arrivals/SUPPLIER_A/2018-08/4.1.1"): 64-bit FNV-1a of the name.
/// Ids come from names, so adding an entity never moves another entity's draws.
constexpr std::uint64_t stream_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

/// The stream keyed by (seed, replication, stream_id): a pure function of the triple, independent of others.
RandomStream make_stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id);

inline std::uint64_t RandomStream::uniform_int(std::uint64_t n) {
  using Wide = pcg_extras::pcg128_t;
  Wide product = Wide{engine_()} * n;
  auto low = static_cast<std::uint64_t>(product);
  // Only low words below 2^64 mod n can belong to an over-represented bucket; the modulo (a
  // division) is paid on that rare path alone.
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = Wide{engine_()} * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

}  // namespace dccsim::sim
