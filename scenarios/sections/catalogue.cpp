#include "scenarios/sections/catalogue.hpp"

#include <cmath>
#include <map>
#include <string>

#include "scenarios/distribution_reader.hpp"
#include "scenarios/typed_readers.hpp"

namespace dccsim::scenarios {
namespace {

// The fields an [[catalogue.sr]] entry may change.
void read_sr_fields(const TableView& e, models::SrType& t, Reporter& r) {
  read_string(r, e, "name", t.name);
  read_integer(r, e, "family", t.family, 1, 999);
  read_bool(r, e, "on_demand", t.on_demand);
  read_bool(r, e, "future_dated", t.future_dated);
  read_bool(r, e, "dcc_scheduled", t.dcc_scheduled);
  read_bool(r, e, "reaches_device", t.reaches_device);
  read_duration(r, e, "target", t.target_response, true);
  read_distribution(r, e, "dsp_service", t.dsp_service_s);
  read_number(r, e, "csp_cost", t.csp_cost, 0, HUGE_VAL);
  read_integer(r, e, "token_cost", t.token_cost, 0, 1'000'000);
  read_number(r, e, "family_share", t.family_share, 0, HUGE_VAL);
}

}  // namespace

void read_catalogue(const TableView& root, Draft& draft, Reporter& r) {
  models::Catalogue& catalogue = draft.model.catalogue;
  const TableView c = root.sub("catalogue");
  bool use_default = true;
  read_bool(r, c, "use_default", use_default);
  if (!use_default) catalogue.types.clear();
  std::map<std::string, std::size_t, std::less<>> seen;  // id -> line of its entry
  for (const TableView& e : c.elements("sr")) {
    std::string id;
    if (!read_string(r, e, "id", id, true)) continue;
    const std::size_t line = e.table->source().begin.line;
    if (const auto [it, inserted] = seen.emplace(id, line); !inserted) {
      r.report(e.table, e.path + ".id",
               "duplicate SR id \"" + id + "\" (first at line " + std::to_string(it->second) + ")");
      continue;
    }
    int index = catalogue.find(id);
    if (index < 0) {
      // A new SR type must say what it is; an existing one only changes what is given.
      models::SrType t;
      t.id = id;
      if (e.get("name") == nullptr) r.missing(e, "name");
      if (e.get("family") == nullptr) r.missing(e, "family");
      catalogue.types.push_back(std::move(t));
      index = static_cast<int>(catalogue.types.size() - 1);
    }
    models::SrType& t = catalogue.types[static_cast<std::size_t>(index)];
    read_sr_fields(e, t, r);
    if (!t.on_demand && !t.future_dated && !t.dcc_scheduled) {
      r.report(e.table, e.path,
               "SR " + id + " must be on_demand, future_dated or dcc_scheduled (all are false)");
    }
  }
  if (catalogue.types.empty()) {
    r.report(c.table, "catalogue",
             "catalogue is empty: set use_default = true or add [[catalogue.sr]] entries");
  }
}

}  // namespace dccsim::scenarios
