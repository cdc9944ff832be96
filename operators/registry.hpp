#pragma once
// Operators by name, as configs and the CLI spell them.
#include <memory>
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

namespace llm {
class LlmService;
class NotesIndex;
}
namespace strategy {
class StrategyCatalogue;
}

// What operators beyond the offline ones need from the campaign.
struct OperatorServices {
  llm::LlmService* llm = nullptr;                             // for llm_* operators
  const strategy::StrategyCatalogue* catalogue = nullptr;     // strategy descriptions for prompts
  std::string hardware_facts;                                 // the device, for prompts ("" when unknown)
  const llm::NotesIndex* notes = nullptr;                     // hardware notes retrieved into prompts
};

// A fresh operator with default options. Throws std::invalid_argument naming
// the unknown name and listing known_operators(), or saying what an LLM
// operator lacks (an `llm:` section with endpoints).
std::unique_ptr<Operator> make_operator(const std::string& name, const OperatorServices& services = {});

// Every name make_operator() knows.
std::vector<std::string> known_operators();
// Whether `name` talks to an LLM (and so needs OperatorServices::llm).
bool is_llm_operator(const std::string& name);

}  // namespace kevo::operators
