// Replications, warm-up, policy comparison with common random numbers, and resumable sweeps.
#include "tools/experiments.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "scenarios/units.hpp"
#include "sim/output_analysis.hpp"
#include "tools/command_line.hpp"
#include "tools/json_writer.hpp"
#include "tools/output_files.hpp"
#include "tools/report.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace dccsim::tools {

models::ModelResults run_replication(const models::ModelConfig& config, sim::Duration warmup) {
  models::DccModel model(config);
  if (warmup > sim::Duration::zero()) {
    model.run_until(sim::Time::zero() + warmup);
    model.reset_statistics();
  }
  model.run();
  return model.results();
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

namespace {

// ---------------------------------------------------------------------------------------------
// compare

struct PairedCells {
  // [table][row of A][column]: A - B in each replication; rows of B matched by key.
  std::vector<std::vector<std::vector<sim::Tally>>> diff;
  std::vector<std::vector<long>> b_row;  // -1: the row has no match in B
};

constexpr std::size_t kComparedTables[] = {0, 1, 2, 3, 4, 5};  // all but the time series

std::string verdict_text(const sim::ConfidenceInterval& d, Better better) {
  const sim::Verdict v = sim::verdict(d);
  if (v == sim::Verdict::no_significant_difference || !std::isfinite(d.half_width))
    return "no significant difference";
  const bool a_higher = v == sim::Verdict::A_greater;
  switch (better) {
    case Better::higher:
      return a_higher ? "A better" : "B better";
    case Better::lower:
      return a_higher ? "B better" : "A better";
    case Better::neutral:
      break;
  }
  return a_higher ? "A higher" : "B higher";
}

std::string metric_name(const Table& t, std::size_t row, std::size_t column) {
  std::string name = t.name;
  for (const std::string& k : t.keys[row]) name += "." + k;
  return name + "." + t.columns[column].name;
}

}  // namespace

int command_compare(const std::vector<std::string>& args) {
  po::options_description options(
      "dccsim compare A.toml B.toml [options]\n"
      "dccsim compare S.toml --a KEY=VALUE... --b KEY=VALUE... [options]");
  options.add_options()("help,h", "this text")("a", po::value<std::vector<std::string>>()->composing(),
                                               "override for policy A (with one scenario)")(
      "b", po::value<std::vector<std::string>>()->composing(), "override for policy B (with one scenario)")(
      "set", po::value<std::vector<std::string>>()->composing(), "override for both")(
      "replications,r", po::value<Count>()->default_value(Count{10}), "paired replications")(
      "threads,j", po::value<Count>(), "worker threads (default: all cores)")(
      "seed", po::value<Count>(), "random seed for both (default: A's)")(
      "warmup", po::value<std::string>()->default_value("none"), "none, auto or a duration")(
      "out", po::value<std::string>(), "output folder (default: out/compare)")(
      "quiet,q", "no table on screen")("scenarios", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenarios", 2);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const auto files =
      vm.count("scenarios") ? vm["scenarios"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const auto a_sets = vm.count("a") ? vm["a"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const auto b_sets = vm.count("b") ? vm["b"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.empty()) throw UsageError("compare: one or two SCENARIO files are required");
  if (files.size() == 1 && a_sets.empty() && b_sets.empty()) {
    throw UsageError("compare: with one scenario, give --a and/or --b overrides");
  }
  if (files.size() == 2 && (!a_sets.empty() || !b_sets.empty())) {
    throw UsageError("compare: --a/--b apply to one scenario; with two, use --set for both");
  }
  const std::uint64_t replications = vm["replications"].as<Count>().value;
  if (replications < 2) throw UsageError("--replications: a paired interval needs at least 2");
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;

  auto common = set_values(vm);
  std::vector<std::string> sets_a = common;
  std::vector<std::string> sets_b = common;
  sets_a.insert(sets_a.end(), a_sets.begin(), a_sets.end());
  sets_b.insert(sets_b.end(), b_sets.begin(), b_sets.end());
  const auto a = load_or_report(files[0], parse_overrides(sets_a));
  const auto b = load_or_report(files.size() == 2 ? files[1] : files[0], parse_overrides(sets_b));
  if (!a || !b) return kExitBadInput;
  models::ModelConfig config_a = a->model;
  models::ModelConfig config_b = b->model;
  // Common random numbers: the same seed and replication numbers under both policies.
  config_a.seed = config_b.seed = vm.count("seed") ? vm["seed"].as<Count>().value : config_a.seed;
  config_b.replication = config_a.replication;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), config_a, quiet);
  const auto label = [](const std::string& file, const std::vector<std::string>& sets) {
    std::string s = fs::path(file).filename().string();
    for (const std::string& x : sets) s += " " + x;
    return s;
  };
  const std::string label_a = label(files[0], a_sets);
  const std::string label_b = label(files.size() == 2 ? files[1] : files[0], b_sets);
  const fs::path out_dir =
      vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("out") / "compare";

  using Pair = std::pair<ResultTables, ResultTables>;
  TablesAccumulator acc_a;
  TablesAccumulator acc_b;
  PairedCells paired;
  const std::function<Pair(std::uint64_t)> job = [&](std::uint64_t i) {
    models::ModelConfig ca = config_a;
    models::ModelConfig cb = config_b;
    ca.replication += i;
    cb.replication += i;
    return Pair{tabulate(run_replication(ca, warmup), ca.epoch, ca.reporting),
                tabulate(run_replication(cb, warmup), cb.epoch, cb.reporting)};
  };
  const std::function<bool(std::uint64_t, Pair &&)> consume = [&](std::uint64_t i, Pair&& p) {
    acc_a.add(p.first, i);
    acc_b.add(p.second, i);
    const auto ta = p.first.all();
    const auto tb = p.second.all();
    if (paired.diff.empty()) {
      paired.diff.resize(ta.size());
      paired.b_row.resize(ta.size());
      for (std::size_t t = 0; t < ta.size(); ++t) {
        for (std::size_t row = 0; row < ta[t]->keys.size(); ++row) {
          const auto it = std::find(tb[t]->keys.begin(), tb[t]->keys.end(), ta[t]->keys[row]);
          paired.b_row[t].push_back(it == tb[t]->keys.end() ? -1
                                                            : static_cast<long>(it - tb[t]->keys.begin()));
          paired.diff[t].emplace_back(ta[t]->columns.size());
        }
      }
    }
    for (const std::size_t t : kComparedTables) {
      for (std::size_t row = 0; row < ta[t]->keys.size(); ++row) {
        const long rb = paired.b_row[t][row];
        if (rb < 0) continue;
        for (std::size_t c = 0; c < ta[t]->columns.size(); ++c) {
          const double d = ta[t]->values[row][c] - tb[t]->values[static_cast<std::size_t>(rb)][c];
          if (std::isfinite(d)) paired.diff[t][row][c].add(d);
        }
      }
    }
    return true;
  };
  run_in_order<Pair>(replications, threads, job, consume);

  // compare.csv, compare.json and the screen table.
  std::string csv = "metric,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,verdict\n";
  JsonWriter j;
  j.begin_object();
  j.key("a").value(label_a);
  j.key("b").value(label_b);
  j.key("seed").value(config_a.seed);
  j.key("replications").value(replications);
  j.key("metrics").begin_array();
  std::vector<std::vector<std::string>> screen;
  const ResultTables& shape = acc_a.shape();
  const auto tables = shape.all();
  const auto interval = [](const sim::Tally& t) { return sim::t_interval(t, 0.95); };
  for (const std::size_t t : kComparedTables) {
    const Table& table = *tables[t];
    for (std::size_t row = 0; row < table.keys.size(); ++row) {
      const long rb = paired.b_row[t][row];
      if (rb < 0) continue;
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const sim::Tally& d = paired.diff[t][row][c];
        if (d.count() < 2) continue;
        const sim::ConfidenceInterval ia = interval(acc_a.cell(t, row, c));
        const sim::ConfidenceInterval ib = interval(acc_b.cell(t, static_cast<std::size_t>(rb), c));
        const sim::ConfidenceInterval id = interval(d);
        const std::string name = metric_name(table, row, c);
        const std::string verdict = verdict_text(id, table.columns[c].better);
        const int dec = std::max(table.columns[c].decimals, 2);
        csv += fmt::format("{},{},{},{},{},{},{},{}\n", name, format_number(ia.mean, dec),
                           format_number(ia.half_width, dec + 1), format_number(ib.mean, dec),
                           format_number(ib.half_width, dec + 1), format_number(id.mean, dec),
                           format_number(id.half_width, dec + 1), verdict);
        j.begin_object();
        j.key("metric").value(name);
        j.key("a_mean").value(ia.mean);
        j.key("a_hw").value(ia.half_width);
        j.key("b_mean").value(ib.mean);
        j.key("b_hw").value(ib.half_width);
        j.key("difference").value(id.mean);
        j.key("difference_hw").value(id.half_width);
        j.key("verdict").value(verdict);
        j.end_object();
        const bool headline =
            t == 0 || (t == 4 && c == 2) || (t == 3 && (c == 6 || c == 7)) || (t == 5 && c == 2);
        if (headline) {
          screen.push_back({name, format_number(ia.mean, dec) + " ± " + format_number(ia.half_width, dec),
                            format_number(ib.mean, dec) + " ± " + format_number(ib.half_width, dec),
                            format_number(id.mean, dec) + " ± " + format_number(id.half_width, dec),
                            verdict});
        }
      }
    }
  }
  j.end_array();
  j.end_object();
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", out_dir.string(), ec.message()));
  write_file_atomically(out_dir / "compare.csv", csv);
  write_file_atomically(out_dir / "compare.json", j.str());
  if (!quiet) {
    std::printf(
        "A: %s\nB: %s\n%llu paired replications (common random numbers), 95 %% intervals on A - B\n\n",
        label_a.c_str(), label_b.c_str(), static_cast<unsigned long long>(replications));
    std::fputs(text_table({"measure", "A", "B", "A - B", "verdict"}, screen).c_str(), stdout);
    std::printf("\nAll measures in %s/compare.csv\n", out_dir.string().c_str());
  }
  return kExitOk;
}

// ---------------------------------------------------------------------------------------------
// sweep

namespace {

struct Vary {
  std::string key;
  std::vector<std::string> values;
};

Vary parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw UsageError(fmt::format("--vary: expected KEY=v1,v2,..., got '{}'", text));
  }
  Vary v{text.substr(0, eq), {}};
  std::string item;
  std::istringstream values(text.substr(eq + 1));
  while (std::getline(values, item, ',')) {
    if (item.empty()) throw UsageError(fmt::format("--vary {}: empty value", v.key));
    v.values.push_back(item);
  }
  return v;
}

