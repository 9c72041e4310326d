#include "scenarios/distribution_reader.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/schema.hpp"
#include "scenarios/units.hpp"

namespace dccsim::scenarios {
namespace {

// The parameters of one distribution table, read with diagnostics at their keys.
class Params {
 public:
  Params(Reporter& r, const toml::node& node, const toml::table& table, std::string path, std::string dist)
      : r_(r), node_(node), table_(table), path_(std::move(path)), dist_(std::move(dist)) {}

  bool has(std::string_view key) const { return table_.get(key) != nullptr; }

  // A required duration parameter, in seconds.
  std::optional<double> seconds(std::string_view key) {
    const toml::node* v = required(key);
    if (v == nullptr) return std::nullopt;
    std::string error;
    const auto* s = v->as_string();
    const auto d = s != nullptr ? parse_duration(s->get(), error) : std::nullopt;
    if (!d) {
      r_.report(v, join_path(path_, key),
                s != nullptr ? error : "expected a duration string such as \"2s\", got " + type_name(*v));
      return std::nullopt;
    }
    return d->seconds();
  }

  // A required plain-number parameter.
  std::optional<double> number(std::string_view key) {
    const toml::node* v = required(key);
    if (v == nullptr) return std::nullopt;
    const auto x = as_number(*v);
    if (!x || !std::isfinite(*x)) {
      r_.report(v, join_path(path_, key), "expected a number, got " + type_name(*v));
      return std::nullopt;
    }
    return x;
  }

  // Reports `message` at the whole table.
  void fail(std::string message) { r_.report(&node_, path_, std::move(message)); }
  // Reports `message` at parameter `key`.
  void fail_at(std::string_view key, std::string message) {
    r_.report(table_.get(key), join_path(path_, key), std::move(message));
  }

  // Reports `message` at element `i` of array parameter `array`.
  void fail_element(std::string_view array, std::size_t i, std::string message) {
    r_.report(table_.get(array)->as_array()->get(i), element_path(join_path(path_, array), i),
              std::move(message));
  }

  // Stores what a sim factory built, or reports its rejection at the table.
  template <class D>
  bool accept(sim::ParamResult<D> result, sim::AnyDistribution& out) {
    if (!result.ok()) {
      fail(dist_ + ": " + std::string(result.error()));
      return false;
    }
    out = std::move(result).value();
    return true;
  }

  const toml::table& table() const { return table_; }

 private:
  const toml::node* required(std::string_view key) {
    const toml::node* v = table_.get(key);
    if (v == nullptr)
      r_.report(&node_, join_path(path_, key), "missing required key for dist = \"" + dist_ + "\"");
    return v;
  }

