#include "operators/llm/chat_client.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace kevo::operators::llm {

namespace {

std::string read_api_key(const EndpointConfig& config) {
  if (config.api_key_env.empty()) return "";
  const char* value = std::getenv(config.api_key_env.c_str());
  if (value == nullptr || *value == '\0') {
    throw LlmError(LlmFailure::auth, config.name,
                   "environment variable " + config.api_key_env + " (its API key) is not set");
  }
  return value;
}

void sleep_for_seconds(double seconds) {
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace

ChatClient::ChatClient(EndpointConfig config, HttpTransport& transport, std::uint64_t seed, Sleep sleep)
    : config_(std::move(config)),
      transport_(transport),
      api_key_(read_api_key(config_)),
      limiter_(config_.max_in_flight, config_.requests_per_minute),
      sleep_(sleep ? std::move(sleep) : Sleep(sleep_for_seconds)),
      rng_(seed) {}

HttpRequest ChatClient::http_request(const std::vector<ChatMessage>& messages, std::optional<int> max_tokens) const {
  HttpRequest request;
  std::string base = config_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  request.url = base + "/chat/completions";
  request.headers = {"Content-Type: application/json"};
  if (!api_key_.empty()) request.headers.push_back("Authorization: Bearer " + api_key_);
  request.body = encode_chat_request({config_.model, messages, std::nullopt, max_tokens});
  request.timeout_seconds = config_.timeout_seconds;
  return request;
}

LlmError ChatClient::classify(const HttpResponse& response) const {
  const std::string status = "HTTP " + std::to_string(response.status);
  const long code = response.status;
  if (code == 401 || code == 403) {
    const std::string key = config_.api_key_env.empty() ? "no API key is configured (api_key_env)"
                                                        : "check the key in $" + config_.api_key_env;
    return LlmError(LlmFailure::auth, config_.name, status + ": " + key + "; " + body_excerpt(response.body));
  }
  if (code == 404) {
    return LlmError(LlmFailure::not_found, config_.name,
                    status + ": no model '" + config_.model + "' or no chat API at " + config_.base_url + "; " +
                        body_excerpt(response.body));
  }
  if (code == 429) return LlmError(LlmFailure::rate_limited, config_.name, status + ": " + body_excerpt(response.body));
  if (code == 408 || code >= 500) {
    return LlmError(LlmFailure::server, config_.name, status + ": " + body_excerpt(response.body));
  }
  return LlmError(LlmFailure::bad_request, config_.name, status + ": " + body_excerpt(response.body));
}

double ChatClient::backoff(int attempt, const LlmError& error, std::optional<double> retry_after) {
  const std::lock_guard lock(rng_mutex_);
  const auto delay = config_.retry.delay_before_retry(attempt, error.failure(), retry_after, rng_);
  if (!delay) throw error;
  return *delay;
}

ChatOutcome ChatClient::complete(const std::vector<ChatMessage>& messages, std::optional<int> max_tokens) {
  const HttpRequest request = http_request(messages, max_tokens);
  for (int attempt = 0;; ++attempt) {
    std::optional<double> retry_after;
    try {
      const auto slot = limiter_.acquire();
      const auto start = std::chrono::steady_clock::now();
      const HttpResponse response = transport_.post(request, config_.name);
      const double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (response.status == 200) return {decode_chat_reply(response.body, config_.name), latency, attempt};
      retry_after = response.retry_after_seconds;
      throw classify(response);
    } catch (const LlmError& error) {
      sleep_(backoff(attempt + 1, error, retry_after));
    }
  }
}

}  // namespace kevo::operators::llm
