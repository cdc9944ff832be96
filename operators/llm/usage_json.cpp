#include "operators/llm/usage_json.hpp"

namespace kevo::operators::llm {

nlohmann::json usage_to_json(const std::map<UsageKey, Usage>& usage) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [key, u] : usage) {
    rows.push_back({{"operator", key.operator_name},
                    {"endpoint", key.endpoint},
                    {"strategy", key.strategy},
                    {"calls", u.calls},
                    {"prompt_tokens", u.prompt_tokens},
                    {"completion_tokens", u.completion_tokens},
                    {"cost", u.cost},
                    {"latency_seconds", u.latency_seconds},
                    {"retries", u.retries},
                    {"failures", u.failures}});
  }
  return rows;
}

std::map<UsageKey, Usage> usage_from_json(const nlohmann::json& json) {
  std::map<UsageKey, Usage> usage;
  for (const auto& row : json) {
    Usage& u = usage[{row.at("operator").get<std::string>(), row.at("endpoint").get<std::string>(),
                      row.at("strategy").get<std::string>()}];
    u.calls = row.at("calls").get<long long>();
    u.prompt_tokens = row.at("prompt_tokens").get<long long>();
    u.completion_tokens = row.at("completion_tokens").get<long long>();
    u.cost = row.at("cost").get<double>();
    u.latency_seconds = row.at("latency_seconds").get<double>();
    u.retries = row.value("retries", 0LL);  // absent in runs made before retries were counted
    u.failures = row.at("failures").get<std::map<std::string, long long>>();
  }
  return usage;
}

std::map<UsageKey, Usage> add_usage(std::map<UsageKey, Usage> total, const std::map<UsageKey, Usage>& more) {
  for (const auto& [key, u] : more) {
    Usage& sum = total[key];
    sum.calls += u.calls;
    sum.prompt_tokens += u.prompt_tokens;
    sum.completion_tokens += u.completion_tokens;
    sum.cost += u.cost;
    sum.latency_seconds += u.latency_seconds;
    sum.retries += u.retries;
    for (const auto& [reason, count] : u.failures) sum.failures[reason] += count;
  }
  return total;
}

}  // namespace kevo::operators::llm
