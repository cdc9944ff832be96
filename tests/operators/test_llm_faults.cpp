// The fault matrix: every way an OpenAI-compatible endpoint misbehaves,
// served for real over loopback HTTP by the scripted Beast server and met by
// the real libcurl client. Each row states what kevo must do: retry and get
// the answer, or fail at once with the right reason, after how many requests.
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "operators/llm/chat_client.hpp"
#include "operators/llm/curl_transport.hpp"
#include "scripted_chat_server.hpp"

using namespace kevo::operators::llm;
using nlohmann::json;

namespace {

const json kAnswer = {{"content", "__global__ void k(){}"}};

struct FaultRow {
  std::string fault;
  json script;
  std::optional<LlmFailure> failure;  // nullopt: the call must end with kAnswer's content
  size_t requests;                    // sent before the call ended
  double min_wait_seconds = 0;        // the client's backoff must be at least this long in total
};

std::vector<FaultRow> fault_matrix() {
  const json slow = {{"content", "late"}, {"delay", 3}};
  return {
      {"429 with Retry-After: 0.4", {{{"status", 429}, {"body", "slow down"}, {"headers", {{"Retry-After", "0.4"}}}}, kAnswer},
       std::nullopt, 2, 0.4},
      {"500, then an answer", {{{"status", 500}, {"body", "oops"}}, kAnswer}, std::nullopt, 2},
      {"503 on every attempt", {{{"status", 503}, {"body", "down"}, {"times", 0}}}, LlmFailure::server, 3},
      {"reply slower than the timeout, then a quick one", {slow, kAnswer}, std::nullopt, 2},
      {"reply slower than the timeout every time", {{{"content", "late"}, {"delay", 3}, {"times", 0}}},
       LlmFailure::timeout, 3},
      {"connection cut mid-body (Content-Length not met)", {{{"content", "x"}, {"fault", "truncate"}}, kAnswer}, std::nullopt, 2},
      {"connection closed without a reply", {{{"content", "x"}, {"fault", "drop"}}, kAnswer}, std::nullopt, 2},
      {"JSON cut short in a complete HTTP reply", {{{"body", R"({"choices":[{"message":{"content":"__glo)"}}},
       LlmFailure::bad_reply, 1},
      {"complete body that is not JSON", {{{"body", "<html>gateway</html>"}}}, LlmFailure::bad_reply, 1},
      {"JSON without choices", {{{"body", json::object()}}}, LlmFailure::bad_reply, 1},
      {"401: key refused", {{{"status", 401}, {"body", "bad key"}}}, LlmFailure::auth, 1},
      {"404: unknown model", {{{"status", 404}, {"body", "no such model"}}}, LlmFailure::not_found, 1},
      {"400: prompt too long", {{{"status", 400}, {"body", "context length exceeded"}}}, LlmFailure::bad_request, 1},
  };
}

EndpointConfig endpoint_at(const std::string& url) {
  EndpointConfig config;
  config.name = "scripted";
  config.base_url = url;
  config.model = "m-1";
  config.timeout_seconds = 0.5;
  config.retry.max_retries = 2;
  config.retry.base_delay_seconds = 0.01;
  return config;
}

}  // namespace

TEST_CASE("llm fault matrix over real HTTP: each fault is retried or reported as it must be", "[llm]") {
  CurlTransport transport;
  for (const auto& row : fault_matrix()) {
    INFO("fault: " << row.fault);
    kevo::test::ScriptedChatServer server(row.script);
    double waited = 0;
    ChatClient client(endpoint_at(server.url()), transport, 7, [&](double seconds) { waited += seconds; });
    if (row.failure) {
      try {
        client.complete({{"user", "write a kernel"}});
        FAIL("expected " << to_string(*row.failure));
      } catch (const LlmError& error) {
        CHECK(error.failure() == *row.failure);
        CHECK(std::string(error.what()).find("'scripted'") != std::string::npos);  // names the endpoint
      }
    } else {
      const ChatOutcome outcome = client.complete({{"user", "write a kernel"}});
      CHECK(outcome.reply.content == kAnswer["content"]);
      CHECK(outcome.retries == static_cast<int>(row.requests) - 1);
    }
    CHECK(server.received().size() == row.requests);
    CHECK(waited >= row.min_wait_seconds);
  }
}

TEST_CASE("scripted chat server: pattern entries answer matching prompts, in order, as often as told", "[llm]") {
  kevo::test::ScriptedChatServer server(json::array({
      {{"match", "compile_error"}, {"content", "fixed"}, {"times", 0}},
      {{"content", "first"}},
      {{"content", "second"}, {"times", 2}},
      {{"content", "last, repeated"}},
  }));
  CurlTransport transport;
  ChatClient client(endpoint_at(server.url()), transport, 1, [](double) {});
  const auto ask = [&](const std::string& prompt) { return client.complete({{"user", prompt}}).reply.content; };
  CHECK(ask("mutate") == "first");
  CHECK(ask("What went wrong (compile_error)") == "fixed");
  CHECK(ask("mutate") == "second");
  CHECK(ask("mutate") == "second");
  CHECK(ask("mutate") == "last, repeated");
  CHECK(ask("mutate") == "last, repeated");
  CHECK(ask("again compile_error") == "fixed");
  CHECK(server.answered() == std::vector<std::string>(7, "200"));
}

TEST_CASE("scripted chat server: a malformed script is refused with the entry and key", "[llm]") {
  CHECK_THROWS_WITH(kevo::test::parse_chat_script(json::array({{{"content", "x"}, {"stauts", 200}}})),
                    KEVO_CONTAINS("entry 0: unknown key 'stauts'"));
  CHECK_THROWS_WITH(kevo::test::parse_chat_script(json::array({{{"content", "x"}}, {{"status", 500}}})),
                    KEVO_CONTAINS("entry 1: give exactly one of 'content' and 'body'"));
  CHECK_THROWS_WITH(kevo::test::parse_chat_script(json::array({{{"content", "x"}, {"fault", "explode"}}})),
                    KEVO_CONTAINS("fault must be 'truncate' or 'drop'"));
  CHECK_THROWS_WITH(kevo::test::parse_chat_script(json::object()), KEVO_CONTAINS("non-empty JSON array"));
}
