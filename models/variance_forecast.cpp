#include "models/variance_forecast.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "models/variance.hpp"
#include "sim/calendar.hpp"
#include "sim/distributions.hpp"
#include "sim/output_analysis.hpp"
#include "sim/random.hpp"

namespace dccsim::models {
namespace {

constexpr double kZ975 = 1.959963984540054;
// Without any usable history the model knows nothing: these defaults make the intervals wide on
// purpose rather than pretend to a precision the data never gave.
constexpr double kVagueBetweenSd = 1.0;
constexpr double kVagueDispersion = 1.0;

// Per-group sufficient statistics of the regression y = a + b (t - centre) + e.
struct GroupData {
  std::vector<double> t;
  std::vector<double> y;
  std::vector<std::uint64_t> unforecast;
};

// Wilson-Hilferty: chi-square quantile with `df` degrees of freedom at standard-normal quantile z;
// accurate to well under 1 % of the value from about 3 degrees of freedom.
double chi_square_quantile(double df, double z) {
  const double c = 2.0 / (9.0 * df);
  const double base = 1.0 - c + z * std::sqrt(c);
  return df * std::max(base, 1e-6) * std::max(base, 1e-6) * std::max(base, 1e-6);
}

const char* class_name(bool is_csr) { return is_csr ? "CSR" : "SR"; }

// The q-quantile of sorted draws on the outside of the grid (lower ends round down, upper ends
// up), so an interval never claims less than its nominal content because of the discreteness.
double lower_quantile(const std::vector<double>& sorted, double q) {
  const auto i = static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)));
  return sorted[i];
}
double upper_quantile(const std::vector<double>& sorted, double q) {
  const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size() - 1)));
  return sorted[std::min(i, sorted.size() - 1)];
}

bool is_exception(const ForecastRow& row, std::uint64_t actual, const ReportingConfig& r) {
  const bool has_forecast = row.forecast > 0;
  return row.is_csr ? is_csr_exception(row.forecast, actual, has_forecast, r)
                    : is_sr_exception(row.forecast, actual, has_forecast, r);
}

void fit_population(PopulationModel& p, const std::vector<UserModel>& users, bool is_csr,
                    const std::vector<double>& rss, const std::vector<double>& df) {
  double sum_rss = 0;
  double sum_df = 0;
  std::vector<const UserModel*> with_data;
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (users[i].is_csr != is_csr || users[i].observations == 0) continue;
    with_data.push_back(&users[i]);
    sum_rss += rss[i];
    sum_df += df[i];
    p.observations += users[i].observations;
  }
  p.users = with_data.size();
  if (with_data.empty()) return;
  p.from_history = true;
  const auto g = static_cast<double>(with_data.size());
  double mean = 0;
  for (const UserModel* u : with_data) mean += u->own_bias / g;
  double between = 0;
  for (const UserModel* u : with_data) between += (u->own_bias - mean) * (u->own_bias - mean);
  double s2 = 0;
  if (sum_df > 0) {
    s2 = sum_rss / sum_df;
  } else if (with_data.size() >= 2) {
    // One month per User: within and between spread cannot be told apart; count it all as within.
    s2 = between / (g - 1);
    sum_df = g - 1;
  }
  if (sum_df == 0) s2 = kVagueDispersion * kVagueDispersion;  // one User with one month
  double tau2 = 0;
  if (with_data.size() >= 2) {
    double sampling = 0;
    for (const UserModel* u : with_data) sampling += s2 / static_cast<double>(u->observations) / g;
    tau2 = std::max(0.0, between / (g - 1) - sampling);
  } else {
    tau2 =
        s2;  // a single User says nothing about the spread between Users: assume it is like the within spread
  }
  double sum_w = 0;
  double sum_wy = 0;
  for (const UserModel* u : with_data) {
    const double w = 1.0 / (tau2 + s2 / static_cast<double>(u->observations));
    if (!std::isfinite(w)) continue;
    sum_w += w;
    sum_wy += w * u->own_bias;
  }
  p.bias = sum_w > 0 ? sum_wy / sum_w : mean;
  p.bias_se = sum_w > 0 ? std::sqrt(1.0 / sum_w) : 0.0;
  const double t = with_data.size() >= 2 ? sim::t_critical(0.95, g - 1) : kZ975;
  p.bias_low95 = p.bias - t * p.bias_se;
  p.bias_high95 = p.bias + t * p.bias_se;
  p.between_sd = std::sqrt(tau2);
  p.dispersion = std::sqrt(s2);
  p.dispersion_df = sum_df;
  if (sum_df > 0) {
    p.dispersion_low95 = std::sqrt(s2 * sum_df / chi_square_quantile(sum_df, kZ975));
    p.dispersion_high95 = std::sqrt(s2 * sum_df / chi_square_quantile(sum_df, -kZ975));
  }
}

