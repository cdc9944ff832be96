#include "operators/llm/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace kevo::operators::llm {

std::optional<double> RetryPolicy::delay_before_retry(int attempt, LlmFailure failure,
                                                      std::optional<double> retry_after,
                                                      std::mt19937_64& rng) const {
  if (!retryable(failure) || attempt > max_retries) return std::nullopt;
  const double ceiling = std::min(max_delay_seconds, base_delay_seconds * std::ldexp(1.0, attempt - 1));
  std::uniform_real_distribution<double> jitter(0.0, std::max(0.0, ceiling));
  const double backoff = jitter(rng);
  // A server that says when to come back is believed, up to the cap.
  if (retry_after) return std::min(max_delay_seconds, std::max(*retry_after, backoff));
  return backoff;
}

}  // namespace kevo::operators::llm
