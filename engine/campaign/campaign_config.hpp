#pragma once
// CampaignConfig: what a campaign YAML says, with every default filled in.
// `kevo config --print-defaults` prints default_campaign_yaml().
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/archipelago/archipelago.hpp"
#include "engine/search_config.hpp"
#include "fitness/evaluator.hpp"
#include "operators/bandit/selection_policy.hpp"
#include "operators/llm/endpoint_config.hpp"
#include "operators/llm/llm_service.hpp"

namespace kevo::engine {

// The strategy bandit, used when search.operators lists "strategy".
struct BanditConfig {
  operators::bandit::PolicyConfig policy;             // policy: ucb | thompson | uniform
  std::filesystem::path catalogue = "configs/strategies.yaml";
  std::filesystem::path memory;                       // hardware memory; default <run_dir>/../hardware_memory.json
  double prior_decay = 0.5;                           // weight of earlier campaigns' evidence
};

// LLM endpoints, used when search.operators lists an llm_* operator. Keys
// are never stored: each endpoint names the environment variable holding it.
struct LlmConfig {
  std::vector<operators::llm::EndpointConfig> endpoints;
  operators::llm::LlmBudget budget;  // tokens / cost over the campaign; 0: no limit
  std::filesystem::path replay_from; // an earlier run's archive: answer from its exchanges, no network
  int drafts = 4;                    // seed kernels drafted for a task whose task.yaml has none
};

// For runs over MPI ranks (one per device; see engine/distributed).
struct DistributedConfig {
  // A rank whose device fails: "continue" (the others go on) or "stop" (all
  // ranks commit and stop). Either way its work so far is kept.
  std::string on_rank_failure = "continue";
  // Seconds added to each evaluation on the given ranks: a way to try a pool
  // of uneven devices (and to test that a slow rank holds nobody back).
  std::map<int, double> evaluation_delay_seconds;
};

struct CampaignConfig {
  std::string name;
  std::filesystem::path run_dir;                    // default runs/<name>
  std::filesystem::path task_dir = "configs/tasks";
  std::vector<std::string> tasks;
  std::vector<std::string> devices{"cpu"};
  std::uint64_t seed = 1;
  int islands = 2;
  SearchConfig search;
  MigrationConfig migration;
  Budget budget{100, 0};
  BanditConfig bandit;
  LlmConfig llm;
  DistributedConfig distributed;
  fitness::EvaluationProtocol protocol;
  unsigned compile_jobs = 2;
  std::filesystem::path cache_dir;                  // default <run_dir>/../.cache
};

// One line: "<file>:<line>:<col>: key '<key>': <problem>; <fix>".
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

CampaignConfig load_campaign(const std::filesystem::path& file);
CampaignConfig parse_campaign(const std::string& yaml_text, const std::string& file_label);
// The effective configuration as YAML (stored as runs/<name>/config.yaml).
std::string to_yaml(const CampaignConfig& config);
std::string default_campaign_yaml();

}  // namespace kevo::engine
