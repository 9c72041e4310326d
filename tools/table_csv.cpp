#include "tools/table_csv.hpp"

#include <fmt/format.h>

#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

std::string csv_header(const Table& t, bool with_hw) {
  std::vector<std::string> header(t.key_names.begin(), t.key_names.end());
  for (const Column& c : t.columns) header.push_back(c.name);
  for (const DerivedColumn& d : t.derived) header.emplace_back(d.name);
  if (with_hw) {
    for (const Column& c : t.columns) header.push_back(c.name + "_hw");
  }
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + header[i];
  return out + '\n';
}

}  // namespace

std::string table_csv(const TablesAccumulator& acc, TableId table) {
  const Table& t = acc.shape().table(table);
  const bool with_hw = acc.count() > 1;
  std::string out = csv_header(t, with_hw);
  for (std::size_t row = 0; row < t.rows(); ++row) {
    std::vector<std::string> cells;
    for (const std::string& k : t.keys[row]) cells.push_back(csv_field(k));
    const std::vector<double> means = acc.means(table, row);
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      cells.push_back(format_number(means[c], t.columns[c].decimals));
    for (const DerivedColumn& d : t.derived) cells.push_back(csv_field(d.compute(t.keys[row], means)));
    if (with_hw) {
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        // One more decimal than the figure: a half-width below its resolution still shows.
        cells.push_back(format_number(half_width95(acc.cell(table, row, c)), t.columns[c].decimals + 1));
      }
    }
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
    out += line + '\n';
  }
  return out;
}

std::string breaches_csv(const TablesAccumulator& acc) {
  const bool with_replication = acc.count() > 1;
  std::string out = with_replication ? "replication,start,end,kind,where,peak_excess\n"
                                     : "start,end,kind,where,peak_excess\n";
  for (const ReplicatedBreach& r : acc.breaches()) {
    if (with_replication) out += std::to_string(r.replication) + ",";
    const BreachRow& b = r.breach;
    out += fmt::format("{},{},{},{},{}\n", b.start, b.end, b.kind, csv_field(b.where),
                       format_number(b.peak_excess, 6));
  }
  return out;
}

}  // namespace dccsim::tools
