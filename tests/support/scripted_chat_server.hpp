#pragma once
// ScriptedChatServer: an OpenAI-compatible chat endpoint on a free loopback
// port (Boost.Beast over Asio), answering from a script, for tests and demos
// that must exercise the real HTTP path and its faults with no model.
//
// The script is a JSON array of entries. For each POST the server takes the
// first entry, in script order, that still has uses left and whose `match`
// (if any) occurs in the request body; when none qualifies it answers with
// the last entry. Entry keys:
//   match     substring of the request body this entry answers (optional)
//   times     how many requests it answers (default 1; 0 = any number)
//   status    HTTP status (default 200)
//   headers   extra response headers, e.g. {"Retry-After": "0.3"}
//   content   the assistant message: the body becomes a chat completion
//   usage     {"prompt_tokens", "completion_tokens"} for `content` replies
//   body      the raw body instead (string, or JSON that is serialised)
//   delay     seconds to wait before answering (a reply past the timeout)
//   fault     "truncate" (send half the body) or "drop" (close, no reply)
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kevo::test {

struct ScriptEntry {
  std::string match;
  int times = 1;
  int used = 0;
  int status = 200;
  nlohmann::json headers = nlohmann::json::object();
  std::string body;
  double delay_seconds = 0;
  std::string fault;
};

// Reads a script (see above); throws std::invalid_argument naming the entry
// and key on anything it does not understand.
std::vector<ScriptEntry> parse_chat_script(const nlohmann::json& script);

class ScriptedChatServer {
 public:
  // Binds 127.0.0.1 on `port` (0: any free port) and serves until destroyed.
  explicit ScriptedChatServer(const nlohmann::json& script, unsigned short port = 0);
  ~ScriptedChatServer();
  ScriptedChatServer(const ScriptedChatServer&) = delete;
  ScriptedChatServer& operator=(const ScriptedChatServer&) = delete;

  unsigned short port() const;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/v1"; }
  // Every request so far: {"path", "authorization", "body"}, in arrival order.
  std::vector<nlohmann::json> received() const;
  // What the server did per request: "200", "429", "500 truncate", "200 drop".
  std::vector<std::string> answered() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kevo::test
