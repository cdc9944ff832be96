#pragma once
// Prompts built to a token budget, so no campaign overflows a model's
// context however long it runs. A prompt is a system message plus parts;
// required parts (the task, the goal, the parent's source) always stay, the
// others are dropped oldest first (history) until the estimate fits.
#include <stdexcept>
#include <string>
#include <vector>

#include "operators/llm/chat.hpp"

namespace kevo::operators::llm {

struct PromptPart {
  std::string title;  // a markdown heading in the prompt
  std::string text;
  bool required = false;
  int age = 0;        // 0 = current; larger = older history, dropped first
};

class PromptTooLarge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A conservative estimate for code and English (about 4 characters a token
// for common tokenizers, rounded up): over-estimating only drops history early.
long estimate_tokens(const std::string& text);

// The system message and one user message with the parts that fit in
// `max_tokens`, in their given order. Throws PromptTooLarge when the system
// message and the required parts alone do not fit.
std::vector<ChatMessage> fit_prompt(const std::string& system, const std::vector<PromptPart>& parts,
                                    long max_tokens);

}  // namespace kevo::operators::llm
