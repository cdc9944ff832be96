#include "operators/llm/prompt_budget.hpp"

#include <algorithm>
#include <numeric>

namespace kevo::operators::llm {

namespace {

std::string render(const PromptPart& part) { return "## " + part.title + "\n\n" + part.text + "\n\n"; }

}  // namespace

long estimate_tokens(const std::string& text) { return static_cast<long>((text.size() + 3) / 4); }

std::vector<ChatMessage> fit_prompt(const std::string& system, const std::vector<PromptPart>& parts,
                                    long max_tokens) {
  std::vector<bool> kept(parts.size(), true);
  long total = estimate_tokens(system);
  for (const PromptPart& part : parts) total += estimate_tokens(render(part));
  // Optional parts, oldest first; among equals, the later part first.
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return parts[a].age != parts[b].age ? parts[a].age > parts[b].age : a > b;
  });
  for (std::size_t i : order) {
    if (total <= max_tokens) break;
    if (parts[i].required) continue;
    kept[i] = false;
    total -= estimate_tokens(render(parts[i]));
  }
  if (total > max_tokens) {
    throw PromptTooLarge("the prompt's required parts take about " + std::to_string(total) +
                         " tokens, more than the model's budget of " + std::to_string(max_tokens) +
                         "; raise max_prompt_tokens or use a model with a larger context");
  }
  std::string user;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (kept[i]) user += render(parts[i]);
  }
  return {{"system", system}, {"user", user}};
}

}  // namespace kevo::operators::llm
