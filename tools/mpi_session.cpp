// MPI behind tools/mpi_session.hpp: the only translation unit that includes <mpi.h>.
#include "tools/mpi_session.hpp"

#include <fmt/format.h>
#include <mpi.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <thread>

namespace dccsim::tools::mpi {
namespace {

// What rank 0 announces to every rank, by a non-blocking broadcast polled with pauses: Open MPI's
// blocking calls spin a core, which the other ranks on a node need for replications.
enum Announcement : std::int64_t { kWork = 1, kExit = 2, kValue = 3 };

struct State {
  bool active = false;  // MPI_Init was called
  int rank = 0;
  int size = 1;
  std::string host;
  bool work_started = false;  // rank 0: announced; other ranks: received
  int saved_stderr = -1;      // other ranks, until the work: stderr held in `held`
  std::FILE* held = nullptr;
};
State state;

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}

void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

void wait(MPI_Request& request) {
  int done = 0;
  for (;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    pause();
  }
}

std::array<std::int64_t, 2> broadcast(std::array<std::int64_t, 2> message) {
  MPI_Request request{};
  MPI_Ibcast(message.data(), 2, MPI_INT64_T, 0, MPI_COMM_WORLD, &request);
  wait(request);
  return message;
}

// Other ranks print the same diagnostics as rank 0 while validating; they are held until rank 0
// says how it went, then dropped (rank 0 printed them) or shown (this rank failed alone).
void hold_stderr() {
  std::fflush(stderr);
  state.held = std::tmpfile();
  if (state.held == nullptr) return;
  state.saved_stderr = dup(2);
  dup2(fileno(state.held), 2);
}

std::string release_stderr() {
  if (state.saved_stderr < 0) return {};
  std::fflush(stderr);
  dup2(state.saved_stderr, 2);
  close(state.saved_stderr);
  state.saved_stderr = -1;
  std::string text;
  std::rewind(state.held);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), state.held)) > 0) text.append(buffer.data(), n);
  std::fclose(state.held);
  state.held = nullptr;
  return text;
}

}  // namespace

Session::Session(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the calling thread of the work loop talks to MPI; pool threads never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  state.active = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &state.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &state.size);
  std::array<char, MPI_MAX_PROCESSOR_NAME> name{};
  int length = 0;
  MPI_Get_processor_name(name.data(), &length);
  state.host.assign(name.data(), static_cast<std::size_t>(length));
  if (state.rank > 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) std::fclose(stdout);
    hold_stderr();
  }
}

Session::~Session() {
  int finalized = 0;
  if (state.active && MPI_Finalized(&finalized) == MPI_SUCCESS && !finalized) MPI_Finalize();
}

int Session::finish(int exit_code, std::optional<int> announced) {
  if (!state.active) return exit_code;
  int code = exit_code;
  if (state.size > 1) {
    if (state.rank == 0) {
      broadcast({kExit, exit_code});
    } else if (announced) {
      code = *announced;
    } else {
      const auto message = broadcast({0, 0});
      const std::string held = release_stderr();
      if (message[0] != kExit) {
        // Rank 0 went on to the work this rank never reached: it failed alone.
        std::fputs(held.c_str(), stderr);
        abort_job(fmt::format("stopped (exit {}) where rank 0 went on to the work; its messages are above",
                              exit_code));
      }
      code = static_cast<int>(message[1]);
    }
  }
  MPI_Finalize();
  return code;
}

int rank() { return state.rank; }
int size() { return state.size; }
std::string host() {
  if (!state.host.empty()) return state.host;
  std::array<char, 256> name{};
  gethostname(name.data(), name.size() - 1);
  return name.data();
}
std::string where() { return fmt::format("rank {} on {}", rank(), host()); }
bool built_with_mpi() { return true; }
bool distributable() { return state.size > 1 && !state.work_started; }

void start_work() {
  if (!distributable()) return;
  state.work_started = true;
  if (state.rank == 0) {
    broadcast({kWork, 0});
    return;
  }
  const auto message = broadcast({0, 0});
  release_stderr();  // rank 0 printed the same
  if (message[0] != kWork) throw RankDone{static_cast<int>(message[1])};
}

void only_rank0() {
  if (!distributable()) return;
  start_work();
  if (state.rank != 0) throw RankDone{};
}

std::uint64_t share(std::uint64_t value) {
  if (state.size == 1) return value;
  const auto message = broadcast({kValue, static_cast<std::int64_t>(value)});
  if (message[0] == kExit) {
    release_stderr();  // rank 0 printed why
    throw RankDone{static_cast<int>(message[1])};
  }
  if (message[0] != kValue) abort_job("out of step with rank 0");
  return static_cast<std::uint64_t>(message[1]);
}

void send(int to, Tag tag, std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    abort_job(fmt::format("a result of {} bytes is too large for one MPI message", bytes.size()));
  }
  MPI_Request request{};
  MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, static_cast<int>(tag), MPI_COMM_WORLD,
            &request);
  wait(request);
}

std::optional<Message> poll(int from) {
  int flag = 0;
  MPI_Status status{};
  MPI_Iprobe(from < 0 ? MPI_ANY_SOURCE : from, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
  if (!flag) return std::nullopt;
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  Message m;
  m.source = status.MPI_SOURCE;
  m.tag = static_cast<Tag>(status.MPI_TAG);
  m.bytes.resize(static_cast<std::size_t>(count));
  MPI_Recv(m.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return m;
}

void abort_job(std::string_view what) {
  release_stderr();
  std::fprintf(stderr, "dccsim: error: %s: %.*s\n", where().c_str(), static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  if (state.active) MPI_Abort(MPI_COMM_WORLD, 1);
  std::_Exit(1);
}

}  // namespace dccsim::tools::mpi
