#pragma once

// The sections with a table of defaults for the three CSP regions and a table per region over them
// ([alerts] and [alerts.north], [csp] and [csp.south], ...).

#include <array>
#include <cstddef>

#include "models/config.hpp"
#include "scenarios/reader.hpp"

namespace dccsim::scenarios {

/// Reads the defaults at `table` over configs[0], then each region's table over a copy of them:
/// `read_shared(view, config)` reads the keys both levels take, `read_own(view, config)` those only
/// a region has. The defaults are read once, so that a bad default is reported once, not per region.
template <class Config, class ReadShared, class ReadOwn>
void read_regions(const TableView& table, std::array<Config, models::kRegionCount>& configs,
                  ReadShared read_shared, ReadOwn read_own) {
  Config defaults = configs[0];
  read_shared(table, defaults);
  for (std::size_t i = 0; i < models::kRegionCount; ++i) {
    configs[i] = defaults;
    const TableView region = table.sub(models::region_name(static_cast<models::Region>(i)));
    read_shared(region, configs[i]);
    read_own(region, configs[i]);
  }
}

}  // namespace dccsim::scenarios
