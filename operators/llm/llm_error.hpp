#pragma once
// LlmError: why a chat request failed, classified so that callers can tell
// what to retry (rate limits, server errors, network trouble) from what a
// retry cannot fix (a wrong key, an unknown model, a malformed reply).
#include <stdexcept>
#include <string>

namespace kevo::operators::llm {

enum class LlmFailure { network, timeout, auth, not_found, rate_limited, server, bad_request, bad_reply };
std::string to_string(LlmFailure failure);
bool retryable(LlmFailure failure);
// The start of a response body for an error message: enough to recognise
// a server's complaint, short enough to keep logs readable.
std::string body_excerpt(const std::string& body);

class LlmError : public std::runtime_error {
 public:
  // `endpoint` names the endpoint as configured (never its key).
  LlmError(LlmFailure failure, const std::string& endpoint, const std::string& message)
      : std::runtime_error("LLM endpoint '" + endpoint + "': " + to_string(failure) + ": " + message),
        failure_(failure) {}
  LlmFailure failure() const { return failure_; }

 private:
  LlmFailure failure_;
};

}  // namespace kevo::operators::llm