// A stand-in for a User without history of a class: the population's level with the spread
// between Users as its uncertainty.
UserModel population_user(const PopulationModel& p, const FitOptions& options) {
  UserModel m;
  m.bias = p.bias;
  m.bias_var = p.between_sd * p.between_sd + p.bias_se * p.bias_se;
  m.dispersion = p.dispersion;
  m.dispersion_df = p.from_history ? std::min(options.prior_dispersion_df, std::max(p.dispersion_df, 1.0))
                                   : options.prior_dispersion_df;
  m.unforecast_actuals = p.unforecast_actuals;
  return m;
}

struct ParameterDraws {
  std::vector<double> level;
  std::vector<double> slope;
};

}  // namespace

double log_ratio(std::uint64_t forecast, std::uint64_t actual) {
  return std::log((static_cast<double>(actual) + 0.5) / (static_cast<double>(forecast) + 0.5));
}

const UserModel* BehaviourFit::find(std::string_view user, bool is_csr) const {
  const auto it = std::lower_bound(users.begin(), users.end(), std::make_pair(user, is_csr),
                                   [](const UserModel& m, const std::pair<std::string_view, bool>& key) {
                                     const std::string_view id = m.user;
                                     return id < key.first || (id == key.first && m.is_csr < key.second);
                                   });
  if (it == users.end() || it->user != user || it->is_csr != is_csr) return nullptr;
  return &*it;
}

