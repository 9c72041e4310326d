#include "tools/comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tools/json_writer.hpp"
#include "tools/text_format.hpp"

namespace dccsim::tools {
namespace {

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
  std::string name(t.name);
  for (const std::string& k : t.keys[row]) name += "." + k;
  return name + "." + t.columns[column].name;
}

// The measures shown on screen: the accounting, shares within target, station utilisation and
// mean wait, rejections per User.
bool is_headline(TableId t, std::size_t column) {
  switch (t) {
    case TableId::requests:
      return true;
    case TableId::performance:
      return column == PerformanceTable::share_within_target;
    case TableId::stations:
      return column == StationsTable::utilisation || column == StationsTable::wait_mean_s;
    case TableId::throttle:
      return column == ThrottleTable::rejected;
    default:
      return false;
  }
}

std::string plus_minus(double mean, double half_width, int decimals) {
  return format_number(mean, decimals) + " ± " + format_number(half_width, decimals);
}

}  // namespace

void PairedTables::add(const ResultTables& a, const ResultTables& b) {
  const auto ta = a.all();
  const auto tb = b.all();
  for (std::size_t t = 0; t < kTableCount; ++t) {
    if (!is_compared(static_cast<TableId>(t))) continue;
    if (!matched_) {
      for (std::size_t row = 0; row < ta[t]->rows(); ++row) {
        const auto it = std::find(tb[t]->keys.begin(), tb[t]->keys.end(), ta[t]->keys[row]);
        b_row_[t].push_back(it == tb[t]->keys.end() ? std::nullopt
                                                    : std::optional<std::size_t>(static_cast<std::size_t>(
                                                          it - tb[t]->keys.begin())));
        diff_[t].emplace_back(ta[t]->columns.size());
      }
    }
    for (std::size_t row = 0; row < ta[t]->rows(); ++row) {
      const std::optional<std::size_t> rb = b_row_[t][row];
      if (!rb) continue;
      for (std::size_t c = 0; c < ta[t]->columns.size(); ++c) {
        const double d = ta[t]->values[row][c] - tb[t]->values[*rb][c];
        if (std::isfinite(d)) diff_[t][row][c].add(d);
      }
    }
  }
  matched_ = true;
}

std::vector<ComparedMeasure> compared_measures(const TablesAccumulator& a, const TablesAccumulator& b,
                                               const PairedTables& paired) {
  std::vector<ComparedMeasure> out;
  for (std::size_t ti = 0; ti < kTableCount; ++ti) {
    const auto t = static_cast<TableId>(ti);
    if (!is_compared(t)) continue;
    const Table& table = a.shape().table(t);
    for (std::size_t row = 0; row < table.rows(); ++row) {
      const std::optional<std::size_t> rb = paired.b_row(t, row);
      if (!rb) continue;
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const sim::Tally& d = paired.difference(t, row, c);
        if (d.count() < 2) continue;
        ComparedMeasure m;
        m.name = metric_name(table, row, c);
        m.decimals = std::max(table.columns[c].decimals, 2);
        m.a = sim::t_interval(a.cell(t, row, c), 0.95);
        m.b = sim::t_interval(b.cell(t, *rb, c), 0.95);
        m.difference = sim::t_interval(d, 0.95);
        m.verdict = verdict_text(m.difference, table.columns[c].better);
        m.headline = is_headline(t, c);
        out.push_back(std::move(m));
      }
    }
  }
  return out;
}

std::string compare_csv(const std::vector<ComparedMeasure>& measures) {
  std::string csv = "metric,a_mean,a_hw,b_mean,b_hw,difference,difference_hw,verdict\n";
  for (const ComparedMeasure& m : measures) {
    const int dec = m.decimals;
    csv += fmt::format("{},{},{},{},{},{},{},{}\n", m.name, format_number(m.a.mean, dec),
                       format_number(m.a.half_width, dec + 1), format_number(m.b.mean, dec),
                       format_number(m.b.half_width, dec + 1), format_number(m.difference.mean, dec),
                       format_number(m.difference.half_width, dec + 1), m.verdict);
  }
  return csv;
}

std::string compare_json(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info) {
  JsonWriter j;
  j.begin_object();
  j.key("a").value(info.label_a);
  j.key("b").value(info.label_b);
  j.key("seed").value(info.seed);
  j.key("replications").value(info.replications);
  j.key("metrics").begin_array();
  for (const ComparedMeasure& m : measures) {
    j.begin_object();
    j.key("metric").value(m.name);
    j.key("a_mean").value(m.a.mean);
    j.key("a_hw").value(m.a.half_width);
    j.key("b_mean").value(m.b.mean);
    j.key("b_hw").value(m.b.half_width);
    j.key("difference").value(m.difference.mean);
    j.key("difference_hw").value(m.difference.half_width);
    j.key("verdict").value(m.verdict);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string compare_screen(const std::vector<ComparedMeasure>& measures, const ComparisonInfo& info) {
  std::vector<std::vector<std::string>> rows;
  for (const ComparedMeasure& m : measures) {
    if (!m.headline) continue;
    rows.push_back({m.name, plus_minus(m.a.mean, m.a.half_width, m.decimals),
                    plus_minus(m.b.mean, m.b.half_width, m.decimals),
                    plus_minus(m.difference.mean, m.difference.half_width, m.decimals), m.verdict});
  }
  return fmt::format(
             "A: {}\nB: {}\n{} paired replications (common random numbers), 95 % intervals on A - B\n\n",
             info.label_a, info.label_b, info.replications) +
         text_table({"measure", "A", "B", "A - B", "verdict"}, rows);
}

}  // namespace dccsim::tools