  Reporter& r_;
  const toml::node& node_;
  const toml::table& table_;
  std::string path_;
  std::string dist_;
};

using Build = bool (*)(Params& p, sim::AnyDistribution& out);

bool build_constant(Params& p, sim::AnyDistribution& out) {
  const auto v = p.seconds("value");
  return v && p.accept(sim::Deterministic::with_value(*v), out);
}

bool build_exponential(Params& p, sim::AnyDistribution& out) {
  const auto mean = p.seconds("mean");
  return mean && p.accept(sim::Exponential::with_mean(*mean), out);
}

bool build_uniform(Params& p, sim::AnyDistribution& out) {
  const auto lo = p.seconds("min");
  const auto hi = p.seconds("max");
  return lo && hi && p.accept(sim::Uniform::with_bounds(*lo, *hi), out);
}

bool build_lognormal(Params& p, sim::AnyDistribution& out) {
  const bool by_mean = p.has("mean") || p.has("p95");
  const bool by_median = p.has("median") || p.has("sigma");
  if (by_mean == by_median) {
    p.fail("lognormal takes either mean and p95, or median and sigma");
    return false;
  }
  if (by_mean) {
    const auto mean = p.seconds("mean");
    const auto p95 = p.seconds("p95");
    return mean && p95 && p.accept(sim::Lognormal::with_mean_p95(*mean, *p95), out);
  }
  const auto median = p.seconds("median");
  const auto sigma = p.number("sigma");
  return median && sigma && p.accept(sim::Lognormal::with_median_sigma(*median, *sigma), out);
}

bool build_gamma(Params& p, sim::AnyDistribution& out) {
  const auto shape = p.number("shape");
  if (p.has("mean") && p.has("scale")) {
    p.fail("gamma takes shape with either mean or scale, not both");
    return false;
  }
  if (p.has("scale")) {
    const auto scale = p.seconds("scale");
    return shape && scale && p.accept(sim::Gamma::with_shape_scale(*shape, *scale), out);
  }
  const auto mean = p.seconds("mean");
  if (!shape || !mean) return false;
  if (*shape <= 0) {
    p.fail_at("shape", "must be > 0");
    return false;
  }
  return p.accept(sim::Gamma::with_shape_scale(*shape, *mean / *shape), out);
}

bool build_erlang(Params& p, sim::AnyDistribution& out) {
  const auto k = p.number("k");
  const auto mean = p.seconds("mean");
  if (!k || !mean) return false;
  if (*k < 1 || *k > 1e6 || std::trunc(*k) != *k) {
    p.fail_at("k", "must be a whole number from 1 to 1000000");
    return false;
  }
  return p.accept(sim::Erlang::with_shape_mean(static_cast<std::uint32_t>(*k), *mean), out);
}

bool build_empirical(Params& p, sim::AnyDistribution& out) {
  const auto* values_node = p.table().get("values");
  const auto* cdf_node = p.table().get("cdf");
  if (values_node == nullptr || cdf_node == nullptr) {
    p.fail("empirical needs values and cdf");
    return false;
  }
  const auto* values = values_node->as_array();
  const auto* cdf = cdf_node->as_array();
  if (values == nullptr || cdf == nullptr) {
    p.fail_at(values == nullptr ? "values" : "cdf", "expected an array");
    return false;
  }
  if (values->size() != cdf->size()) {
    p.fail("values and cdf must have the same length (" + std::to_string(values->size()) + " vs " +
           std::to_string(cdf->size()) + ")");
    return false;
  }
  bool ok = true;
  std::vector<double> xs;
  std::vector<double> ps;
  for (std::size_t i = 0; i < values->size(); ++i) {
    const auto* s = values->get(i)->as_string();
    std::string error;
    const auto d = s != nullptr ? parse_duration(s->get(), error) : std::nullopt;
    if (!d) {
      p.fail_element("values", i, s != nullptr ? error : "expected a duration string such as \"2s\"");
      ok = false;
      continue;
    }
    xs.push_back(d->seconds());
    const auto prob = as_number(*cdf->get(i));
    if (!prob) {
      p.fail_element("cdf", i, "expected a number");
      ok = false;
      continue;
    }
    ps.push_back(*prob);
  }
  return ok && p.accept(sim::EmpiricalContinuous::from_cdf(xs, ps), out);
}

// Each form: its `dist`, the parameters it takes and how it is built.
struct Form {
  std::string_view dist;
  std::initializer_list<std::string_view> keys;
  Build build;
};

const Form kForms[] = {
    {"constant", {"value"}, &build_constant},
    {"exponential", {"mean"}, &build_exponential},
    {"uniform", {"min", "max"}, &build_uniform},
    {"lognormal", {"mean", "p95", "median", "sigma"}, &build_lognormal},
    {"gamma", {"shape", "mean", "scale"}, &build_gamma},
    {"erlang", {"k", "mean"}, &build_erlang},
    {"empirical", {"values", "cdf"}, &build_empirical},
};

std::string join(const auto& names) {
  std::string out;
  for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// The form named by the table's `dist`, or null (reported).
const Form* form_of(Reporter& r, const toml::node& n, const toml::table& t, const std::string& path) {
  std::vector<std::string> names;
  for (const Form& f : kForms) names.emplace_back(f.dist);
  const toml::node* dist_node = t.get("dist");
  if (dist_node == nullptr || !dist_node->is_string()) {
    r.report(dist_node != nullptr ? dist_node : &n, join_path(path, "dist"),
             "missing or not a string: expected one of " + join(names));
    return nullptr;
  }
  const std::string& dist = dist_node->as_string()->get();
  for (const Form& f : kForms) {
    if (f.dist == dist) return &f;
  }
  r.report(
      dist_node, join_path(path, "dist"),
      "unknown distribution \"" + dist + "\", expected one of " + join(names) + did_you_mean(dist, names));
  return nullptr;
}

// True when every key of `t` is one `form` takes; the others are reported (unknown keys by the key check).
bool keys_fit(Reporter& r, const toml::table& t, const Form& form, const std::string& path) {
  bool ok = true;
  const auto known = distribution_keys();
  for (auto&& [k, v] : t) {
    if (k.str() == "dist") continue;
    if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
      ok = false;
      continue;
    }
    if (std::find(form.keys.begin(), form.keys.end(), k.str()) == form.keys.end()) {
      r.report(
          &v, join_path(path, k.str()),
          "does not apply to dist = \"" + std::string(form.dist) + "\" (it takes " + join(form.keys) + ")");
      ok = false;
    }
  }
  return ok;
}

}  // namespace

bool read_distribution(Reporter& r, const TableView& c, std::string_view key, sim::AnyDistribution& out) {
  const toml::node* n = c.get(key);
  if (n == nullptr) return false;
  const std::string path = c.path_of(key);
  if (const auto* s = n->as_string()) {
    std::string error;
    const auto d = parse_duration(s->get(), error);
    if (!d) {
      r.report(n, path, error);
      return false;
    }
    out = sim::Deterministic::with_value(d->seconds()).value();
    return true;
  }
  const auto* t = n->as_table();
  if (t == nullptr) {
    r.report(n, path,
             as_number(*n) ? "a duration needs a unit: write \"2s\" or a table such as { dist = "
                             "\"exponential\", mean = \"2s\" }"
                           : "expected a duration or a distribution table, got " + type_name(*n));
    return false;
  }
  const Form* form = form_of(r, *n, *t, path);
  if (form == nullptr || !keys_fit(r, *t, *form, path)) return false;
  Params params(r, *n, *t, path, std::string(form->dist));
  return form->build(params, out);
}

}  // namespace dccsim::scenarios
