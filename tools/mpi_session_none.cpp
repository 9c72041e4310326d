// tools/mpi_session.hpp in a build without MPI: one process, and a clear refusal under mpirun.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tools/mpi_session.hpp"

namespace dccsim::tools::mpi {

Session::Session(int& /*argc*/, char**& /*argv*/) {
  // Under mpirun each copy would think itself alone and write the same outputs.
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* n = std::getenv(v);
    if (n != nullptr && std::atoi(n) > 1) {
      std::fputs("dccsim: this build has no MPI (configure with MPI installed); run it as one process\n", stderr);
      std::exit(2);
    }
  }
}
Session::~Session() = default;
int Session::finish(int exit_code, std::optional<int> /*announced*/) { return exit_code; }

int rank() { return 0; }
int size() { return 1; }
std::string host() {
  std::array<char, 256> name{};
  gethostname(name.data(), name.size() - 1);
  return name.data();
}
std::string where() { return "rank 0 on " + host(); }
bool built_with_mpi() { return false; }
bool distributable() { return false; }
void start_work() {}
void only_rank0() {}
std::uint64_t share(std::uint64_t value) { return value; }
void send(int /*to*/, Tag /*tag*/, std::string_view /*bytes*/) { abort_job("no MPI in this build"); }
std::optional<Message> poll(int /*from*/) { return std::nullopt; }
void abort_job(std::string_view what) {
  std::fprintf(stderr, "dccsim: error: %s: %.*s\n", where().c_str(), static_cast<int>(what.size()), what.data());
  std::exit(1);
}

}  // namespace dccsim::tools::mpi
