#include "tools/replications.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>

#include "scenarios/units.hpp"
#include "sim/output_analysis.hpp"
#include "tools/command_line.hpp"

namespace dccsim::tools {

namespace detail {

std::uint64_t run_in_order_erased(std::uint64_t count, unsigned threads, const ErasedJob& job,
                                  const ErasedConsume& consume) {
  if (threads == 0) threads = 1;
  std::mutex mutex;
  std::condition_variable ready;
  std::map<std::uint64_t, ErasedResult> done;  // finished, not yet consumed (null: the job threw)
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
        ErasedResult result(nullptr, [](void*) {});
        std::exception_ptr error;
        try {
          result = job(i);
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
      const bool more = consume(consumed, node.mapped().get());
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

}  // namespace detail

models::ModelResults run_replication(const models::ModelConfig& config, sim::Duration warmup) {
  models::DccModel model(config);
  if (warmup > sim::Duration::zero()) {
    model.run_until(sim::Time::zero() + warmup);
    model.reset_statistics();
  }
  model.run();
  return model.results();
}

ResultTables tabulated_replication(const models::ModelConfig& config, std::uint64_t index,
                                   sim::Duration warmup) {
  models::ModelConfig c = config;
  c.replication += index;
  return tabulate(run_replication(c, warmup), c.epoch, c.reporting);
}

sim::Duration choose_warmup(const models::ModelConfig& config) {
  // A pilot on its own replication number, so the study's replications are not reused.
  models::ModelConfig pilot = config;
  pilot.replication = config.replication + (std::uint64_t{1} << 40);
  const models::ModelResults r = run_replication(pilot, sim::Duration::zero());
  std::vector<double> total_queue(r.series.offered_per_s.size(), 0.0);
  for (const auto& station : r.series.queue_mean) {
    for (std::size_t i = 0; i < station.size(); ++i) total_queue[i] += station[i];
  }
  const sim::MserResult cut = sim::mser5(total_queue);
  return r.series.interval * static_cast<std::int64_t>(cut.truncation);
}

sim::Duration parse_warmup(const std::string& text, const models::ModelConfig& config, bool quiet) {
  if (text == "none" || text.empty()) return sim::Duration::zero();
  if (text == "auto") {
    const sim::Duration cut = choose_warmup(config);
    if (!quiet) std::fprintf(stderr, "warm-up: MSER-5 on a pilot replication cuts %.0f s\n", cut.seconds());
    return cut;
  }
  std::string error;
  const auto d = scenarios::parse_duration(text, error);
  if (!d) throw UsageError(fmt::format("--warmup: {}", error));
  if (*d >= config.horizon) throw UsageError("--warmup: must be shorter than the scenario's horizon");
  return *d;
}

double worst_relative_half_width(const TablesAccumulator& acc) {
  double worst = 0;
  const auto consider = [&](const sim::Tally& cell) {
    if (cell.count() < 2 || cell.mean() == 0) return;
    worst = std::max(worst, std::abs(half_width95(cell) / cell.mean()));
  };
  consider(acc.table<RequestsTable>().cell(0, RequestsTable::completed_within_target));
  const auto performance = acc.table<PerformanceTable>();
  for (std::size_t row = 0; row < performance.rows(); ++row) {
    consider(performance.cell(row, PerformanceTable::share_within_target));
  }
  const auto stations = acc.table<StationsTable>();
  for (std::size_t row = 0; row < stations.rows(); ++row) {
    consider(stations.cell(row, StationsTable::utilisation));
    consider(stations.cell(row, StationsTable::wait_mean_s));
  }
  return worst;
}

TablesAccumulator run_replications(const models::ModelConfig& config, sim::Duration warmup,
                                   const ReplicationPlan& plan,
                                   const std::function<void(std::uint64_t)>& on_done) {
  TablesAccumulator acc;
  const std::uint64_t count = plan.precision > 0 ? plan.max_replications : plan.replications;
  const std::function<ResultTables(std::uint64_t)> job = [&config, warmup](std::uint64_t i) {
    return tabulated_replication(config, i, warmup);
  };
  const std::function<bool(std::uint64_t, ResultTables &&)> consume = [&](std::uint64_t i,
                                                                          ResultTables&& tables) {
    acc.add(tables, config.replication + i);
    if (plan.tracker) plan.tracker->add(tables);
    on_done(i + 1);
    if (plan.tracker && !plan.tracker->unmatched().empty()) return false;
    if (plan.precision > 0 && acc.count() >= std::max<std::uint64_t>(plan.replications, 2)) {
      return plan.tracker ? !plan.tracker->reached() : worst_relative_half_width(acc) > plan.precision;
    }
    return true;
  };
  run_in_order<ResultTables>(count, plan.threads, job, consume, tables_wire(config));
  return acc;
}

}  // namespace dccsim::tools
