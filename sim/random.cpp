#include "sim/random.hpp"

namespace dccsim::sim {
namespace {

// SplitMix64's output function: a bijection on 64 bits with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One 64-bit word of the key. Each step is a bijection of the component it absorbs, so within a
// (seed, replication) distinct stream ids always give distinct words; the domain constant makes
// the four words of a key behave as independent hashes.
constexpr std::uint64_t key_word(std::uint64_t domain, std::uint64_t seed, std::uint64_t replication,
                                 std::uint64_t stream_id) {
  std::uint64_t h = mix64(domain);
  h = mix64(h ^ seed);
  h = mix64(h ^ replication);
  return mix64(h ^ stream_id);
}

constexpr std::uint64_t kStateHigh = 0x243f6a8885a308d3ULL;  // digits of pi: arbitrary, distinct
constexpr std::uint64_t kStateLow = 0x13198a2e03707344ULL;
constexpr std::uint64_t kStreamHigh = 0xa4093822299f31d0ULL;
constexpr std::uint64_t kStreamLow = 0x082efa98ec4e6c89ULL;

constexpr pcg_extras::pcg128_t join(std::uint64_t high, std::uint64_t low) {
  return (pcg_extras::pcg128_t{high} << 64) | low;
}

}  // namespace

RandomStream make_stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id) {
  // Both the starting state and the stream selector (the LCG increment) come from the key: streams
  // differ in increment, and their random starting points also avoid the correlations known between
  // PCG streams that share a state.
  const auto state = join(key_word(kStateHigh, seed, replication, stream_id),
                          key_word(kStateLow, seed, replication, stream_id));
  const auto selector = join(key_word(kStreamHigh, seed, replication, stream_id),
                             key_word(kStreamLow, seed, replication, stream_id));
  return RandomStream(pcg64(state, selector));
}

}  // namespace dccsim::sim