BehaviourFit fit_behaviour(std::span<const HistoryRow> history, const FitOptions& options) {
  std::map<std::pair<std::string, bool>, GroupData> groups;
  for (const HistoryRow& row : history) {
    GroupData& g = groups[{row.user, row.is_csr}];
    if (row.forecast == 0) {
      g.unforecast.push_back(row.actual);
    } else {
      g.t.push_back(static_cast<double>(row.month.serial()));
      g.y.push_back(log_ratio(row.forecast, row.actual));
    }
  }
  BehaviourFit fit;
  fit.options = options;
  std::vector<double> rss;
  std::vector<double> df;
  for (auto& [key, g] : groups) {
    UserModel m;
    m.user = key.first;
    m.is_csr = key.second;
    m.unforecast_actuals = g.unforecast;
    PopulationModel& pop = fit.population[key.second ? 1 : 0];
    pop.unforecast_actuals.insert(pop.unforecast_actuals.end(), g.unforecast.begin(), g.unforecast.end());
    const std::size_t n = g.y.size();
    m.observations = n;
    m.months = std::set<double>(g.t.begin(), g.t.end()).size();
    double r = 0;
    double d = 0;
    if (n > 0) {
      const auto nd = static_cast<double>(n);
      double ybar = 0;
      double tbar = 0;
      for (std::size_t i = 0; i < n; ++i) {
        ybar += g.y[i] / nd;
        tbar += g.t[i] / nd;
      }
      double stt = 0;
      double sty = 0;
      double syy = 0;
      for (std::size_t i = 0; i < n; ++i) {
        stt += (g.t[i] - tbar) * (g.t[i] - tbar);
        sty += (g.t[i] - tbar) * (g.y[i] - ybar);
        syy += (g.y[i] - ybar) * (g.y[i] - ybar);
      }
      m.own_bias = ybar;
      m.centre_month = tbar;
      r = syy;
      d = nd - 1;
      if (m.months >= options.min_trend_months && n >= 3 && stt > 0) {
        const double slope = sty / stt;
        const double rss1 = std::max(0.0, syy - slope * sty);
        const double se = std::sqrt(rss1 / (nd - 2) / stt);
        const double crit = sim::t_critical(options.trend_level, nd - 2);
        if (se == 0 || std::abs(slope) / se > crit) {
          m.trend_per_month = slope;
          m.trend_se = se;
          r = rss1;
          d = nd - 2;
        }
      }
      if (d > 0) m.own_dispersion = std::sqrt(r / d);
    }
    fit.users.push_back(std::move(m));
    rss.push_back(r);
    df.push_back(d);
  }
  fit_population(fit.population[0], fit.users, false, rss, df);
  fit_population(fit.population[1], fit.users, true, rss, df);
  // A class without any history borrows the other's model (CSRs are the rarer one).
  for (int c = 0; c < 2; ++c) {
    PopulationModel& p = fit.population[static_cast<std::size_t>(c)];
    const PopulationModel& other = fit.population[static_cast<std::size_t>(1 - c)];
    if (p.from_history) continue;
    std::vector<std::uint64_t> unforecast = std::move(p.unforecast_actuals);
    if (other.from_history) {
      p = other;
      p.users = 0;
      p.observations = 0;
      p.from_history = false;
    } else {
      p.bias = 0;
      p.between_sd = kVagueBetweenSd;
      p.dispersion = kVagueDispersion;
    }
    p.unforecast_actuals = std::move(unforecast);
  }

  for (std::size_t i = 0; i < fit.users.size(); ++i) {
    UserModel& m = fit.users[i];
    const PopulationModel& p = fit.population_of(m.is_csr);
    const double s2 = p.dispersion * p.dispersion;
    const double tau2 = p.between_sd * p.between_sd;
    if (m.observations == 0) {
      UserModel stand_in = population_user(p, options);
      stand_in.user = std::move(m.user);
      stand_in.is_csr = m.is_csr;
      stand_in.unforecast_actuals = std::move(m.unforecast_actuals);
      m = std::move(stand_in);
      continue;
    }
    const auto n = static_cast<double>(m.observations);
    // Empirical Bayes: weight n / (n + k) with k = s^2 / tau^2 on the User's own mean.
    const double w = s2 > 0 ? n * tau2 / (n * tau2 + s2) : 1.0;
    m.shrinkage_weight = w;
    m.bias = w * m.own_bias + (1 - w) * p.bias;
    m.bias_var = w * s2 / n + (1 - w) * (1 - w) * p.bias_se * p.bias_se;
    // The User's residual variance pooled with the population's, weighted by degrees of freedom.
    const double prior_df = p.dispersion_df > 0 ? std::min(options.prior_dispersion_df, p.dispersion_df)
                                                : options.prior_dispersion_df;
    const double own_df = df[i];
    const double own_s2 = own_df > 0 ? rss[i] / own_df : 0.0;
    m.dispersion = std::sqrt((own_df * own_s2 + prior_df * s2) / (own_df + prior_df));
    m.dispersion_df = own_df + prior_df;
  }
  return fit;
}

