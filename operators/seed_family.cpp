#include "operators/seed_family.hpp"

#include <stdexcept>
#include <string>

namespace kevo::operators {

namespace {

std::string seed_names(const fitness::Task& task) {
  std::string names;
  for (const auto& seed : task.seeds) {
    names += (names.empty() ? "" : ", ") + seed.name;
  }
  return names.empty() ? "none" : names;
}

}  // namespace

const fitness::SeedSpec& seed_family_of(const fitness::Task& task,
                                        const population::Variant& variant) {
  if (const auto* seed = task.find_seed(variant.seed_name)) return *seed;
  throw std::invalid_argument("variant of task '" + variant.task + "' names seed '" +
                              variant.seed_name + "', which task '" + task.name +
                              "' does not declare (seeds: " + seed_names(task) + ")");
}

}  // namespace kevo::operators
