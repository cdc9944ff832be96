#include "operators/llm/chat.hpp"

#include <nlohmann/json.hpp>

#include "operators/llm/llm_error.hpp"

namespace kevo::operators::llm {

using nlohmann::json;

std::string encode_chat_request(const ChatRequest& request) {
  json messages = json::array();
  for (const ChatMessage& m : request.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  json body = {{"model", request.model}, {"messages", messages}};
  if (request.temperature) body["temperature"] = *request.temperature;
  if (request.max_tokens) body["max_tokens"] = *request.max_tokens;
  return body.dump();
}

ChatReply decode_chat_reply(const std::string& body, const std::string& endpoint) {
  auto bad = [&](const std::string& what) {
    return LlmError(LlmFailure::bad_reply, endpoint, what + " in reply: " + body_excerpt(body));
  };
  json in;
  try {
    in = json::parse(body);
  } catch (const json::parse_error&) {
    throw bad("not JSON");
  }
  if (!in.is_object()) throw bad("not a JSON object");
  if (!in.contains("choices") || !in["choices"].is_array() || in["choices"].empty()) throw bad("no choices");
  const json& choice = in["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) throw bad("no message");
  const json& message = choice["message"];
  if (!message.contains("content") || !message["content"].is_string()) throw bad("no text content");
  ChatReply reply;
  reply.content = message["content"].get<std::string>();
  if (in.contains("model") && in["model"].is_string()) reply.model = in["model"].get<std::string>();
  if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
    reply.finish_reason = choice["finish_reason"].get<std::string>();
  }
  // Token counts are what accounting and budgets run on: a reply without
  // them is still usable, but counts as zero tokens rather than a guess.
  if (in.contains("usage") && in["usage"].is_object()) {
    const json& usage = in["usage"];
    if (usage.contains("prompt_tokens") && usage["prompt_tokens"].is_number_integer())
      reply.prompt_tokens = usage["prompt_tokens"].get<long long>();
    if (usage.contains("completion_tokens") && usage["completion_tokens"].is_number_integer())
      reply.completion_tokens = usage["completion_tokens"].get<long long>();
  }
  return reply;
}

}  // namespace kevo::operators::llm
