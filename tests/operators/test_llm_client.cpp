// The chat client against scripted endpoints: retries what is transient
// (429 with Retry-After, 5xx), fails at once and clearly on what is not (a
// wrong key, an unknown model, a reply that is not JSON), never shows the
// key, and keeps an endpoint's request limits. The last cases go over real
// HTTP through libcurl to a local mock server.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "fitness/worker/subprocess.hpp"
#include "operators/llm/chat_client.hpp"
#include "operators/llm/curl_transport.hpp"
#include "operators/llm/exchange_log.hpp"
#include "scripted_chat_server.hpp"

using namespace kevo::operators::llm;

namespace {

constexpr const char* kGoodReply =
    R"({"model":"m-1","choices":[{"message":{"role":"assistant","content":"__global__ void k(){}"},)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":30}})";

class ScriptedTransport final : public HttpTransport {
 public:
  explicit ScriptedTransport(std::deque<HttpResponse> answers) : answers_(std::move(answers)) {}
  HttpResponse post(const HttpRequest& request, const std::string&) override {
    requests.push_back(request);
    HttpResponse next = answers_.front();
    if (answers_.size() > 1) answers_.pop_front();
    return next;
  }
  std::vector<HttpRequest> requests;

 private:
  std::deque<HttpResponse> answers_;
};

EndpointConfig endpoint(const std::string& key_env = "") {
  EndpointConfig config;
  config.name = "test";
  config.base_url = "http://example.invalid/v1/";
  config.model = "m-1";
  config.api_key_env = key_env;
  config.retry.base_delay_seconds = 0.5;
  return config;
}

const std::vector<ChatMessage> kHello = {{"user", "write a kernel"}};

}  // namespace

TEST_CASE("llm client: 429 with Retry-After and a 503 are retried, then the reply is read", "[llm]") {
  ScriptedTransport transport({{429, "slow down", 2.5}, {503, "overloaded", std::nullopt}, {200, kGoodReply, {}}});
  std::vector<double> slept;
  ChatClient client(endpoint(), transport, 7, [&](double s) { slept.push_back(s); });
  const ChatOutcome outcome = client.complete(kHello);
  CHECK(outcome.reply.content == "__global__ void k(){}");
  CHECK(outcome.reply.prompt_tokens == 120);
  CHECK(outcome.reply.completion_tokens == 30);
  CHECK(outcome.retries == 2);
  REQUIRE(slept.size() == 2);
  CHECK(slept[0] >= 2.5);              // Retry-After is a lower bound
  CHECK(slept[1] <= 2 * 0.5 + 1e-9);   // second retry: jitter within base * 2
  REQUIRE(transport.requests.size() == 3);
  CHECK(transport.requests[0].url == "http://example.invalid/v1/chat/completions");
  const auto body = nlohmann::json::parse(transport.requests[0].body);
  CHECK(body["model"] == "m-1");
  CHECK(body["messages"][0]["content"] == "write a kernel");
}

TEST_CASE("llm client: a refused key fails at once, names its variable and never shows it", "[llm]") {
  ::setenv("KEVO_TEST_LLM_KEY", "sk-secret-123", 1);
  ScriptedTransport transport({{401, R"({"error":"invalid api key"})", {}}});
  ChatClient client(endpoint("KEVO_TEST_LLM_KEY"), transport, 1, [](double) { FAIL("no retry expected"); });
  try {
    client.complete(kHello);
    FAIL("expected an error");
  } catch (const LlmError& error) {
    CHECK(error.failure() == LlmFailure::auth);
    CHECK_THAT(std::string(error.what()), KEVO_CONTAINS("$KEVO_TEST_LLM_KEY"));
    CHECK(std::string(error.what()).find("sk-secret-123") == std::string::npos);
  }
  REQUIRE(transport.requests.size() == 1);
  CHECK(transport.requests[0].headers.back() == "Authorization: Bearer sk-secret-123");

  ::unsetenv("KEVO_TEST_LLM_KEY");
  CHECK_THROWS_WITH(ChatClient(endpoint("KEVO_TEST_LLM_KEY"), transport, 1),
                    KEVO_CONTAINS("environment variable KEVO_TEST_LLM_KEY (its API key) is not set"));
}

