#pragma once
// LlmMutation ("llm_mutation"): one parent in, one rewritten kernel out. The
// prompt (mutation_prompt.hpp, fitted to the endpoints' token budget) goes
// through the campaign's LlmService; the reply is read by kernel_from_reply.
// A failed call or an unusable reply yields no child and is counted against
// the operator, endpoint and strategy; it never throws for that.
#include "operators/llm/llm_service.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/llm/notes_index.hpp"
#include "operators/operator.hpp"
#include "operators/strategy/strategy_catalogue.hpp"

namespace kevo::operators::llm {

class LlmMutation final : public Operator {
 public:
  // `catalogue` (may be null) supplies the chosen strategy's description;
  // `hardware_facts` (may be empty) describes the device (hardware_facts.hpp);
  // `notes` (may be null) are searched for what fits the device, bound and strategy.
  LlmMutation(LlmService& service, const strategy::StrategyCatalogue* catalogue, std::string hardware_facts = "",
              const NotesIndex* notes = nullptr)
      : service_(service), catalogue_(catalogue), hardware_facts_(std::move(hardware_facts)), notes_(notes) {}

  std::string name() const override { return "llm_mutation"; }
  int arity() const override { return 1; }
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;

  // The last failure's text (call error or reply problem), for logs and repair.
  const std::string& last_failure() const { return last_failure_; }

 private:
  static constexpr std::size_t kNotesPerPrompt = 2;
  std::string relevant_notes(const MutationBrief& brief) const;
  LlmService& service_;
  const strategy::StrategyCatalogue* catalogue_;
  std::string hardware_facts_;
  const NotesIndex* notes_;
  std::string last_failure_;
};

}  // namespace kevo::operators::llm
