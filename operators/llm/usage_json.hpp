#pragma once
// LLM accounting as JSON, for the run's state ("llm_usage") and the report.
#include <map>

#include <nlohmann/json.hpp>

#include "operators/llm/llm_service.hpp"

namespace kevo::operators::llm {

// The run-state key the campaign's LLM accounting is committed under.
inline constexpr const char* kUsageStateKey = "llm_usage";

nlohmann::json usage_to_json(const std::map<UsageKey, Usage>& usage);
std::map<UsageKey, Usage> usage_from_json(const nlohmann::json& json);
// The sum of two accounts (the shards of a distributed run).
std::map<UsageKey, Usage> add_usage(std::map<UsageKey, Usage> total, const std::map<UsageKey, Usage>& more);

}  // namespace kevo::operators::llm
