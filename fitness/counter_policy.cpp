#include <stdexcept>

#include "fitness/evaluator.hpp"

namespace kevo::fitness {

std::string to_string(CounterPolicy policy) {
  switch (policy) {
    case CounterPolicy::off: return "off";
    case CounterPolicy::best: return "best";
    case CounterPolicy::all: return "all";
  }
  throw std::invalid_argument("unknown CounterPolicy value " + std::to_string(static_cast<int>(policy)));
}

CounterPolicy counter_policy_from_string(const std::string& text) {
  for (const CounterPolicy policy : {CounterPolicy::off, CounterPolicy::best, CounterPolicy::all}) {
    if (to_string(policy) == text) return policy;
  }
  throw std::invalid_argument("unknown counter policy '" + text + "' (expected off, best or all)");
}

}  // namespace kevo::fitness
