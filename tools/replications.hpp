#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "models/network.hpp"
#include "sim/time.hpp"
#include "tools/mpi_session.hpp"
#include "tools/mpi_work.hpp"
#include "tools/precision.hpp"
#include "tools/result_tables.hpp"
#include "tools/tables_accumulator.hpp"

// The replication machinery: an ordered thread pool, one replication, the warm-up choice and the
// stopping rule of --precision. The pool (Asio) stays in replications.cpp, MPI in tools/mpi_*.cpp.
namespace dccsim::tools {

namespace detail {
/// run_in_order on type-erased results, in this process; the templates below are typed shells.
std::uint64_t run_in_order_erased(std::uint64_t count, unsigned threads, const ErasedJob& job,
                                  const ErasedConsume& consume);

template <class Result>
ErasedJob erased_job(const std::function<Result(std::uint64_t)>& job) {
  return [&job](std::uint64_t i) {
    return ErasedResult(new Result(job(i)), [](void* p) { delete static_cast<Result*>(p); });
  };
}
template <class Result>
ErasedConsume erased_consume(const std::function<bool(std::uint64_t, Result&&)>& consume) {
  return [&consume](std::uint64_t i, void* r) { return consume(i, std::move(*static_cast<Result*>(r))); };
}
}  // namespace detail

/// Runs `job(i)` for i = 0, 1, ... on a pool of `threads` threads and hands each result to
/// `consume(i, result)` on the calling thread in index order, so whatever finishes first, what is
/// merged, written and decided is the same for any thread count. Starts no new job once `count`
/// jobs were started or `consume` returned false; results of jobs already running past that point
/// are discarded. At most threads + 1 results wait at a time, so memory does not grow with `count`.
/// An exception in a job is rethrown here. Returns the number of results consumed. In this
/// process only, whatever the MPI launch (tests, and work that is not worth sending).
template <class Result>
std::uint64_t run_in_order(std::uint64_t count, unsigned threads,
                           const std::function<Result(std::uint64_t)>& job,
                           const std::function<bool(std::uint64_t, Result&&)>& consume) {
  return detail::run_in_order_erased(count, threads, detail::erased_job(job), detail::erased_consume(consume));
}

/// The same, spread over MPI ranks when launched by mpirun (each rank on `threads` threads):
/// results cross to rank 0 by `wire` and are consumed there alone, in index order, so outputs and
/// stopping decisions do not depend on the number of ranks. Other ranks never return: they throw
/// mpi::RankDone once rank 0 needs them no more. A failing job ends every rank, naming its own.
template <class Result>
std::uint64_t run_in_order(std::uint64_t count, unsigned threads,
                           const std::function<Result(std::uint64_t)>& job,
                           const std::function<bool(std::uint64_t, Result&&)>& consume,
                           const ResultWire<Result>& wire) {
  if (!mpi::distributable()) return run_in_order(count, threads, job, consume);
  const detail::ErasedWire erased_wire{
      [&wire](const void* r, WireWriter& w) { wire.write(*static_cast<const Result*>(r), w); },
      [&wire](WireReader& r) {
        return detail::ErasedResult(new Result(wire.read(r)), [](void* p) { delete static_cast<Result*>(p); });
      }};
  return detail::run_over_ranks(count, threads, detail::erased_job(job), detail::erased_consume(consume),
                                erased_wire);
}

/// Runs one replication: to `warmup` (statistics then restart), then to the horizon.
models::ModelResults run_replication(const models::ModelConfig& config, sim::Duration warmup);

/// The tables of replication `index` of `config` (its replication number plus `index`).
ResultTables tabulated_replication(const models::ModelConfig& config, std::uint64_t index,
                                   sim::Duration warmup);

/// Chooses a warm-up by MSER-5 on a pilot replication's interval series of the total queue length
/// over the stations; returns the cut (a whole number of series intervals).
sim::Duration choose_warmup(const models::ModelConfig& config);

/// The `--warmup` value: "none" (or empty), "auto" (choose_warmup, reported on stderr unless
/// `quiet`) or a duration shorter than the horizon; UsageError otherwise.
sim::Duration parse_warmup(const std::string& text, const models::ModelConfig& config, bool quiet);

/// Largest relative 95 % half-width (|half-width / mean|) of the headline measures: requests
/// completed within target, every share within target, utilisation and mean wait at every station.
/// Cells with fewer than 2 values or a zero mean are left out; 0 when none is left.
double worst_relative_half_width(const TablesAccumulator& acc);

/// How many replications `run` makes: `replications`, or with `precision` > 0 as many as it takes
/// (at least max(replications, 2)) for worst_relative_half_width to reach it, up to `max_replications`.
struct ReplicationPlan {
  std::uint64_t replications = 1;
  double precision = 0;  ///< relative half-width to reach; 0: a fixed number
  std::uint64_t max_replications = 100;
  unsigned threads = 1;
  /// When set, fed every replication and deciding the stop instead of worst_relative_half_width
  /// (the rule of tools/precision.hpp).
  PrecisionTracker* tracker = nullptr;
};

/// Runs replications of `config` as `plan` says, merged in replication order; `on_done(k)` is
/// called on the calling thread after the k-th (from 1) has been added. Spread over MPI ranks when
/// launched so (only rank 0 returns).
TablesAccumulator run_replications(const models::ModelConfig& config, sim::Duration warmup,
                                   const ReplicationPlan& plan,
                                   const std::function<void(std::uint64_t)>& on_done);

}  // namespace dccsim::tools
