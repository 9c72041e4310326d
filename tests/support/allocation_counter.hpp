#pragma once

// Counts global allocations, so a test can show a warm event loop allocates nothing. Include it in
// exactly one file of a test program: it replaces the global allocation functions. Every form is
// replaced (plain, array, nothrow, sized), so memory from any of them is returned to the allocator
// it came from (AddressSanitizer checks that pairing).

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace dccsim::testing {
/// Allocations made through the global operator new since the program started.
inline std::atomic<std::uint64_t> g_allocations{0};
inline void* counted_malloc(std::size_t n) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
}  // namespace dccsim::testing

void* operator new(std::size_t n) {
  if (void* p = dccsim::testing::counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = dccsim::testing::counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return dccsim::testing::counted_malloc(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return dccsim::testing::counted_malloc(n);
}
// The replacements are malloc/free underneath; GCC cannot see that and warns.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop
