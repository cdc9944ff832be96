#include "operators/llm/exchange_log.hpp"

#include <algorithm>

#include "operators/llm/llm_error.hpp"
#include "population/content_hash.hpp"

namespace kevo::operators::llm {

HttpResponse RecordingTransport::post(const HttpRequest& request, const std::string& endpoint) {
  const std::string hash = population::sha256_hex(request.body);
  try {
    const HttpResponse response = inner_.post(request, endpoint);
    sink_({endpoint, hash, request.body, response.status, response.body});
    return response;
  } catch (const LlmError& unanswered) {
    sink_({endpoint, hash, request.body, 0, unanswered.what()});
    throw;
  }
}

ReplayTransport::ReplayTransport(const std::vector<population::Exchange>& recorded) {
  std::copy_if(recorded.begin(), recorded.end(), std::back_inserter(recorded_),
               [](const population::Exchange& exchange) { return exchange.status != 0; });
  used_.assign(recorded_.size(), false);
  for (std::size_t i = 0; i < recorded_.size(); ++i) by_hash_[recorded_[i].request_hash].push_back(i);
}

HttpResponse ReplayTransport::take(std::size_t index) {
  used_[index] = true;
  auto& same = by_hash_[recorded_[index].request_hash];
  same.erase(std::find(same.begin(), same.end(), index));
  return {static_cast<long>(recorded_[index].status), recorded_[index].response, std::nullopt};
}

HttpResponse ReplayTransport::post(const HttpRequest& request, const std::string& endpoint) {
  const std::string hash = population::sha256_hex(request.body);
  const std::lock_guard lock(mutex_);
  if (auto found = by_hash_.find(hash); found != by_hash_.end() && !found->second.empty()) {
    ++exact_;
    return take(found->second.front());
  }
  for (std::size_t i = 0; i < recorded_.size(); ++i) {
    if (!used_[i] && recorded_[i].service == endpoint) {
      ++loose_;
      return take(i);
    }
  }
  throw LlmError(LlmFailure::not_found, endpoint,
                 "replay: the record holds no further response from this endpoint (" +
                     std::to_string(exact_ + loose_) + " replayed)");
}

int ReplayTransport::exact_matches() const {
  const std::lock_guard lock(mutex_);
  return exact_;
}

int ReplayTransport::loose_matches() const {
  const std::lock_guard lock(mutex_);
  return loose_;
}

}  // namespace kevo::operators::llm
