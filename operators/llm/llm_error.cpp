#include "operators/llm/llm_error.hpp"

namespace kevo::operators::llm {

std::string to_string(LlmFailure failure) {
  switch (failure) {
    case LlmFailure::network: return "network error";
    case LlmFailure::timeout: return "timeout";
    case LlmFailure::auth: return "not authorised";
    case LlmFailure::not_found: return "not found";
    case LlmFailure::rate_limited: return "rate limited";
    case LlmFailure::server: return "server error";
    case LlmFailure::bad_request: return "request refused";
    case LlmFailure::bad_reply: return "unusable reply";
  }
  return "unknown failure";
}

std::string body_excerpt(const std::string& body) {
  constexpr std::size_t kShown = 300;
  return body.size() <= kShown ? body : body.substr(0, kShown) + "...";
}

bool retryable(LlmFailure failure) {
  return failure == LlmFailure::network || failure == LlmFailure::timeout || failure == LlmFailure::rate_limited ||
         failure == LlmFailure::server;
}

}  // namespace kevo::operators::llm