TEST_CASE("llm client: unknown model, refused request and unusable replies are not retried", "[llm]") {
  struct Case {
    HttpResponse answer;
    LlmFailure failure;
    std::string said;
  };
  const std::vector<Case> cases = {
      {{404, "model not found", {}}, LlmFailure::not_found, "no model 'm-1'"},
      {{400, "context length exceeded", {}}, LlmFailure::bad_request, "context length exceeded"},
      {{200, "<html>proxy error</html>", {}}, LlmFailure::bad_reply, "not JSON"},
      {{200, R"({"choices":[]})", {}}, LlmFailure::bad_reply, "no choices"},
      {{200, R"({"choices":[{"message":{"content":null}}]})", {}}, LlmFailure::bad_reply, "no text content"},
  };
  for (const Case& c : cases) {
    INFO(c.said);
    ScriptedTransport transport({c.answer});
    ChatClient client(endpoint(), transport, 1, [](double) { FAIL("no retry expected"); });
    try {
      client.complete(kHello);
      FAIL("expected an error");
    } catch (const LlmError& error) {
      CHECK(error.failure() == c.failure);
      CHECK_THAT(std::string(error.what()), KEVO_CONTAINS(c.said));
      CHECK_THAT(std::string(error.what()), KEVO_CONTAINS("LLM endpoint 'test'"));
    }
    CHECK(transport.requests.size() == 1);
  }
}

TEST_CASE("llm client: retries end after max_retries with the last error", "[llm]") {
  ScriptedTransport transport({{500, "boom", {}}});
  auto config = endpoint();
  config.retry.max_retries = 3;
  int sleeps = 0;
  ChatClient client(config, transport, 1, [&](double) { ++sleeps; });
  CHECK_THROWS_WITH(client.complete(kHello), KEVO_CONTAINS("HTTP 500: boom"));
  CHECK(sleeps == 3);
  CHECK(transport.requests.size() == 4);
}

TEST_CASE("llm retry policy: full jitter under an exponential, capped ceiling", "[llm]") {
  RetryPolicy policy{6, 1.0, 8.0};
  std::mt19937_64 rng(3);
  for (int attempt = 1; attempt <= 6; ++attempt) {
    for (int i = 0; i < 50; ++i) {
      const auto delay = policy.delay_before_retry(attempt, LlmFailure::network, std::nullopt, rng);
      REQUIRE(delay.has_value());
      CHECK(*delay >= 0);
      CHECK(*delay <= std::min(8.0, std::ldexp(1.0, attempt - 1)));
    }
  }
  CHECK_FALSE(policy.delay_before_retry(7, LlmFailure::network, std::nullopt, rng).has_value());
  CHECK_FALSE(policy.delay_before_retry(1, LlmFailure::auth, std::nullopt, rng).has_value());
  CHECK(*policy.delay_before_retry(1, LlmFailure::rate_limited, 100.0, rng) == 8.0);  // capped
}

