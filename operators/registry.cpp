#include "operators/registry.hpp"

#include <stdexcept>

#include "operators/knob_crossover.hpp"
#include "operators/knob_mutation.hpp"
#include "operators/random_sampler.hpp"
#include "operators/seed_switch.hpp"
#include "operators/strategy/strategy_operator.hpp"

namespace kevo::operators {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::unique_ptr<Operator> make_operator(const std::string& name) {
  if (name == "knob_mutation") return std::make_unique<KnobMutation>();
  if (name == "knob_crossover") return std::make_unique<KnobCrossover>();
  if (name == "seed_switch") return std::make_unique<SeedSwitch>();
  if (name == "random_sampler") return std::make_unique<RandomSampler>();
  if (name == "strategy") return std::make_unique<strategy::StrategyOperator>();
  throw std::invalid_argument("unknown operator '" + name +
                              "'; known operators: " + joined(known_operators()));
}

std::vector<std::string> known_operators() {
  return {"knob_mutation", "knob_crossover", "seed_switch", "random_sampler", "strategy"};
}

}  // namespace kevo::operators
