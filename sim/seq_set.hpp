#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dccsim::sim {

/// A set of 64-bit keys (open addressing, linear probing, backward-shift deletion).
///
/// Holds the sequences of cancelled events until they reach the front of the queue; it grows to
/// the peak number of outstanding cancellations and then allocates nothing.
class SeqSet {
 public:
  /// Number of keys held.
  std::size_t size() const { return size_; }
  /// Whether no key is held.
  bool empty() const { return size_ == 0; }

  /// Adds `key`; returns false if it was already present.
  bool insert(std::uint64_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    const std::uint64_t stored = key + 1;  // 0 marks an empty slot
    std::size_t i = home(key);
    while (slots_[i] != 0) {
      if (slots_[i] == stored) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = stored;
    ++size_;
    return true;
  }

  /// Whether `key` is present.
  bool contains(std::uint64_t key) const {
    if (size_ == 0) return false;
    const std::uint64_t stored = key + 1;
    for (std::size_t i = home(key); slots_[i] != 0; i = (i + 1) & mask_) {
      if (slots_[i] == stored) return true;
    }
    return false;
  }

  /// Removes `key`; returns false if it was absent.
  bool erase(std::uint64_t key) {
    if (size_ == 0) return false;
    const std::uint64_t stored = key + 1;
    std::size_t i = home(key);
    while (slots_[i] != stored) {
      if (slots_[i] == 0) return false;
      i = (i + 1) & mask_;
    }
    // Shift later members of the probe run back so lookups never stop early at the hole.
    for (std::size_t j = (i + 1) & mask_; slots_[j] != 0; j = (j + 1) & mask_) {
      const std::size_t h = home(slots_[j] - 1);
      const bool movable = (j > i) ? (h <= i || h > j) : (h <= i && h > j);
      if (movable) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = 0;
    --size_;
    return true;
  }

  /// Removes every key, keeping the storage.
  void clear() {
    for (auto& s : slots_) s = 0;
    size_ = 0;
  }

 private:
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (std::uint64_t stored : old) {
      if (stored != 0) insert(stored - 1);
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace dccsim::sim
