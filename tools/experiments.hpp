#pragma once

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "models/network.hpp"
#include "sim/time.hpp"
#include "tools/result_tables.hpp"

namespace dccsim::tools {

/// Runs `job(i)` for i = 0, 1, ... on a pool of `threads` threads and hands each result to
/// `consume(i, result)` on the calling thread in index order, so whatever finishes first, what is
/// merged, written and decided is the same for any thread count. Starts no new job once `count`
/// jobs were started or `consume` returned false; results of jobs already running past that point
/// are discarded. At most threads + 1 results wait at a time, so memory does not grow with `count`.
/// An exception in a job is rethrown here. Returns the number of results consumed.
template <class Result>
std::uint64_t run_in_order(std::uint64_t count, unsigned threads,
                           const std::function<Result(std::uint64_t)>& job,
                           const std::function<bool(std::uint64_t, Result&&)>& consume) {
  if (threads == 0) threads = 1;
  std::mutex mutex;
  std::condition_variable ready;
  std::map<std::uint64_t, std::optional<Result>> done;  // finished, not yet consumed
  std::exception_ptr failure;
  std::uint64_t started = 0;
  std::uint64_t running = 0;
  std::uint64_t consumed = 0;
  bool stop = false;
  boost::asio::thread_pool pool(threads);
  const auto start_jobs = [&] {  // with the mutex held
    while (!stop && !failure && started < count && running < threads && started < consumed + threads + 1) {
      const std::uint64_t i = started++;
      ++running;
      boost::asio::post(pool, [&, i] {
        std::optional<Result> result;
        std::exception_ptr error;
        try {
          result.emplace(job(i));
        } catch (...) {
          error = std::current_exception();
        }
        const std::lock_guard lock(mutex);
        --running;
        if (error && !failure) failure = error;
        done.emplace(i, std::move(result));
        ready.notify_all();
      });
    }
  };
  {
    std::unique_lock lock(mutex);
    start_jobs();
    while (!stop && consumed < started) {
      ready.wait(lock, [&] { return failure || done.count(consumed) > 0; });
      if (failure) break;
      auto node = done.extract(consumed);
      lock.unlock();
      const bool more = consume(consumed, std::move(*node.mapped()));
      lock.lock();
      ++consumed;
      if (!more) stop = true;
      start_jobs();
    }
    stop = true;  // jobs still running finish, and their results are dropped
  }
  pool.join();
  if (failure) std::rethrow_exception(failure);
  return consumed;
}

/// Runs one replication: to `warmup` (statistics then restart), then to the horizon.
models::ModelResults run_replication(const models::ModelConfig& config, sim::Duration warmup);

/// Chooses a warm-up by MSER-5 on a pilot replication's interval series of the total queue length
/// over the stations; returns the cut (a whole number of series intervals).
sim::Duration choose_warmup(const models::ModelConfig& config);

/// The `--warmup` value: "none" (or empty), "auto" (choose_warmup, reported on stderr unless
/// `quiet`) or a duration shorter than the horizon; UsageError otherwise.
sim::Duration parse_warmup(const std::string& text, const models::ModelConfig& config, bool quiet);

/// dccsim compare.
int command_compare(const std::vector<std::string>& args);
/// dccsim sweep.
int command_sweep(const std::vector<std::string>& args);

}  // namespace dccsim::tools
