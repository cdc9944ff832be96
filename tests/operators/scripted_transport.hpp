#pragma once
// An in-memory chat endpoint for operator tests: answers each request with
// the next scripted reply (the last one repeats) and keeps the request bodies.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "operators/llm/chat_client.hpp"
#include "operators/llm/http_transport.hpp"

namespace kevo::operators::llm {

class ScriptedTransport final : public HttpTransport {
 public:
  explicit ScriptedTransport(std::deque<std::string> replies) : replies_(std::move(replies)) {}
  HttpResponse post(const HttpRequest& request, const std::string&) override {
    bodies.push_back(request.body);
    const std::string content = replies_.front();
    if (replies_.size() > 1) replies_.pop_front();
    nlohmann::json reply = {{"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}}}},
                            {"usage", {{"prompt_tokens", 1000}, {"completion_tokens", 200}}}};
    return {200, reply.dump(), std::nullopt};
  }
  std::vector<std::string> bodies;

 private:
  std::deque<std::string> replies_;
};

inline EndpointConfig endpoint(const std::string& name, double weight = 1) {
  EndpointConfig config;
  config.name = name;
  config.base_url = "http://example.invalid/v1";
  config.model = name + "-model";
  config.weight = weight;
  config.input_price_per_mtok = 1.0;
  config.output_price_per_mtok = 4.0;
  return config;
}

inline std::unique_ptr<ChatClient> client(const EndpointConfig& config, ScriptedTransport& transport) {
  return std::make_unique<ChatClient>(config, transport, 1, [](double) {});
}

// The user message of a request body.
inline std::string user_prompt(const std::string& body) {
  return nlohmann::json::parse(body)["messages"][1]["content"].get<std::string>();
}

}  // namespace kevo::operators::llm