// The figures a sweep records per (point, replication): few, so each row stays readable.
const std::vector<std::string> kSweepMetrics = {"generated",
                                                "completed_within_target",
                                                "rejected",
                                                "failed",
                                                "in_flight",
                                                "share_on_demand",
                                                "share_future_dated",
                                                "share_alerts",
                                                "dsp_utilisation",
                                                "max_csp_utilisation",
                                                "dsp_wait_mean_s",
                                                "max_csp_wait_mean_s",
                                                "throttle_rejections",
                                                "breaches"};

std::vector<double> sweep_metrics(const ResultTables& t) {
  std::vector<double> m;
  const auto& req = t.requests.values[0];  // carried_in, generated, completed, within, late, rejected, ...
  m.push_back(req[1]);
  m.push_back(req[3]);
  m.push_back(req[5]);
  m.push_back(req[8]);
  m.push_back(req[11]);
  // First month's shares within target (NaN without traffic).
  for (const char* cls : {"on_demand", "future_dated", "alerts"}) {
    double share = NAN;
    for (std::size_t row = 0; row < t.performance.keys.size(); ++row) {
      if (t.performance.keys[row][0] == cls) {
        share = t.performance.values[row][2];
        break;
      }
    }
    m.push_back(share);
  }
  double dsp_util = NAN, dsp_wait = NAN, csp_util = 0, csp_wait = 0;
  for (std::size_t row = 0; row < t.stations.keys.size(); ++row) {
    const std::string& name = t.stations.keys[row][0];
    const auto& v = t.stations.values[row];
    if (name == "dsp") {
      dsp_util = v[6];
      dsp_wait = v[7];
    } else if (name.rfind("csp_", 0) == 0) {
      csp_util = std::max(csp_util, v[6]);
      if (std::isfinite(v[7])) csp_wait = std::max(csp_wait, v[7]);
    }
  }
  m.push_back(dsp_util);
  m.push_back(csp_util);
  m.push_back(dsp_wait);
  m.push_back(csp_wait);
  double rejections = 0;
  for (const auto& row : t.throttle.values) rejections += row[2];
  m.push_back(rejections);
  m.push_back(static_cast<double>(t.breaches.size()));
  return m;
}

