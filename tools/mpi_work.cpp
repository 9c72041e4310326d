#include "tools/mpi_work.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tools/mpi_session.hpp"

namespace dccsim::tools::detail {
namespace {

// How long a rank waits for a local job before looking for messages again: a millisecond is
// nothing beside a replication and keeps the waiting thread off the cores the jobs use.
constexpr auto kPause = std::chrono::milliseconds(1);

// This rank's threads and the results they finished, by index, until taken.
class LocalJobs {
 public:
  LocalJobs(unsigned threads, const ErasedJob& job) : pool_(threads), job_(job) {}
  LocalJobs(const LocalJobs&) = delete;
  LocalJobs& operator=(const LocalJobs&) = delete;
  ~LocalJobs() { pool_.join(); }

  void start(std::uint64_t i) {
    {
      const std::lock_guard lock(mutex_);
      ++running_;
    }
    boost::asio::post(pool_, [this, i] {
      ErasedResult result(nullptr, [](void*) {});
      std::optional<std::string> error;
      try {
        result = job_(i);
      } catch (const std::exception& e) {
        error = e.what();
      } catch (...) {
        error = "a replication failed";
      }
      const std::lock_guard lock(mutex_);
      --running_;
      if (error && !failure_) failure_ = error;
      done_.emplace(i, std::move(result));
      ready_.notify_all();
    });
  }
  unsigned running() {
    const std::lock_guard lock(mutex_);
    return running_;
  }
  /// Ends the whole MPI job when a local job failed.
  void check() {
    const std::lock_guard lock(mutex_);
    if (failure_) mpi::abort_job(*failure_);
  }
  /// Waits at most a pause for result `index` (any result when nullopt).
  void pause(std::optional<std::uint64_t> index) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, kPause, [&] {
      return failure_ || (index ? done_.count(*index) > 0 : !done_.empty());
    });
  }
  /// Result `index` (the first finished when nullopt), if finished.
  std::optional<std::pair<std::uint64_t, ErasedResult>> take(std::optional<std::uint64_t> index) {
    const std::lock_guard lock(mutex_);
    auto it = index ? done_.find(*index) : done_.begin();
    if (it == done_.end()) return std::nullopt;
    auto node = done_.extract(it);
    return std::pair<std::uint64_t, ErasedResult>{node.key(), std::move(node.mapped())};
  }
  void join() { pool_.join(); }

 private:
  boost::asio::thread_pool pool_;
  const ErasedJob& job_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::map<std::uint64_t, ErasedResult> done_;
  std::optional<std::string> failure_;
  unsigned running_ = 0;
};

std::string index_bytes(std::uint64_t i) {
  WireWriter w;
  w.u64(i);
  return w.take();
}

// Rank 0's side. Other ranks' free threads wait in `wants_`; each result frees one.
class Master {
 public:
  Master(std::uint64_t count, unsigned threads, const ErasedJob& job, const ErasedConsume& consume,
         const ErasedWire& wire)
      : count_(count), threads_(threads), local_(threads, job), consume_(consume), wire_(wire) {}

  std::uint64_t run() {
    await_hellos();
    // At most every thread's worth plus one results wait, as in one process.
    const std::uint64_t window = threads_ + live_ + 1;
    const auto start_jobs = [&] {
      while (!stop_ && started_ < count_ && started_ < consumed_ + window) {
        if (local_.running() < threads_) {
          local_.start(started_++);
        } else if (!wants_.empty()) {
          mpi::send(wants_.front(), mpi::Tag::assign, index_bytes(started_++));
          wants_.pop_front();
        } else {
          break;
        }
      }
    };
    start_jobs();
    while (!stop_ && consumed_ < started_) {
      local_.check();
      receive();
      ErasedResult result = take(consumed_);
      if (!result) {
        start_jobs();
        local_.pause(consumed_);
        continue;
      }
      if (!consume_(consumed_, result.get())) stop_ = true;
      ++consumed_;
      start_jobs();
    }
    stop_ = true;
    shut_down();
    return consumed_;
  }

