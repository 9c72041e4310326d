#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/arrivals.hpp"
#include "models/config.hpp"
#include "models/demand/variance_cells.hpp"
#include "models/months.hpp"
#include "models/request.hpp"
#include "sim/calendar.hpp"
#include "sim/random.hpp"

namespace dccsim::models {

/// Where a User's meters are: what regions its requests go to, and how many its schedules read.
struct UserMeters {
  std::array<double, kRegionCount> region_cumulative{};  ///< cumulative meter shares
  double total = 0;
};

/// A stream of arrivals of one kind, holding one pending event at a time.
struct Source {
  enum class Type : std::uint8_t { sr, csr, scheduled, alert } type;
  std::uint32_t user = kNil;
  std::uint32_t cell = kNil;
  std::uint16_t sr_type = 0;
  std::uint8_t region = 0;
  bool future_only = false;  ///< an SR burst sent future-dated; for alerts: a storm (one window, no renewal)
  ArrivalPlan plan;
  sim::RandomStream arrivals;
  sim::RandomStream attributes;
  /// CSR batches: `plan` yields batch instants and `inner` the CSRs of the current batch.
  std::optional<ArrivalPlan> inner;
  std::uint64_t csr_left = 0;
  /// DCC schedules and alerts: the plan covers one run or day; `cursor` indexes the next one.
  std::size_t cursor = 0;
  std::size_t schedule = 0;
  std::uint64_t per_run = 0;
  bool primed = false;  ///< the pending event is an arrival (false: the start-up event)
};

/// The demand: every User's forecast lines turned into monthly counts (drawn from the User's
/// behaviour) and split among SR types by family share, CSR batches, bursts, DCC schedules, and
/// each region's alerts with their storms; each a Source with its own named random streams.
class Sources {
 public:
  /// Builds every source, counting forecasts into `cells`.
  Sources(const ModelConfig& config, const sim::Calendar& calendar, const MonthSpan& span, sim::Time horizon,
          VarianceCells& cells);

  /// The next arrival instant of source `s` (false: none before the horizon). Renews the plan of
  /// a CSR batch, a schedule's next run and an alert source's next day as they run out.
  bool next_arrival(Source& s, sim::Time& t);

  std::vector<Source>& all() { return sources_; }
  /// Per User, where its meters are.
  const std::vector<UserMeters>& meters() const { return meters_; }

 private:
  struct Line;
  void add_forecast_lines(std::uint32_t ui);
  void add_line(std::uint32_t ui, const Line& line);
  void add_family_split(std::uint32_t ui, std::uint32_t cell, const Line& line, std::uint64_t n,
                        sim::Time start, sim::Time end, const std::string& label,
                        sim::RandomStream& count_rng);
  void add_bursts(std::uint32_t ui);
  void add_schedules(std::uint32_t ui);
  void add_alerts();
  Source& add(Source::Type type, std::uint32_t user, std::uint32_t cell, std::size_t sr_type,
              std::size_t region, bool future_only, ArrivalPlan plan, const std::string& label);
  bool next_alert_day(Source& s);

  const ModelConfig* config_;
  const sim::Calendar* calendar_;
  const MonthSpan* span_;
  sim::Time horizon_;
  VarianceCells* cells_;
  std::vector<UserMeters> meters_;
  std::array<double, kRegionCount> region_meters_{};
  std::vector<Source> sources_;
};

}  // namespace dccsim::models
