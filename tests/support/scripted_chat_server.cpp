#include "scripted_chat_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace kevo::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::vector<std::string> kEntryKeys = {"match", "times",   "status", "headers", "content",
                                             "usage", "body",    "delay",  "fault"};

std::string entry_context(size_t index) { return "chat script entry " + std::to_string(index); }

std::string completion_body(const nlohmann::json& entry) {
  nlohmann::json usage = entry.value("usage", nlohmann::json{{"prompt_tokens", 900}, {"completion_tokens", 100}});
  return nlohmann::json{{"id", "scripted"},
                        {"object", "chat.completion"},
                        {"model", "scripted"},
                        {"choices",
                         {{{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", entry.at("content")}}},
                           {"finish_reason", "stop"}}}},
                        {"usage", usage}}
      .dump();
}

ScriptEntry parse_entry(const nlohmann::json& entry, size_t index) {
  if (!entry.is_object()) throw std::invalid_argument(entry_context(index) + ": expected an object");
  for (const auto& [key, value] : entry.items()) {
    if (std::find(kEntryKeys.begin(), kEntryKeys.end(), key) == kEntryKeys.end())
      throw std::invalid_argument(entry_context(index) + ": unknown key '" + key + "'");
  }
  if (entry.contains("content") == entry.contains("body"))
    throw std::invalid_argument(entry_context(index) + ": give exactly one of 'content' and 'body'");
  ScriptEntry parsed;
  parsed.match = entry.value("match", "");
  parsed.times = entry.value("times", 1);
  parsed.status = entry.value("status", 200);
  parsed.headers = entry.value("headers", nlohmann::json::object());
  parsed.delay_seconds = entry.value("delay", 0.0);
  parsed.fault = entry.value("fault", "");
  if (!parsed.fault.empty() && parsed.fault != "truncate" && parsed.fault != "drop")
    throw std::invalid_argument(entry_context(index) + ": fault must be 'truncate' or 'drop', not '" + parsed.fault +
                                "'");
  if (entry.contains("content")) {
    parsed.body = completion_body(entry);
  } else {
    const auto& body = entry.at("body");
    parsed.body = body.is_string() ? body.get<std::string>() : body.dump();
  }
  return parsed;
}

}  // namespace

std::vector<ScriptEntry> parse_chat_script(const nlohmann::json& script) {
  if (!script.is_array() || script.empty())
    throw std::invalid_argument("chat script: expected a non-empty JSON array of entries");
  std::vector<ScriptEntry> entries;
  for (size_t i = 0; i < script.size(); ++i) entries.push_back(parse_entry(script[i], i));
  return entries;
}

// Blocking Asio sockets, one thread per connection: a test server answers a
// handful of clients, and blocking code keeps the fault behaviour plain.
// Stopping shuts the sockets down under the blocked calls.
struct ScriptedChatServer::Impl {
  std::vector<ScriptEntry> script;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::mutex mutex;
  std::condition_variable stop_signal;
  bool stopping = false;
  std::vector<int> open_fds;
  std::vector<std::thread> connections;
  std::vector<nlohmann::json> received;
  std::vector<std::string> answered;
  std::thread accepting;

  void accept_loop() {
    for (;;) {
      tcp::socket socket(io);
      boost::system::error_code error;
      acceptor.accept(socket, error);
      std::lock_guard lock(mutex);
      if (stopping) return;
      if (error) continue;
      open_fds.push_back(socket.native_handle());
      connections.emplace_back([this, s = std::move(socket)]() mutable {
        serve(s);
        forget(s.native_handle());  // before the descriptor closes and its number is reused
      });
    }
  }

  void serve(tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    boost::system::error_code error;
    for (;;) {
      http::request<http::string_body> request;
      http::read(socket, buffer, request, error);
      if (error) return;
      const ScriptEntry entry = record_and_choose(request);
      if (!wait_or_stop(entry.delay_seconds)) return;
      if (entry.fault == "drop") {
        socket.shutdown(tcp::socket::shutdown_both, error);
        return;
      }
      if (!answer(socket, entry, request.keep_alive())) return;
    }
  }

  void forget(int fd) {
    std::lock_guard lock(mutex);
    std::erase(open_fds, fd);
  }

  ScriptEntry record_and_choose(const http::request<http::string_body>& request) {
    std::lock_guard lock(mutex);
    received.push_back({{"path", std::string(request.target())},
                        {"authorization", std::string(request[http::field::authorization])},
                        {"body", request.body()}});
    ScriptEntry* chosen = &script.back();
    for (auto& entry : script) {
      const bool has_uses = entry.times == 0 || entry.used < entry.times;
      if (has_uses && request.body().find(entry.match) != std::string::npos) {
        chosen = &entry;
        break;
      }
    }
    ++chosen->used;
    answered.push_back(std::to_string(chosen->status) + (chosen->fault.empty() ? "" : " " + chosen->fault));
    return *chosen;
  }

  // A truncated reply promises the whole body's length and sends half, then
  // closes: the client sees a short, unparseable body, as from a dying proxy.
  bool answer(tcp::socket& socket, const ScriptEntry& entry, bool keep_alive) {
    http::response<http::string_body> response{static_cast<http::status>(entry.status), 11};
    response.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : entry.headers.items())
      response.set(name, value.is_string() ? value.get<std::string>() : value.dump());
    const bool truncate = entry.fault == "truncate";
    response.body() = truncate ? entry.body.substr(0, entry.body.size() / 2) : entry.body;
    response.prepare_payload();
    if (truncate) response.content_length(entry.body.size());
    response.keep_alive(keep_alive && !truncate);
    boost::system::error_code error;
    http::write(socket, response, error);
    if (truncate) socket.shutdown(tcp::socket::shutdown_both, error);
    return !error && keep_alive && !truncate;
  }

  // Sleeps like a slow model, but wakes at once when the server stops.
  bool wait_or_stop(double seconds) {
    std::unique_lock lock(mutex);
    stop_signal.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return stopping; });
    return !stopping;
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
      ::shutdown(acceptor.native_handle(), SHUT_RDWR);
      for (int fd : open_fds) ::shutdown(fd, SHUT_RDWR);
    }
    stop_signal.notify_all();
    accepting.join();
    for (auto& connection : connections) connection.join();
  }
};

ScriptedChatServer::ScriptedChatServer(const nlohmann::json& script, unsigned short port)
    : impl_(std::make_unique<Impl>()) {
  impl_->script = parse_chat_script(script);
  const tcp::endpoint loopback(asio::ip::address_v4::loopback(), port);
  impl_->acceptor.open(loopback.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(loopback);
  impl_->acceptor.listen();
  impl_->accepting = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

ScriptedChatServer::~ScriptedChatServer() { impl_->stop(); }

unsigned short ScriptedChatServer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::vector<nlohmann::json> ScriptedChatServer::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

std::vector<std::string> ScriptedChatServer::answered() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->answered;
}

}  // namespace kevo::test
