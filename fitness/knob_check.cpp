// check_knobs: is a knob setting one the seed allows?
#include "fitness/expr/error.hpp"
#include "fitness/knob_domain.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness {

namespace {

std::string known_knobs(const SeedSpec& seed) {
  std::string names;
  for (const KnobSpec& knob : seed.knobs) names += (names.empty() ? "" : ", ") + knob.name;
  return names.empty() ? "none" : names;
}

const KnobSpec* find_knob(const SeedSpec& seed, const std::string& name) {
  for (const KnobSpec& knob : seed.knobs) {
    if (knob.name == name) return &knob;
  }
  return nullptr;
}

// The reason must stay on one line, even for a constraint written over several.
std::string quoted_text(const expr::Expression& constraint) { return expr::printable_excerpt(constraint.text()); }

std::string check_constraints(const SeedSpec& seed, const population::KnobValues& knobs) {
  for (const expr::Expression& constraint : seed.constraints) {
    try {
      if (constraint.evaluate(knobs) == 0) return "constraint '" + quoted_text(constraint) + "' is false";
    } catch (const expr::ExprError& error) {
      return "constraint '" + quoted_text(constraint) + "' cannot be evaluated: " + error.what();
    }
  }
  return "";
}

}  // namespace

std::string check_knobs(const SeedSpec& seed, const population::KnobValues& knobs) {
  for (const auto& [name, value] : knobs) {
    if (find_knob(seed, name) == nullptr) {
      return "unknown knob '" + name + "'; seed '" + seed.name + "' has knobs: " + known_knobs(seed);
    }
  }
  for (const KnobSpec& knob : seed.knobs) {
    const auto found = knobs.find(knob.name);
    if (found == knobs.end()) return "knob '" + knob.name + "' is not set";
    if (!domain_contains(knob.values, found->second)) {
      return "knob '" + knob.name + "' = " + std::to_string(found->second) + " is not in its domain " +
             describe_domain(knob.values);
    }
  }
  return check_constraints(seed, knobs);
}

}  // namespace kevo::fitness
