#include "models/config.hpp"

namespace dccsim::models {

const char* region_name(Region region) {
  switch (region) {
    case Region::north:
      return "north";
    case Region::central:
      return "central";
    case Region::south:
      return "south";
  }
  return "?";
}

const char* measure_class_name(MeasureClass c) {
  switch (c) {
    case MeasureClass::on_demand:
      return "on_demand";
    case MeasureClass::future_dated:
      return "future_dated";
    case MeasureClass::alerts:
      return "alerts";
    case MeasureClass::non_device:
      return "non_device";
    case MeasureClass::csr:
      return "csr";
  }
  return "?";
}

const char* role_name(Role role) {
  switch (role) {
    case Role::large_supplier:
      return "large_supplier";
    case Role::small_supplier:
      return "small_supplier";
    case Role::network_operator:
      return "network_operator";
    case Role::other:
      return "other";
  }
  return "?";
}

}  // namespace dccsim::models
