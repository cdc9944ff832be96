#pragma once
// The chat-completions exchange of any OpenAI-compatible endpoint (hosted
// APIs, vLLM, llama.cpp server, Ollama): the request kevo sends and the parts
// of the reply it uses, read strictly.
#include <optional>
#include <string>
#include <vector>

namespace kevo::operators::llm {

struct ChatMessage {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
  bool operator==(const ChatMessage&) const = default;
};

struct ChatRequest {
  std::string model;
  std::vector<ChatMessage> messages;
  std::optional<double> temperature;
  std::optional<int> max_tokens;
};

struct ChatReply {
  std::string content;        // the first choice's message
  std::string model;          // as the endpoint reports it
  std::string finish_reason;  // "stop", "length", ...
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
};

std::string encode_chat_request(const ChatRequest& request);
// Throws LlmError(bad_reply) naming what is missing or malformed.
ChatReply decode_chat_reply(const std::string& body, const std::string& endpoint);

}  // namespace kevo::operators::llm
