#pragma once
// HttpTransport: one HTTP POST, nothing more. The chat client keeps retries,
// limits and error meaning; a transport only moves bytes, which lets tests
// script an endpoint's answers without a network.
#include <optional>
#include <string>
#include <vector>

namespace kevo::operators::llm {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  double timeout_seconds = 120;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<double> retry_after_seconds;  // from a Retry-After header given in seconds
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Throws LlmError(network or timeout) when no HTTP response arrived.
  virtual HttpResponse post(const HttpRequest& request, const std::string& endpoint) = 0;
};

}  // namespace kevo::operators::llm