 private:
  void await_hellos() {
    for (int hellos = 0; hellos < mpi::size() - 1;) {
      std::optional<mpi::Message> m = mpi::poll(-1);
      if (!m) {
        std::this_thread::sleep_for(kPause);
        continue;
      }
      if (m->tag != mpi::Tag::hello) mpi::abort_job("rank " + std::to_string(m->source) + " broke the protocol");
      WireReader r(m->bytes);
      const std::uint64_t n = r.u64();
      live_ += n;
      for (std::uint64_t k = 0; k < n; ++k) wants_.push_back(m->source);
      ++hellos;
    }
  }
  // Takes every waiting message: a result, and the thread that sent it is free again.
  bool receive() {
    bool any = false;
    while (std::optional<mpi::Message> m = mpi::poll(-1)) {
      any = true;
      if (m->tag != mpi::Tag::result) mpi::abort_job("rank " + std::to_string(m->source) + " broke the protocol");
      WireReader r(m->bytes);
      const std::uint64_t index = r.u64();
      if (!stop_) remote_.emplace(index, std::move(m->bytes));
      wants_.push_back(m->source);
    }
    return any;
  }
  ErasedResult take(std::uint64_t index) {
    if (auto local = local_.take(index)) return std::move(local->second);
    const auto it = remote_.find(index);
    if (it == remote_.end()) return {nullptr, [](void*) {}};
    WireReader r(it->second);
    r.u64();
    ErasedResult result = wire_.read(r);
    if (!r.at_end()) mpi::abort_job("a result from another rank has trailing bytes");
    remote_.erase(it);
    return result;
  }
  // Every other rank's threads are told to stop as they come free; late results are dropped.
  void shut_down() {
    while (live_ > 0) {
      for (; !wants_.empty(); wants_.pop_front(), --live_) mpi::send(wants_.front(), mpi::Tag::stop, {});
      if (live_ > 0 && !receive()) std::this_thread::sleep_for(kPause);
    }
    local_.join();
    local_.check();
  }

  std::uint64_t count_;
  unsigned threads_;
  LocalJobs local_;
  const ErasedConsume& consume_;
  const ErasedWire& wire_;
  std::deque<int> wants_;
  std::uint64_t live_ = 0;  // other ranks' threads not yet told to stop
  std::map<std::uint64_t, std::string> remote_;
  std::uint64_t started_ = 0;
  std::uint64_t consumed_ = 0;
  bool stop_ = false;
};

[[noreturn]] void run_worker(unsigned threads, const ErasedJob& job, const ErasedWire& wire) {
  LocalJobs local(threads, job);
  mpi::send(0, mpi::Tag::hello, index_bytes(threads));
  for (unsigned live = threads; live > 0;) {
    local.check();
    while (auto done = local.take(std::nullopt)) {
      WireWriter w;
      w.u64(done->first);
      wire.write(done->second.get(), w);
      mpi::send(0, mpi::Tag::result, w.bytes());
    }
    bool any = false;
    while (std::optional<mpi::Message> m = mpi::poll(0)) {
      any = true;
      if (m->tag == mpi::Tag::assign) {
        WireReader r(m->bytes);
        local.start(r.u64());
      } else if (m->tag == mpi::Tag::stop) {
        --live;
      } else {
        mpi::abort_job("rank 0 broke the protocol");
      }
    }
    if (!any) local.pause(std::nullopt);
  }
  local.join();
  local.check();
  throw mpi::RankDone{};
}

}  // namespace

std::uint64_t run_over_ranks(std::uint64_t count, unsigned threads, const ErasedJob& job,
                             const ErasedConsume& consume, const ErasedWire& wire) {
  if (threads == 0) threads = 1;
  mpi::start_work();
  if (mpi::rank() != 0) run_worker(threads, job, wire);
  try {
    Master master(count, threads, job, consume, wire);
    return master.run();
  } catch (const std::exception& e) {
    mpi::abort_job(e.what());
  }
}

}  // namespace dccsim::tools::detail
