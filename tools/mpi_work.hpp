#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "tools/mpi_wire.hpp"

// run_in_order over MPI ranks (tools/mpi_work.cpp), behind the typed run_in_order of
// tools/replications.hpp. No MPI header here: the loop talks through tools/mpi_session.hpp.
namespace dccsim::tools::detail {

/// A job's result behind a type-erased owner.
using ErasedResult = std::unique_ptr<void, void (*)(void*)>;
/// A job on type-erased results.
using ErasedJob = std::function<ErasedResult(std::uint64_t)>;
/// A consumer of type-erased results; false stops.
using ErasedConsume = std::function<bool(std::uint64_t, void*)>;
/// How a type-erased result crosses the wire.
struct ErasedWire {
  std::function<void(const void*, WireWriter&)> write;
  std::function<ErasedResult(WireReader&)> read;
};

/// Rank 0: runs jobs on its `threads` threads and hands the others' threads indices one at a time,
/// consuming every result in index order (as run_in_order does in one process); the other ranks'
/// results come back as bytes. Other ranks: run what rank 0 hands out until told to stop, then
/// throw mpi::RankDone. A job or a consumer that fails ends the job naming its rank and host.
std::uint64_t run_over_ranks(std::uint64_t count, unsigned threads, const ErasedJob& job,
                             const ErasedConsume& consume, const ErasedWire& wire);

}  // namespace dccsim::tools::detail
