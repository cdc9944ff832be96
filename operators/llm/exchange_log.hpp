#pragma once
// Recording and replaying an endpoint's traffic. RecordingTransport passes
// requests on and hands every exchange (bodies only, never headers) to a
// sink, which the campaign points at the run's archive; a request that got
// no HTTP answer (network error, timeout) is kept with status 0 and the
// error as its response, so the record shows every request that was sent. ReplayTransport
// answers from such a record with no network, from the answered exchanges
// only (the client retried past the others): a request with the same body
// as a recorded one gets that response (the k-th repeat the k-th response).
// Prompts carry measured times, so a re-run that measures again asks with
// different bodies; such a request gets the endpoint's next unused response
// in recorded order, and is counted as a loose match.
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "operators/llm/http_transport.hpp"
#include "population/archive.hpp"

namespace kevo::operators::llm {

class RecordingTransport final : public HttpTransport {
 public:
  using Sink = std::function<void(const population::Exchange&)>;
  RecordingTransport(HttpTransport& inner, Sink sink) : inner_(inner), sink_(std::move(sink)) {}
  HttpResponse post(const HttpRequest& request, const std::string& endpoint) override;

 private:
  HttpTransport& inner_;
  Sink sink_;
};

class ReplayTransport final : public HttpTransport {
 public:
  explicit ReplayTransport(const std::vector<population::Exchange>& recorded);
  // Throws LlmError(not_found) once the endpoint's record is used up.
  HttpResponse post(const HttpRequest& request, const std::string& endpoint) override;
  int exact_matches() const;
  int loose_matches() const;

 private:
  HttpResponse take(std::size_t index);

  mutable std::mutex mutex_;
  std::vector<population::Exchange> recorded_;
  std::vector<bool> used_;
  std::map<std::string, std::deque<std::size_t>> by_hash_;  // unused, in order
  int exact_ = 0;
  int loose_ = 0;
};

}  // namespace kevo::operators::llm
