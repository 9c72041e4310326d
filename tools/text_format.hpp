#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

// How every writer in tools/ turns values into text: one quoter, one number format, one time
// format, one terminal table.
namespace dccsim::tools {

/// A CSV field as RFC 4180 writes it: quoted (with "" for a quote) only when it holds a comma, a
/// quote or a line break.
std::string csv_field(std::string_view s);

/// `v` with `decimals` fixed decimals (0: whole); NaN and infinities as the empty string, and no
/// "-0.00" (a rounded negative zero reads as a sign error).
std::string format_number(double v, int decimals);

/// "1,209,004".
std::string group_thousands(std::uint64_t n);

/// "2018-08-15T18:00:00Z" for a simulated instant.
std::string iso_time(const sim::Calendar& calendar, sim::Time t);

/// A plain text table: header and rows of cells; numeric-looking cells are right-aligned.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

/// The arguments as one line for a POSIX shell, each single-quoted when it needs to be.
std::string shell_line(const std::vector<std::string>& arguments);

}  // namespace dccsim::tools