VarianceForecast predict_variance(const BehaviourFit& fit, std::span<const ForecastRow> forecasts,
                                  const PredictionOptions& options) {
  const std::size_t reps = std::max<std::size_t>(options.replications, 1);
  VarianceForecast out;
  out.rows.reserve(forecasts.size());
  std::map<std::pair<std::string, bool>, UserModel> stand_ins;
  std::map<std::pair<std::string, bool>, ParameterDraws> parameters;
  struct TotalAcc {
    TotalPrediction total;
    std::vector<double> sums;
  };
  std::map<std::pair<std::int64_t, bool>, TotalAcc> totals;
  std::vector<double> draws(reps);
  std::vector<double> sorted(reps);

  for (const ForecastRow& row : forecasts) {
    const std::pair<std::string, bool> key{row.user, row.is_csr};
    const UserModel* model = fit.find(row.user, row.is_csr);
    const bool has_history = model != nullptr;
    if (model == nullptr) {
      auto it = stand_ins.find(key);
      if (it == stand_ins.end()) {
        UserModel m = population_user(fit.population_of(row.is_csr), fit.options);
        m.user = row.user;
        m.is_csr = row.is_csr;
        it = stand_ins.emplace(key, std::move(m)).first;
      }
      model = &it->second;
    }
    // A User's level (and slope) is drawn once per replication and shared by all its rows, so the
    // totals carry the correlation that parameter uncertainty puts between them.
    auto pit = parameters.find(key);
    if (pit == parameters.end()) {
      ParameterDraws p;
      p.level.resize(reps);
      p.slope.resize(reps);
      sim::RandomStream rng = sim::make_stream(
          options.seed, 0,
          sim::stream_id("variance/" + row.user + "/" + class_name(row.is_csr) + "/parameters"));
      const double level_sd = std::sqrt(std::max(model->bias_var, 0.0));
      for (std::size_t r = 0; r < reps; ++r) {
        const double z1 = sim::standard_normal(rng);
        const double z2 = sim::standard_normal(rng);
        p.level[r] = model->bias + level_sd * z1;
        p.slope[r] = model->trend_per_month + model->trend_se * z2;
      }
      pit = parameters.emplace(key, std::move(p)).first;
    }
    const ParameterDraws& params = pit->second;

    sim::RandomStream rng = sim::make_stream(
        options.seed, 0,
        sim::stream_id("variance/" + row.user + "/" + sim::month_text(row.month) + "/" + row.service));
    std::size_t exceptions = 0;
    // The Student-t tails that carry the dispersion's own uncertainty give counts with no finite
    // mean (e^T), so the mean of the draws is dominated by a handful of them when history is short.
    // The expected actual is therefore the mean given the fitted dispersion: the lognormal mean of
    // each replication's level and slope, averaged; the tails widen intervals and P(exception).
    double expected_sum = 0;
    if (row.forecast == 0) {
      const std::vector<std::uint64_t>& pool = model->unforecast_actuals;
      for (std::size_t r = 0; r < reps; ++r) {
        const std::uint64_t a = pool.empty() ? 0 : pool[rng.uniform_int(pool.size())];
        draws[r] = static_cast<double>(a);
        expected_sum += draws[r];
        if (is_exception(row, a, options.reporting)) ++exceptions;
      }
    } else {
      const double nu = std::max(model->dispersion_df, 1.0);
      const auto chi2 = sim::Gamma::with_shape_scale(nu / 2.0, 2.0);
      const double dt = static_cast<double>(row.month.serial()) - model->centre_month;
      const double f = static_cast<double>(row.forecast) + 0.5;
      const double half_variance = 0.5 * model->dispersion * model->dispersion;
      for (std::size_t r = 0; r < reps; ++r) {
        const double centre = params.level[r] + params.slope[r] * dt;
        expected_sum += std::clamp(f * std::exp(std::min(centre + half_variance, 60.0)) - 0.5, 0.0,
                                   sim::Poisson::kMaxMean);
        const double z = sim::standard_normal(rng);
        const double g = chi2->sample(rng);
        const double t = g > 0 ? z / std::sqrt(g / nu) : z;
        const double y = centre + model->dispersion * t;
        const double mean = std::clamp(f * std::exp(std::min(y, 60.0)) - 0.5, 0.0, sim::Poisson::kMaxMean);
        const auto poisson = sim::Poisson::with_mean(mean);
        const std::uint64_t a = poisson->sample(rng);
        draws[r] = static_cast<double>(a);
        if (is_exception(row, a, options.reporting)) ++exceptions;
      }
    }
    RowPrediction p;
    p.row = row;
    p.has_history = has_history;
    p.expected_actual = expected_sum / static_cast<double>(reps);
    sorted = draws;
    std::sort(sorted.begin(), sorted.end());
    p.p80_low = lower_quantile(sorted, 0.10);
    p.p80_high = upper_quantile(sorted, 0.90);
    p.p95_low = lower_quantile(sorted, 0.025);
    p.p95_high = upper_quantile(sorted, 0.975);
    p.expected_variance_pct = row.forecast > 0 ? (p.expected_actual - static_cast<double>(row.forecast)) /
                                                     static_cast<double>(row.forecast) * 100.0
                                               : std::numeric_limits<double>::quiet_NaN();
    p.exception_probability = static_cast<double>(exceptions) / static_cast<double>(reps);

    TotalAcc& acc = totals[{row.month.serial(), row.is_csr}];
    if (acc.sums.empty()) {
      acc.sums.assign(reps, 0.0);
      acc.total.month = row.month;
      acc.total.is_csr = row.is_csr;
    }
    for (std::size_t r = 0; r < reps; ++r) acc.sums[r] += draws[r];
    acc.total.forecast += row.forecast;
    acc.total.expected_actual += p.expected_actual;
    acc.total.expected_exceptions += p.exception_probability;
    ++acc.total.rows;
    out.rows.push_back(std::move(p));
  }

  for (auto& [key, acc] : totals) {
    TotalPrediction t = acc.total;
    std::sort(acc.sums.begin(), acc.sums.end());
    t.p80_low = lower_quantile(acc.sums, 0.10);
    t.p80_high = upper_quantile(acc.sums, 0.90);
    t.p95_low = lower_quantile(acc.sums, 0.025);
    t.p95_high = upper_quantile(acc.sums, 0.975);
    out.totals.push_back(t);
  }
  return out;
}

