#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The small interface dccsim has to MPI; only tools/mpi_session.cpp includes <mpi.h> (and
// tools/mpi_session_none.cpp stands in when the build has no MPI). MPI starts only when the
// process was launched by mpirun or srun, so a plain `dccsim ...` never touches it.
//
// How the ranks agree: every rank parses the same arguments and validates. Rank 0 announces the
// start of each distributed piece of work, and at the end its exit code; a rank that was not
// where rank 0 is (it failed alone: a file missing on its node) ends the job naming itself.
namespace dccsim::tools::mpi {

/// Thrown on ranks other than 0 once their share of the work is done, or when rank 0 ended before
/// the work: the command's own code after the work (writing outputs) is rank 0's alone. main
/// catches it; it is not a std::exception so that nothing on the way mistakes it for an error.
struct RankDone {
  std::optional<int> exit_code;  ///< rank 0's, when already announced
};

/// MPI for the life of main: started under mpirun/srun, finalized by finish().
class Session {
 public:
  Session(int& argc, char**& argv);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();
  /// The process's exit code: rank 0 announces `exit_code` to the others and returns it; another
  /// rank returns rank 0's code (or ends the job when it failed alone). `announced` is set when
  /// a RankDone already carried rank 0's code.
  int finish(int exit_code, std::optional<int> announced = std::nullopt);
};

/// This process's rank (0 without MPI).
int rank();
/// Number of ranks (1 without MPI).
int size();
/// This rank's host name.
std::string host();
/// "rank R on HOST".
std::string where();
/// Whether the build has MPI.
bool built_with_mpi();
/// Whether work can still be spread over ranks: several ranks, and no work started yet (ranks other
/// than 0 take part in one piece of work, then wait for the end).
bool distributable();

/// Rank 0: tells the others that distributed work starts. Other ranks: waits for that; throws
/// RankDone when rank 0 announced its exit instead. Nothing once work has started (or one rank).
void start_work();

/// Work not worth spreading (one replication): rank 0 goes on alone; another rank throws RankDone
/// and waits for the end. Nothing once work has started (or with one rank).
void only_rank0();

/// Rank 0: sends `value` to every rank and returns it. Other ranks: return rank 0's value (what
/// only rank 0 may find out, such as where a journal stands); RankDone when rank 0 ended instead.
std::uint64_t share(std::uint64_t value);

/// Point-to-point messages of the distributed work loop (tools/mpi_work.cpp).
enum class Tag : int { hello = 1, result = 2, assign = 3, stop = 4 };
struct Message {
  int source = 0;
  Tag tag = Tag::hello;
  std::string bytes;
};
/// Sends `bytes` to rank `to` (returns once the buffer may be reused).
void send(int to, Tag tag, std::string_view bytes);
/// A message waiting from `from` (any rank when negative), received; nullopt when none waits.
std::optional<Message> poll(int from);

/// Prints "dccsim: error: rank R on HOST: what" and ends every rank of the job (exit 1).
[[noreturn]] void abort_job(std::string_view what);

}  // namespace dccsim::tools::mpi
