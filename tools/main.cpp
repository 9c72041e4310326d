// The dccsim command: dispatches to its subcommands.
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "tools/command_line.hpp"
#include "tools/commands.hpp"
#include "tools/mpi_session.hpp"
#include "tools/report_html.hpp"

using namespace dccsim::tools;

namespace {

const char* const kUsage =
    "usage: dccsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO       simulate a scenario, print its report and write its outputs\n"
    "  validate SCENARIO  check a scenario and its CSV files without running it\n"
    "  compare A B        compare two policies with common random numbers (or one scenario, --a/--b)\n"
    "  sweep SCENARIO     run a full factorial grid of --vary KEY=v1,v2,... with replications\n"
    "  variance           forecast the coming months' variance reports from history (or --backtest)\n"
    "  search SCENARIO    smallest --vary KEY=LO..HI at which --goal 'MEASURE >= VALUE' holds\n"
    "  measures SCENARIO  list the measures a run produces: name, unit, direction, meaning\n"
    "  report DIR         write DIR/report.html: charts of the outputs in DIR, opens offline\n"
    "\n"
    "options:\n"
    "  -h, --help         this text (also: dccsim <command> --help)\n"
    "  --version          the version\n"
    "\n"
    "exit codes: 0 success, 1 runtime failure, 2 bad input\n"
    "\n"
    "many machines: mpirun -n N dccsim run|compare|sweep ... (or srun under Slurm) spreads the\n"
    "replications and sweep points over N ranks, each on --threads threads; rank 0 merges them in\n"
    "replication order and alone writes the outputs, byte for byte those of one process. A sweep\n"
    "killed and started again (any number of ranks) resumes. Other commands (search among them,\n"
    "for now) run on rank 0 alone.\n";

// Commands whose work is spread over MPI ranks; the others run on rank 0 alone.
bool distributed(const std::string& command) {
  return command == "run" || command == "compare" || command == "sweep";
}

int dispatch(const std::vector<std::string>& all) {
  try {
    if (all.empty()) {
      std::fputs(kUsage, stderr);
      return kExitBadInput;
    }
    const std::string& command = all.front();
    const std::vector<std::string> rest(all.begin() + 1, all.end());
    if (command == "-h" || command == "--help" || command == "help") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (command == "--version") {
      std::printf("dccsim %s\n", version());
      return kExitOk;
    }
    if (command == "run") return command_run(rest);
    if (command == "validate") return command_validate(rest);
    if (command == "compare") return command_compare(rest);
    if (command == "sweep") return command_sweep(rest);
    if (command == "variance") return command_variance(rest);
    if (command == "search") return command_search(rest);
    if (command == "measures") return command_measures(rest);
    if (command == "report") return command_report(rest);
    throw UsageError(fmt::format("unknown command '{}' (try dccsim --help)", command));
  } catch (const UsageError& e) {
    std::fprintf(stderr, "dccsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dccsim: error: %s\n", e.what());
    return kExitRuntime;
  }
}

}  // namespace

int main(int argc, char** argv) {
  dccsim::tools::mpi::Session mpi(argc, argv);
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (dccsim::tools::mpi::rank() > 0 && (all.empty() || !distributed(all.front()))) return mpi.finish(kExitOk);
  try {
    return mpi.finish(dispatch(all));
  } catch (const dccsim::tools::mpi::RankDone& done) {
    return mpi.finish(kExitOk, done.exit_code);
  }
}