BacktestResult backtest(std::span<const HistoryRow> history, const FitOptions& fit_options,
                        const PredictionOptions& options, std::size_t min_training_months) {
  std::set<std::int64_t> month_set;
  for (const HistoryRow& row : history) month_set.insert(row.month.serial());
  const std::vector<std::int64_t> months(month_set.begin(), month_set.end());
  BacktestResult result;
  std::size_t inside80 = 0;
  std::size_t inside95 = 0;
  double brier = 0;
  double brier_naive = 0;
  for (std::size_t i = std::max<std::size_t>(min_training_months, 1); i < months.size(); ++i) {
    std::vector<HistoryRow> training;
    std::vector<const HistoryRow*> testing;
    for (const HistoryRow& row : history) {
      if (row.month.serial() < months[i]) training.push_back(row);
      if (row.month.serial() == months[i]) testing.push_back(&row);
    }
    const BehaviourFit fit = fit_behaviour(training, fit_options);
    std::vector<ForecastRow> rows;
    rows.reserve(testing.size());
    for (const HistoryRow* h : testing)
      rows.push_back(ForecastRow{h->user, h->month, h->service, h->is_csr, h->forecast});
    const VarianceForecast forecast = predict_variance(fit, rows, options);

    // Naive baseline: the latest recorded ratio of the same User and service (or its last actual
    // when the forecast is 0), else ratio 1.
    std::map<std::pair<std::string, std::string>, const HistoryRow*> latest;
    for (const HistoryRow& row : training) {
      const HistoryRow*& slot = latest[{row.user, row.service}];
      if (slot == nullptr || row.month.serial() >= slot->month.serial()) slot = &row;
    }
    BacktestMonth m;
    m.month = testing.empty() ? sim::YearMonth{} : testing.front()->month;
    m.training_months = i;
    m.rows = testing.size();
    for (std::size_t k = 0; k < testing.size(); ++k) {
      const HistoryRow& h = *testing[k];
      const RowPrediction& p = forecast.rows[k];
      const auto a = static_cast<double>(h.actual);
      if (p.p80_low <= a && a <= p.p80_high) ++m.inside80;
      if (p.p95_low <= a && a <= p.p95_high) ++m.inside95;
      const bool exception = is_exception(rows[k], h.actual, options.reporting);
      if (exception) ++m.exceptions;
      m.expected_exceptions += p.exception_probability;
      const double outcome = exception ? 1.0 : 0.0;
      m.brier += (p.exception_probability - outcome) * (p.exception_probability - outcome);
      std::uint64_t naive_actual = h.forecast;
      if (const auto it = latest.find({h.user, h.service}); it != latest.end()) {
        const HistoryRow& last = *it->second;
        if (h.forecast == 0) {
          naive_actual = last.actual;
        } else if (last.forecast > 0) {
          const double ratio = static_cast<double>(last.actual) / static_cast<double>(last.forecast);
          naive_actual = static_cast<std::uint64_t>(std::llround(ratio * static_cast<double>(h.forecast)));
        }
      }
      const double naive = is_exception(rows[k], naive_actual, options.reporting) ? 1.0 : 0.0;
      m.brier_naive += (naive - outcome) * (naive - outcome);
    }
    inside80 += m.inside80;
    inside95 += m.inside95;
    brier += m.brier;
    brier_naive += m.brier_naive;
    result.rows += m.rows;
    if (m.rows > 0) {
      m.brier /= static_cast<double>(m.rows);
      m.brier_naive /= static_cast<double>(m.rows);
    }
    result.months.push_back(m);
  }
  if (result.rows > 0) {
    const auto n = static_cast<double>(result.rows);
    result.coverage80 = static_cast<double>(inside80) / n;
    result.coverage95 = static_cast<double>(inside95) / n;
    result.brier = brier / n;
    result.brier_naive = brier_naive / n;
  }
  return result;
}

}  // namespace dccsim::models
