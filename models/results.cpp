#include "models/results.hpp"

namespace dccsim::models {

const char* measure_status_name(MeasureStatus status) {
  switch (status) {
    case MeasureStatus::met:
      return "met";
    case MeasureStatus::below_target:
      return "below target";
    case MeasureStatus::below_minimum:
      return "below minimum";
    case MeasureStatus::no_traffic:
      return "no traffic";
  }
  return "?";
}

const char* breach_kind_name(BreachKind kind) {
  switch (kind) {
    case BreachKind::offered_above_capacity:
      return "offered_above_capacity";
    case BreachKind::offered_above_threshold:
      return "offered_above_threshold";
    case BreachKind::utilisation:
      return "utilisation";
    case BreachKind::queue:
      return "queue";
    case BreachKind::capacity_reduced:
      return "capacity_reduced";
    case BreachKind::interval_share_below_minimum:
      return "interval_share_below_minimum";
    case BreachKind::measure_below_minimum:
      return "measure_below_minimum";
  }
  return "?";
}

}  // namespace dccsim::models
