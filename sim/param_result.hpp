#pragma once

#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

namespace dccsim::sim {

/// Why a factory rejected its parameters: a one-line message naming the parameter (static storage).
struct ParamError {
  std::string_view message;
};

/// A distribution built from validated parameters, or the ParamError saying why it was not built.
template <class T>
class [[nodiscard]] ParamResult {
 public:
  /// A valid distribution.
  ParamResult(T value) : value_(std::move(value)) {}
  /// A rejection.
  ParamResult(ParamError error) : error_(error) {}

  /// True when the parameters were valid.
  bool ok() const { return value_.has_value(); }
  /// Same as ok().
  explicit operator bool() const { return ok(); }
  /// The distribution; throws std::bad_optional_access when !ok() (a programming error).
  const T& value() const& { return value_.value(); }
  /// The distribution, moved out (by value, so it cannot dangle); throws std::bad_optional_access when !ok().
  T value() && { return std::move(value_).value(); }
  /// The distribution; precondition ok().
  const T& operator*() const& { return *value_; }
  /// Member access to the distribution; precondition ok().
  const T* operator->() const { return &*value_; }
  /// Why the parameters were rejected; empty when ok().
  std::string_view error() const { return error_.message; }

 private:
  std::optional<T> value_;
  ParamError error_{};
};

namespace detail {

/// True when x is a finite number > 0, the check most factories make of a parameter.
inline bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }

}  // namespace detail

}  // namespace dccsim::sim
