#pragma once

#include <string>
#include <vector>

// The dccsim subcommands, each given its arguments after the command word; each returns the exit
// code (tools/command_line.hpp) and throws UsageError on a bad command line.
namespace dccsim::tools {

/// dccsim run: simulate a scenario (once or replicated), write its outputs, print its report.
int command_run(const std::vector<std::string>& args);
/// dccsim validate: check a scenario and its CSV files without running it.
int command_validate(const std::vector<std::string>& args);
/// dccsim compare: two policies with common random numbers.
int command_compare(const std::vector<std::string>& args);
/// dccsim sweep: a resumable full factorial grid with replications.
int command_sweep(const std::vector<std::string>& args);
/// dccsim variance: variance forecasts and their backtest.
int command_variance(const std::vector<std::string>& args);
/// dccsim search: the smallest value of a parameter at which a goal holds with confidence.
int command_search(const std::vector<std::string>& args);
/// dccsim measures: list every measure a scenario's run produces (name, unit, direction, meaning).
int command_measures(const std::vector<std::string>& args);
/// dccsim report: DIR/report.html, the charts of the outputs a command wrote into DIR.
int command_report(const std::vector<std::string>& args);

}  // namespace dccsim::tools
