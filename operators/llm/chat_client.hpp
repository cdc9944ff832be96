#pragma once
// ChatClient: chat completions from one endpoint, robust enough for
// multi-day campaigns: the endpoint's request limits are kept, transient
// failures (network, timeouts, 429, 5xx) are retried with jittered backoff
// and Retry-After, and everything else fails at once with an error that says
// what to fix (the key's variable, the model, the URL), never the key itself.
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "operators/llm/chat.hpp"
#include "operators/llm/endpoint_config.hpp"
#include "operators/llm/http_transport.hpp"
#include "operators/llm/request_limiter.hpp"

namespace kevo::operators::llm {

// What one completed call cost, for accounting.
struct ChatOutcome {
  ChatReply reply;
  double latency_seconds = 0;  // of the successful attempt
  int retries = 0;
};

class ChatClient {
 public:
  using Sleep = std::function<void(double seconds)>;
  // Reads the API key from the environment now: a variable that is named but
  // unset is an LlmError(auth) before any request is sent.
  ChatClient(EndpointConfig config, HttpTransport& transport, std::uint64_t seed, Sleep sleep = {});

  ChatOutcome complete(const std::vector<ChatMessage>& messages, std::optional<int> max_tokens = std::nullopt);
  const EndpointConfig& config() const { return config_; }

 private:
  HttpRequest http_request(const std::vector<ChatMessage>& messages, std::optional<int> max_tokens) const;
  LlmError classify(const HttpResponse& response) const;
  double backoff(int attempt, const LlmError& error, std::optional<double> retry_after);

  EndpointConfig config_;
  HttpTransport& transport_;
  std::string api_key_;
  RequestLimiter limiter_;
  Sleep sleep_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;
};

}  // namespace kevo::operators::llm
