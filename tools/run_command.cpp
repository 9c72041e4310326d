// dccsim run and dccsim validate.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "models/network.hpp"
#include "sim/output_analysis.hpp"
#include "tools/command_line.hpp"
#include "tools/experiments.hpp"
#include "tools/output_files.hpp"
#include "tools/report.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {

int command_validate(const std::vector<std::string>& args) {
  po::options_description options("dccsim validate SCENARIO [--set KEY=VALUE]...");
  options.add_options()("help,h", "this text")("set", po::value<std::vector<std::string>>()->composing(),
                                               "override a scenario value, e.g. dsp.servers=64")(
      "scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("validate: a SCENARIO file is required");
  const auto sets = parse_overrides(set_values(vm));
  const auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  const models::ModelConfig& m = scenario->model;
  std::printf("%s: ok: scenario %s, %zu users, %.1f days from %04d-%02u-%02u, seed %llu\n",
              vm["scenario"].as<std::string>().c_str(), scenario->name.c_str(), m.users.size(),
              m.horizon.seconds() / 86'400.0, m.epoch.year, m.epoch.month, m.epoch.day,
              static_cast<unsigned long long>(m.seed));
  return kExitOk;
}

namespace {

// Relative 95 % half-widths of the headline measures: shares within target, utilisation and mean
// wait at every station, requests completed within target. NaN-free only when all are defined.
double worst_relative_half_width(const TablesAccumulator& acc) {
  double worst = 0;
  const auto consider = [&](std::size_t table, std::size_t row, std::size_t column) {
    const sim::Tally& cell = acc.cell(table, row, column);
    if (cell.count() < 2 || cell.mean() == 0) return;
    const double hw = sim::t_interval(cell, 0.95).half_width;
    worst = std::max(worst, std::abs(hw / cell.mean()));
  };
  const ResultTables& shape = acc.shape();
  consider(0, 0, 3);  // requests completed within target
  for (std::size_t row = 0; row < shape.performance.keys.size(); ++row) consider(4, row, 2);
  for (std::size_t row = 0; row < shape.stations.keys.size(); ++row) {
    consider(3, row, 6);  // utilisation
    consider(3, row, 7);  // wait mean
  }
  return worst;
}

std::string pm(const sim::Tally& cell, int decimals, double scale = 1.0) {
  if (cell.count() == 0) return "-";
  const double hw = sim::t_interval(cell, 0.95).half_width;
  if (cell.count() < 2 || !std::isfinite(hw)) return format_number(cell.mean() * scale, decimals);
  return format_number(cell.mean() * scale, decimals) + " ± " + format_number(hw * scale, decimals);
}

// The terminal summary of a replicated run: every figure as mean ± 95 % half-width.
std::string replicated_report(const TablesAccumulator& acc, const RunInfo& info) {
  const ResultTables& s = acc.shape();
  std::string out =
      fmt::format("Scenario {} (seed {}): {} replications{}\n\n", info.scenario, info.seed, acc.count(),
                  info.warmup_s > 0 ? fmt::format(", warm-up {:.0f} s deleted", info.warmup_s) : "");
  out += "Variance against forecast (mean ± 95 % half-width)\n";
  for (std::size_t row = 0; row < s.variance_totals.keys.size(); ++row) {
    out += fmt::format("  {}: about {} requests were sent versus a forecast of {} ({} %)\n",
                       s.variance_totals.keys[row][0] == "sr" ? "SRs " : "CSRs", pm(acc.cell(1, row, 1), 0),
                       pm(acc.cell(1, row, 0), 0), pm(acc.cell(1, row, 2), 1));
  }
  out += "\nCode Performance Measures\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t row = 0; row < s.performance.keys.size(); ++row) {
    std::vector<double> means(s.performance.columns.size());
    for (std::size_t c = 0; c < means.size(); ++c) {
      means[c] = acc.cell(4, row, c).count() ? acc.cell(4, row, c).mean() : NAN;
    }
    rows.push_back({s.performance.keys[row][0], s.performance.keys[row][1], pm(acc.cell(4, row, 0), 0),
                    pm(acc.cell(4, row, 2), 3, 100.0) + " %",
                    s.performance.derived[0].compute(s.performance.keys[row], means)});
  }
  out += text_table({"measure", "month", "responses", "within target", "status"}, rows);
  out += "\nStations\n";
  rows.clear();
  for (std::size_t row = 0; row < s.stations.keys.size(); ++row) {
    rows.push_back({s.stations.keys[row][0], pm(acc.cell(3, row, 6), 3, 100.0) + " %",
                    pm(acc.cell(3, row, 1), 0), pm(acc.cell(3, row, 7), 4), pm(acc.cell(3, row, 9), 4),
                    pm(acc.cell(3, row, 13), 2)});
  }
  out += text_table({"station", "utilisation", "arrivals", "wait mean s", "wait p95 s", "queue mean"}, rows);
  out += "\nTraffic Management\n";
  rows.clear();
  for (std::size_t row = 0; row < s.throttle.keys.size(); ++row) {
    rows.push_back({s.throttle.keys[row][0], pm(acc.cell(5, row, 0), 0), pm(acc.cell(5, row, 1), 0),
                    pm(acc.cell(5, row, 2), 0), pm(acc.cell(5, row, 4), 0)});
  }
  out += text_table({"user", "offered", "admitted", "rejected", "retried"}, rows);
  out += fmt::format(
      "\nRequests per replication: {} generated, {} completed within target, {} rejected, {} failed, {} in "
      "flight\n",
      pm(acc.cell(0, 0, 1), 0), pm(acc.cell(0, 0, 3), 0), pm(acc.cell(0, 0, 5), 0), pm(acc.cell(0, 0, 8), 0),
      pm(acc.cell(0, 0, 11), 0));
  out += fmt::format("Breaches: {} over all replications (breaches.csv)\n", acc.breaches().size());
  return out;
}

}  // namespace

