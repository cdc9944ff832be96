#pragma once
// LlmService: what LLM operators share in a campaign. It picks an endpoint
// per call by weight (a cheap model for most calls, a strong one sometimes),
// keeps the campaign's token and money budget (once spent, calls are refused
// cleanly and offline operators carry on), and accounts for every call:
// tokens, cost, latency and failures per operator, endpoint and strategy.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "operators/llm/chat_client.hpp"

namespace kevo::operators::llm {

struct LlmBudget {
  long long max_tokens = 0;  // prompt + completion over the campaign; 0: no limit
  double max_cost = 0;       // in the price table's money; 0: no limit
};

struct UsageKey {
  std::string operator_name;
  std::string endpoint;
  std::string strategy;
  auto operator<=>(const UsageKey&) const = default;
};

struct Usage {
  long long calls = 0;
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  double cost = 0;
  double latency_seconds = 0;                    // summed over successful calls
  long long retries = 0;                         // transient failures retried away before an answer
  std::map<std::string, long long> failures;     // reason -> count
};

// One answered call, for the operator that asked.
struct Answer {
  std::string endpoint;
  std::string text;
};

class LlmService {
 public:
  LlmService(std::vector<std::unique_ptr<ChatClient>> clients, LlmBudget budget, std::uint64_t seed);

  // Sends the prompt to an endpoint drawn by weight. nullopt when the budget
  // is spent or the call failed; the reason is recorded under `key` (whose
  // endpoint field is filled in here) and, verbatim, in `error` when given.
  std::optional<Answer> ask(const std::vector<ChatMessage>& messages, UsageKey key, std::string* error = nullptr);
  // A call that answered but gave nothing usable (no code, bad edit): counted
  // as a failure of that operator, endpoint and strategy.
  void record_failure(const UsageKey& key, const std::string& reason);

  long max_prompt_tokens() const;  // the smallest of the endpoints': a prompt must fit any of them
  bool budget_spent() const;
  std::map<UsageKey, Usage> usage() const;
  // Continues from what a resumed run had spent and counted.
  void restore(const std::map<UsageKey, Usage>& usage);

 private:
  ChatClient& draw_client();
  bool spent_locked() const;

  std::vector<std::unique_ptr<ChatClient>> clients_;
  LlmBudget budget_;
  mutable std::mutex mutex_;
  std::mt19937_64 rng_;
  std::map<UsageKey, Usage> usage_;
  long long tokens_spent_ = 0;
  double cost_spent_ = 0;
};

// A reason as counted: the failure kind, without the variable detail.
std::string failure_reason(const LlmError& error);

}  // namespace kevo::operators::llm
