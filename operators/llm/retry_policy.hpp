#pragma once
// RetryPolicy: whether and when to retry a failed chat request. Exponential
// backoff with full jitter (a random wait in [0, base * 2^attempt], capped),
// so many islands hitting one endpoint do not retry in lockstep; a server's
// Retry-After is honoured as a lower bound.
#include <optional>
#include <random>

#include "operators/llm/llm_error.hpp"

namespace kevo::operators::llm {

struct RetryPolicy {
  int max_retries = 4;
  double base_delay_seconds = 1.0;
  double max_delay_seconds = 60.0;

  // Seconds to wait before retry number `attempt` (1 for the first retry), or
  // nullopt when the failure is not worth retrying or retries are used up.
  std::optional<double> delay_before_retry(int attempt, LlmFailure failure, std::optional<double> retry_after,
                                           std::mt19937_64& rng) const;
};

}  // namespace kevo::operators::llm