// Appends one whole line with a single write and flushes it to disk: a sweep killed at any moment
// leaves complete rows, or a partial last line that the next run cuts off.
void append_line(const fs::path& file, const std::string& line) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot append to {}", file.string()));
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int synced = ::fsync(fd);
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size()) || synced != 0) {
    throw std::runtime_error(fmt::format("cannot append to {}", file.string()));
  }
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int command_sweep(const std::vector<std::string>& args) {
  po::options_description options("dccsim sweep SCENARIO --vary KEY=v1,v2,... [--vary ...] [options]");
  options.add_options()("help,h", "this text")("vary", po::value<std::vector<std::string>>()->composing(),
                                               "a key and its values; several give a full factorial grid")(
      "set", po::value<std::vector<std::string>>()->composing(), "override for every point")(
      "replications,r", po::value<Count>()->default_value(Count{3}), "replications per point")(
      "threads,j", po::value<Count>(), "worker threads (default: all cores)")(
      "seed", po::value<Count>(), "random seed (default: the scenario's)")(
      "warmup", po::value<std::string>()->default_value("none"), "none or a duration")(
      "out", po::value<std::string>(), "output folder (default: out/sweep-<scenario name>)")(
      "quiet,q", "no progress")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const po::variables_map vm = parse_command(args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("sweep: a SCENARIO file is required");
  if (!vm.count("vary")) throw UsageError("sweep: at least one --vary KEY=v1,v2,... is required");
  std::vector<Vary> grid;
  for (const std::string& text : vm["vary"].as<std::vector<std::string>>()) grid.push_back(parse_vary(text));
  const std::uint64_t replications = vm["replications"].as<Count>().value;
  if (replications == 0) throw UsageError("--replications: must be at least 1");
  const unsigned threads = thread_count(vm);
  const bool quiet = vm.count("quiet") > 0;
  const std::string file = vm["scenario"].as<std::string>();
  const auto common = set_values(vm);

  // Every point is loaded and validated before anything runs.
  std::size_t points = 1;
  for (const Vary& v : grid) points *= v.values.size();
  std::vector<models::ModelConfig> configs;
  std::vector<std::vector<std::string>> point_values;
  std::string scenario_name;
  bool bad = false;
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::string> sets = common;
    std::vector<std::string> values;
    std::size_t rest = p;
    for (std::size_t k = grid.size(); k-- > 0;) {  // the first --vary changes slowest
      values.insert(values.begin(), grid[k].values[rest % grid[k].values.size()]);
      rest /= grid[k].values.size();
    }
    for (std::size_t k = 0; k < grid.size(); ++k) sets.push_back(grid[k].key + "=" + values[k]);
    auto scenario = load_or_report(file, parse_overrides(sets));
    if (!scenario) {
      bad = true;
      continue;
    }
    if (vm.count("seed")) scenario->model.seed = vm["seed"].as<Count>().value;
    scenario_name = scenario->name;
    configs.push_back(std::move(scenario->model));
    point_values.push_back(values);
  }
  if (bad) return kExitBadInput;
  const sim::Duration warmup = parse_warmup(vm["warmup"].as<std::string>(), configs.front(), quiet);
  const fs::path out_dir =
      vm.count("out") ? fs::path(vm["out"].as<std::string>()) : fs::path("out") / ("sweep-" + scenario_name);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", out_dir.string(), ec.message()));

  // The arguments that define the rows; a restart must give the same ones.
  std::string header = "point";
  for (const Vary& v : grid) header += "," + v.key;
  header += ",replication";
  for (const std::string& m : kSweepMetrics) header += "," + m;
  JsonWriter meta;
  meta.begin_object();
  meta.key("scenario").value(fs::path(file).filename().string());
  meta.key("seed").value(configs.front().seed);
  meta.key("replications").value(replications);
  meta.key("warmup_s").value(warmup.seconds());
  meta.key("set").begin_array();
  for (const std::string& s : common) meta.value(s);
  meta.end_array();
  meta.key("vary").begin_array();
  for (const Vary& v : grid) {
    meta.begin_object();
    meta.key("key").value(v.key);
    meta.key("values").begin_array();
    for (const std::string& x : v.values) meta.value(x);
    meta.end_array();
    meta.end_object();
  }
  meta.end_array();
  meta.end_object();
  const fs::path rows_file = out_dir / "sweep.csv";
  const fs::path meta_file = out_dir / "sweep_args.json";

  std::uint64_t done_rows = 0;
  if (fs::exists(rows_file)) {
    if (!fs::exists(meta_file) || read_all(meta_file) != meta.str()) {
      std::fprintf(stderr, "%s: written by a sweep with other arguments; use another --out or remove it\n",
                   rows_file.string().c_str());
      return kExitBadInput;
    }
    std::string text = read_all(rows_file);
    // A row cut short by a kill has no newline: drop it, it is recomputed.
    const auto last_newline = text.rfind('\n');
    const std::size_t keep = last_newline == std::string::npos ? 0 : last_newline + 1;
    if (keep != text.size()) {
      fs::resize_file(rows_file, keep);
      text.resize(keep);
    }
    if (text.empty()) {
      fs::remove(rows_file);
    } else {
      if (text.compare(0, header.size() + 1, header + "\n") != 0) {
        std::fprintf(stderr, "%s:1: header: not this sweep's header\n", rows_file.string().c_str());
        return kExitBadInput;
      }
      done_rows = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) - 1;
    }
  }
  if (!fs::exists(rows_file)) {
    write_file_atomically(meta_file, meta.str());
    append_line(rows_file, header + "\n");
  }
  const std::uint64_t total = points * replications;
  if (!quiet && done_rows > 0) {
    std::fprintf(stderr, "resuming: %llu of %llu rows already done\n",
                 static_cast<unsigned long long>(done_rows), static_cast<unsigned long long>(total));
  }

  const std::function<std::vector<double>(std::uint64_t)> job = [&](std::uint64_t k) {
    const std::uint64_t index = done_rows + k;
    models::ModelConfig c = configs[index / replications];
    c.replication += index % replications;
    return sweep_metrics(tabulate(run_replication(c, warmup), c.epoch, c.reporting));
  };
  const std::function<bool(std::uint64_t, std::vector<double> &&)> consume = [&](std::uint64_t k,
                                                                                 std::vector<double>&& m) {
    const std::uint64_t index = done_rows + k;
    std::string line = std::to_string(index / replications);
    for (const std::string& v : point_values[index / replications]) line += "," + v;
    line += "," + std::to_string(index % replications);
    for (const double x : m) line += "," + format_number(x, 6);
    append_line(rows_file, line + "\n");
    if (!quiet) {
      std::fprintf(stderr, "\r  %llu of %llu rows   ", static_cast<unsigned long long>(index + 1),
                   static_cast<unsigned long long>(total));
    }
    return true;
  };
  if (done_rows < total) run_in_order<std::vector<double>>(total - done_rows, threads, job, consume);
  if (!quiet) std::fprintf(stderr, "\r%40s\r", "");

  // The summary per point is rebuilt from the rows on disk, so rows of earlier runs count.
  std::vector<std::vector<sim::Tally>> tallies(points, std::vector<sim::Tally>(kSweepMetrics.size()));
  std::istringstream rows(read_all(rows_file));
  std::string line;
  std::getline(rows, line);  // header
  while (std::getline(rows, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream fields(line);
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    const std::size_t p = std::stoul(cells[0]);
    const std::size_t first = 2 + grid.size();
    for (std::size_t m = 0; m < kSweepMetrics.size() && first + m < cells.size(); ++m) {
      if (!cells[first + m].empty()) tallies[p][m].add(std::stod(cells[first + m]));
    }
  }
  std::string summary = "point";
  for (const Vary& v : grid) summary += "," + v.key;
  summary += ",replications";
  for (const std::string& m : kSweepMetrics) summary += "," + m + "," + m + "_hw";
  summary += "\n";
  std::vector<std::vector<std::string>> screen;
  for (std::size_t p = 0; p < points; ++p) {
    std::string row = std::to_string(p);
    for (const std::string& v : point_values[p]) row += "," + v;
    row += "," + std::to_string(tallies[p][0].count());
    for (const sim::Tally& t : tallies[p]) {
      const sim::ConfidenceInterval ci = sim::t_interval(t, 0.95);
      row += "," + format_number(t.count() ? t.mean() : NAN, 6) + "," + format_number(ci.half_width, 6);
    }
    summary += row + "\n";
    std::vector<std::string> cells = point_values[p];
    const auto pmx = [&](std::size_t m, int dec, double scale) {
      const sim::ConfidenceInterval ci = sim::t_interval(tallies[p][m], 0.95);
      return format_number(ci.mean * scale, dec) +
             (std::isfinite(ci.half_width) ? " ± " + format_number(ci.half_width * scale, dec) : "");
    };
    cells.push_back(pmx(5, 3, 100) + " %");
    cells.push_back(pmx(9, 2, 100) + " %");
    cells.push_back(pmx(12, 0, 1));
    cells.push_back(pmx(13, 1, 1));
    screen.push_back(cells);
  }
  write_file_atomically(out_dir / "sweep_summary.csv", summary);
  if (!quiet) {
    std::vector<std::string> head;
    for (const Vary& v : grid) head.push_back(v.key);
    head.insert(head.end(), {"on-demand within target", "max CSP utilisation", "throttled", "breaches"});
    std::fputs(text_table(head, screen).c_str(), stdout);
    std::printf("\nRows in %s, summary per point in %s\n", rows_file.string().c_str(),
                (out_dir / "sweep_summary.csv").string().c_str());
  }
  return kExitOk;
}

}  // namespace dccsim::tools