int command_run(const std::vector<std::string>& args) {
  po::options_description options("dccsim run SCENARIO [options]");
  options.add_options()("help,h", "this text")("seed", po::value<Count>(),
                                               "random seed (default: the scenario's)")(
      "out", po::value<std::string>(), "output folder (default: out/<scenario name>)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario value, e.g. dsp.servers=64")("replications,r",
                                                        po::value<Count>()->default_value(Count{1}),
                                                        "independent replications (mean ± 95 % half-width)")(
      "threads,j", po::value<Count>(), "worker threads (default: all cores)")(
      "precision", po::value<double>(),
      "add replications until the relative half-width of the headline measures is below this, e.g. 0.01")(
      "max-replications", po::value<Count>()->default_value(Count{100}), "upper bound with --precision")(
      "warmup", po::value<std::string>()->default_value("none"),
      "statistics deleted before this: none (terminating study), auto (MSER-5), or a duration such as 2h")(
      "quiet,q", "no report and no progress, only errors")("scenario", po::value<std::string>(),
                                                           "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("run: a SCENARIO file is required");
  const bool quiet = vm.count("quiet") > 0;
  const std::uint64_t replications = vm["replications"].as<Count>().value;
  const std::uint64_t max_replications = vm["max-replications"].as<Count>().value;
  const double precision = vm.count("precision") ? vm["precision"].as<double>() : 0.0;
  if (replications == 0) throw UsageError("--replications: must be at least 1");
  if (vm.count("precision") && !(precision > 0 && precision < 1))
    throw UsageError("--precision: must be in (0, 1)");
  if (vm.count("precision") && max_replications < std::max<std::uint64_t>(replications, 2)) {
    throw UsageError("--max-replications: must be at least --replications and 2");
  }
  const unsigned threads = thread_count(vm);
  const auto sets = parse_overrides(set_values(vm));
  auto scenario = load_or_report(vm["scenario"].as<std::string>(), sets);
  if (!scenario) return kExitBadInput;
  models::ModelConfig& config = scenario->model;
  if (vm.count("seed")) config.seed = vm["seed"].as<Count>().value;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), config, quiet);
  const fs::path out_dir =
      vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("out") / scenario->name;

  RunInfo info;
  info.scenario = scenario->name;
  // The file name only: outputs must not depend on where the command was run from.
  info.scenario_file = fs::path(vm["scenario"].as<std::string>()).filename().string();
  info.epoch = config.epoch;
  info.seed = config.seed;
  info.warmup_s = warmup.seconds();
  info.horizon = sim::Time::zero() + config.horizon;

  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&started] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  const bool progress = !quiet && isatty(fileno(stderr)) != 0;
  TablesAccumulator acc;
  std::optional<models::ModelResults> single;

  if (replications == 1 && precision == 0) {
    models::DccModel model(config);
    bool progress_shown = false;
    const sim::Duration step = std::max(config.horizon / 500, sim::seconds(1));
    bool warmed = warmup == sim::Duration::zero();
    while (model.now() < model.horizon()) {
      sim::Time next = model.now() + step;
      if (!warmed) next = std::min(next, sim::Time::zero() + warmup);
      model.run_until(next);
      if (!warmed && model.now() >= sim::Time::zero() + warmup) {
        model.reset_statistics();
        warmed = true;
      }
      const double wall = elapsed();
      if (progress && wall > 1.0) {
        const double done = model.now().seconds() / model.horizon().seconds();
        const double eta = done > 0 ? wall * (1 - done) / done : 0;
        const sim::Calendar calendar(config.epoch);
        std::fprintf(stderr, "\r  %5.1f%%  simulated to %s  %.2f M events/s  %s left   ", done * 100.0,
                     iso_time(calendar, model.now()).c_str(),
                     static_cast<double>(model.events()) / wall / 1e6, human_duration(eta).c_str());
        progress_shown = true;
      }
    }
    if (progress_shown) std::fprintf(stderr, "\r%80s\r", "");
    single = model.results();
    acc.add(tabulate(*single, config.epoch, config.reporting), config.replication);
  } else {
    const std::uint64_t count = precision > 0 ? max_replications : replications;
    const std::function<ResultTables(std::uint64_t)> job = [&config, warmup](std::uint64_t i) {
      models::ModelConfig c = config;
      c.replication = config.replication + i;
      return tabulate(run_replication(c, warmup), c.epoch, c.reporting);
    };
    const std::function<bool(std::uint64_t, ResultTables &&)> consume = [&](std::uint64_t i,
                                                                            ResultTables&& tables) {
      acc.add(tables, config.replication + i);
      if (progress) {
        std::fprintf(stderr, "\r  replication %llu done, %s elapsed   ",
                     static_cast<unsigned long long>(i + 1), human_duration(elapsed()).c_str());
      }
      if (precision > 0 && acc.count() >= std::max<std::uint64_t>(replications, 2)) {
        return worst_relative_half_width(acc) > precision;
      }
      return true;
    };
    run_in_order<ResultTables>(count, threads, job, consume);
    if (progress) std::fprintf(stderr, "\r%60s\r", "");
    if (precision > 0 && !quiet) {
      std::fprintf(stderr, "precision: %llu replications, worst relative half-width %.4f (target %.4f)%s\n",
                   static_cast<unsigned long long>(acc.count()), worst_relative_half_width(acc), precision,
                   worst_relative_half_width(acc) > precision ? ": not reached by --max-replications" : "");
    }
  }
  const double wall = elapsed();
  write_run_outputs(out_dir, acc, info);
  // Wall-clock figures live in their own file so every other output is byte-identical per seed.
  write_file_atomically(
      out_dir / "timing.json",
      fmt::format("{{\"wall_seconds\":{:.3f},\"events\":{:.0f},\"events_per_s\":{:.0f},\"threads\":{}}}\n",
                  wall, acc.events(), acc.events() / std::max(wall, 1e-9), threads));
  if (!quiet) {
    std::fputs(single ? run_report(*single, info).c_str() : replicated_report(acc, info).c_str(), stdout);
    std::printf("\nWall time %.2f s (%.2f M events/s). Outputs in %s/\n", wall,
                acc.events() / std::max(wall, 1e-9) / 1e6, out_dir.string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
