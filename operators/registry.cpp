#include "operators/registry.hpp"

#include <stdexcept>

#include "operators/knob_crossover.hpp"
#include "operators/knob_mutation.hpp"
#include "operators/llm/llm_crossover.hpp"
#include "operators/llm/llm_mutation.hpp"
#include "operators/llm/llm_repair.hpp"
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

std::unique_ptr<Operator> make_operator(const std::string& name, const OperatorServices& services) {
  if (name == "knob_mutation") return std::make_unique<KnobMutation>();
  if (name == "knob_crossover") return std::make_unique<KnobCrossover>();
  if (name == "seed_switch") return std::make_unique<SeedSwitch>();
  if (name == "random_sampler") return std::make_unique<RandomSampler>();
  if (name == "strategy") return std::make_unique<strategy::StrategyOperator>();
  if (is_llm_operator(name) && services.llm == nullptr) {
    throw std::invalid_argument("operator '" + name +
                                "' needs an LLM endpoint: add an 'llm:' section with at least one endpoint");
  }
  if (name == "llm_mutation") return std::make_unique<llm::LlmMutation>(*services.llm, services.catalogue, services.hardware_facts,
                                                                     services.notes);
  if (name == "llm_crossover") return std::make_unique<llm::LlmCrossover>(*services.llm);
  if (name == "llm_repair") return std::make_unique<llm::LlmRepair>(*services.llm);  // islands use it on failures
  throw std::invalid_argument("unknown operator '" + name +
                              "'; known operators: " + joined(known_operators()));
}

std::vector<std::string> known_operators() {
  return {"knob_mutation", "knob_crossover", "seed_switch", "random_sampler", "strategy", "llm_mutation", "llm_crossover"};
}

bool is_llm_operator(const std::string& name) { return name.rfind("llm_", 0) == 0; }

}  // namespace kevo::operators
