// tolerance: {abs, rel, norm_rel}, each optional, finite and >= 0.
#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

void read_bound(const Field& tolerance, std::string_view key, double& bound) {
  const std::optional<Field> field = tolerance.optional(key);
  if (!field) return;
  bound = field->number();
  if (bound < 0) field->fail("tolerance is negative", "use a value >= 0");
}

}  // namespace

Tolerance read_tolerance(const Field& tolerance) {
  tolerance.allow_keys({"abs", "rel", "norm_rel"});
  Tolerance result;
  read_bound(tolerance, "abs", result.abs);
  read_bound(tolerance, "rel", result.rel);
  read_bound(tolerance, "norm_rel", result.norm_rel);
  return result;
}

}  // namespace kevo::fitness::loader
