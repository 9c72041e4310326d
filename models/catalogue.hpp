#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/any_distribution.hpp"
#include "sim/time.hpp"

// The SR catalogue: the variants a scenario may name, and the built-in one.
namespace dccsim::models {

/// One SR variant of the catalogue.
struct SrType {
  std::string id;                                    ///< e.g. "4.1.1"
  std::string name;                                  ///< e.g. "Read Instantaneous Import Registers"
  int family = 0;                                    ///< e.g. 4 (reads)
  bool on_demand = true;                             ///< may be sent for immediate execution
  bool future_dated = false;                         ///< may be sent for execution at a later time
  bool dcc_scheduled = false;                        ///< may be run by the DCC on a schedule
  bool reaches_device = true;                        ///< false: non-device SR, answered by the DSP alone
  sim::Duration target_response = sim::seconds(30);  ///< end-to-end target response time (L)
  sim::AnyDistribution dsp_service_s;                ///< DSP processing time, seconds
  double csp_cost = 1.0;         ///< CSP effort relative to a plain read (scales WAN+device latency)
  std::uint32_t token_cost = 1;  ///< Traffic Management tokens one SR consumes
  double family_share = 1.0;     ///< weight within its family when a forecast names the family
};

/// The SR catalogue: the variants a scenario may name.
struct Catalogue {
  std::vector<SrType> types;
  /// Index of the SR with `id`, or -1.
  int find(const std::string& id) const;
  /// Indices of the SRs of `family` (empty if none).
  std::vector<std::size_t> family_members(int family) const;
};

/// The built-in catalogue of the main SR variants (1.1.1, 2.2, 4.1.1, 4.6.1, 4.8.1, 6.23, 8.1.1,
/// 8.2, 11.1 and others) with plausible (L) service times and targets.
Catalogue default_catalogue();

}  // namespace dccsim::models