TEST_CASE("llm request limiter: in-flight and per-window limits hold across threads", "[llm]") {
  RequestLimiter limiter(2, 4, 0.4);
  std::atomic<int> running{0}, most{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      const auto slot = limiter.acquire();
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {}
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      --running;
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(most.load() <= 2);
  CHECK(seconds >= 0.4);  // 8 starts at 4 per 0.4 s window: the second four wait for the window
}

TEST_CASE("llm client over libcurl: Retry-After from a real 429, then the reply", "[llm]") {
  kevo::test::ScriptedChatServer server(nlohmann::json::array(
      {{{"status", 429}, {"body", "busy"}, {"headers", {{"Retry-After", "0.3"}}}},
       {{"status", 200}, {"body", nlohmann::json::parse(kGoodReply)}}}));
  CurlTransport transport;
  ::setenv("KEVO_TEST_LLM_KEY", "sk-local", 1);
  auto config = endpoint("KEVO_TEST_LLM_KEY");
  config.base_url = server.url();
  std::vector<double> slept;
  ChatClient client(config, transport, 1, [&](double s) { slept.push_back(s); });
  const ChatOutcome outcome = client.complete(kHello);
  CHECK(outcome.reply.content == "__global__ void k(){}");
  REQUIRE(slept.size() == 1);
  CHECK(slept[0] >= 0.3);
  const auto received = server.received();
  REQUIRE(received.size() == 2);
  CHECK(received[0]["path"] == "/v1/chat/completions");
  CHECK(received[0]["authorization"] == "Bearer sk-local");
  CHECK(nlohmann::json::parse(received[0]["body"].get<std::string>())["model"] == "m-1");
  ::unsetenv("KEVO_TEST_LLM_KEY");
}

TEST_CASE("llm client over libcurl: a reply slower than the timeout is a timeout", "[llm]") {
  kevo::test::ScriptedChatServer server(nlohmann::json::array({{{"status", 200}, {"body", "{}"}, {"delay", 3}}}));
  CurlTransport transport;
  auto config = endpoint();
  config.base_url = server.url();
  config.timeout_seconds = 0.5;
  config.retry.max_retries = 0;
  ChatClient client(config, transport, 1, [](double) {});
  try {
    client.complete(kHello);
    FAIL("expected a timeout");
  } catch (const LlmError& error) {
    CHECK(error.failure() == LlmFailure::timeout);
  }
}

TEST_CASE("llm exchange log: recorded bodies replay exactly, then loosely, then run out", "[llm]") {
  ScriptedTransport live({{200, "first", {}}, {200, "second", {}}});
  std::vector<kevo::population::Exchange> log;
  RecordingTransport recorder(live, [&](const kevo::population::Exchange& e) { log.push_back(e); });
  HttpRequest a{"http://x/v1/chat/completions", {"Authorization: Bearer sk-9"}, R"({"q":"a"})", 5};
  HttpRequest b = a;
  b.body = R"({"q":"b"})";
  CHECK(recorder.post(a, "e").body == "first");
  CHECK(recorder.post(b, "e").body == "second");
  REQUIRE(log.size() == 2);
  CHECK(log[0].request == R"({"q":"a"})");
  CHECK(log[0].request.find("sk-9") == std::string::npos);  // headers are not recorded

  ReplayTransport replay(log);
  CHECK(replay.post(b, "e").body == "second");  // by body, whatever the order
  HttpRequest changed = a;
  changed.body = R"({"q":"a, measured again"})";
  CHECK(replay.post(changed, "e").body == "first");  // the next unused response of the endpoint
  CHECK(replay.exact_matches() == 1);
  CHECK(replay.loose_matches() == 1);
  CHECK_THROWS_WITH(replay.post(a, "e"), KEVO_CONTAINS("no further response"));
}

TEST_CASE("llm exchange log: a request with no answer is recorded with status 0 and never replayed", "[llm]") {
  class Unreachable final : public HttpTransport {
   public:
    HttpResponse post(const HttpRequest&, const std::string& endpoint) override {
      throw LlmError(LlmFailure::network, endpoint, "connection refused");
    }
  } unreachable;
  std::vector<kevo::population::Exchange> log;
  RecordingTransport recorder(unreachable, [&](const kevo::population::Exchange& e) { log.push_back(e); });
  const HttpRequest request{"http://x/v1/chat/completions", {}, R"({"q":"a"})", 5};
  CHECK_THROWS_AS(recorder.post(request, "e"), LlmError);
  REQUIRE(log.size() == 1);
  CHECK(log[0].status == 0);
  CHECK(log[0].response.find("connection refused") != std::string::npos);
  log.push_back({"e", log[0].request_hash, log[0].request, 200, "answer"});  // the retry that got through
  ReplayTransport replay(log);
  CHECK(replay.post(request, "e").body == "answer");
}
