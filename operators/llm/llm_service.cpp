#include "operators/llm/llm_service.hpp"

#include <algorithm>
#include <stdexcept>

namespace kevo::operators::llm {

std::string failure_reason(const LlmError& error) { return to_string(error.failure()); }

LlmService::LlmService(std::vector<std::unique_ptr<ChatClient>> clients, LlmBudget budget, std::uint64_t seed)
    : clients_(std::move(clients)), budget_(budget), rng_(seed) {
  if (clients_.empty()) throw std::invalid_argument("llm: no endpoints configured");
  for (const auto& client : clients_) {
    if (!(client->config().weight > 0)) {
      throw std::invalid_argument("llm: endpoint '" + client->config().name + "' needs a weight above 0");
    }
  }
}

ChatClient& LlmService::draw_client() {
  std::vector<double> weights;
  for (const auto& client : clients_) weights.push_back(client->config().weight);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  const std::lock_guard lock(mutex_);
  return *clients_[pick(rng_)];
}

bool LlmService::spent_locked() const {
  return (budget_.max_tokens > 0 && tokens_spent_ >= budget_.max_tokens) ||
         (budget_.max_cost > 0 && cost_spent_ >= budget_.max_cost);
}

bool LlmService::budget_spent() const {
  const std::lock_guard lock(mutex_);
  return spent_locked();
}

std::optional<Answer> LlmService::ask(const std::vector<ChatMessage>& messages, UsageKey key, std::string* error) {
  ChatClient& client = draw_client();
  const EndpointConfig& config = client.config();
  key.endpoint = config.name;
  {
    const std::lock_guard lock(mutex_);
    if (spent_locked()) {
      ++usage_[key].failures["LLM budget spent"];
      if (error != nullptr) *error = "the campaign's LLM budget is spent";
      return std::nullopt;
    }
  }
  try {
    const ChatOutcome outcome = client.complete(messages, config.max_reply_tokens);
    const double cost = (static_cast<double>(outcome.reply.prompt_tokens) * config.input_price_per_mtok +
                         static_cast<double>(outcome.reply.completion_tokens) * config.output_price_per_mtok) /
                        1e6;
    const std::lock_guard lock(mutex_);
    Usage& usage = usage_[key];
    ++usage.calls;
    usage.prompt_tokens += outcome.reply.prompt_tokens;
    usage.completion_tokens += outcome.reply.completion_tokens;
    usage.cost += cost;
    usage.latency_seconds += outcome.latency_seconds;
    usage.retries += outcome.retries;
    tokens_spent_ += outcome.reply.prompt_tokens + outcome.reply.completion_tokens;
    cost_spent_ += cost;
    return Answer{config.name, outcome.reply.content};
  } catch (const LlmError& failed) {
    if (error != nullptr) *error = failed.what();
    const std::lock_guard lock(mutex_);
    ++usage_[key].calls;
    ++usage_[key].failures[failure_reason(failed)];
    return std::nullopt;
  }
}

void LlmService::record_failure(const UsageKey& key, const std::string& reason) {
  const std::lock_guard lock(mutex_);
  ++usage_[key].failures[reason];
}

long LlmService::max_prompt_tokens() const {
  long smallest = clients_.front()->config().max_prompt_tokens;
  for (const auto& client : clients_) smallest = std::min(smallest, client->config().max_prompt_tokens);
  return smallest;
}

void LlmService::restore(const std::map<UsageKey, Usage>& usage) {
  const std::lock_guard lock(mutex_);
  usage_ = usage;
  tokens_spent_ = 0;
  cost_spent_ = 0;
  for (const auto& [key, u] : usage_) {
    tokens_spent_ += u.prompt_tokens + u.completion_tokens;
    cost_spent_ += u.cost;
  }
}

std::map<UsageKey, Usage> LlmService::usage() const {
  const std::lock_guard lock(mutex_);
  return usage_;
}

}  // namespace kevo::operators::llm
