#pragma once

#include <cstdio>
#include <cstdlib>

/// Checks a programmer invariant (never user input); on failure prints where and aborts.
#define DCCSIM_ASSERT(cond, msg)                                                                  \
  do {                                                                                            \
    if (!(cond)) [[unlikely]] {                                                                   \
      std::fprintf(stderr, "%s:%d: invariant failed: %s (%s)\n", __FILE__, __LINE__, #cond, msg); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)
