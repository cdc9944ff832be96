#pragma once
// EndpointConfig: one OpenAI-compatible chat endpoint as a campaign names it.
// The API key is never part of it: only the name of the environment variable
// that holds it, so keys stay out of run directories, archives and logs.
#include <string>

#include "operators/llm/retry_policy.hpp"

namespace kevo::operators::llm {

struct EndpointConfig {
  std::string name;            // how reports and errors call it, e.g. "cheap"
  std::string base_url;        // e.g. "https://api.openai.com/v1", "http://localhost:8000/v1"
  std::string model;
  std::string api_key_env;     // "" for endpoints without a key (local vLLM, Ollama)
  double weight = 1;           // share of calls among the campaign's endpoints
  double timeout_seconds = 120;
  RetryPolicy retry;
  int max_in_flight = 4;
  int requests_per_minute = 0; // 0: no limit
  long max_prompt_tokens = 16000;    // prompts are fitted to this (PromptBudget)
  int max_reply_tokens = 4096;
  double input_price_per_mtok = 0;   // money per million prompt tokens
  double output_price_per_mtok = 0;  // money per million completion tokens
};

}  // namespace kevo::operators::llm
