#include "engine/campaign/campaign_config.hpp"

#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "engine/campaign/yaml_section.hpp"
#include "fitness/device_spec.hpp"
#include "operators/registry.hpp"

namespace kevo::engine {
namespace {

using Section = YamlSection;

template <typename Enum, typename Parse>
void read_enum(const Section& section, const std::string& key, Enum& out, Parse parse) {
  std::string text;
  section.read(key, text);
  if (text.empty()) return;
  try {
    out = parse(text);
  } catch (const std::invalid_argument& error) {
    section.fail(section.join(key), section.child(key), error.what(), "pick one of the values listed");
  }
}

void read_endpoint(const Section& e, operators::llm::EndpointConfig& out) {
  e.read("name", out.name);
  e.read("base_url", out.base_url);
  e.read("model", out.model);
  for (const auto* key : {"name", "base_url", "model"}) {
    if (!e.has(key)) e.fail(e.join(key), e.node(), "is missing", "every endpoint needs name, base_url and model");
  }
  e.read("api_key_env", out.api_key_env);
  e.read_positive("weight", out.weight);
  e.read_positive("timeout_seconds", out.timeout_seconds);
  e.read("max_retries", out.retry.max_retries);
  e.read_positive("retry_base_seconds", out.retry.base_delay_seconds);
  e.read_positive("retry_max_seconds", out.retry.max_delay_seconds);
  e.read_positive("max_in_flight", out.max_in_flight);
  e.read("requests_per_minute", out.requests_per_minute);
  e.read_positive("max_prompt_tokens", out.max_prompt_tokens);
  e.read_positive("max_reply_tokens", out.max_reply_tokens);
  e.read("input_price_per_mtok", out.input_price_per_mtok);
  e.read("output_price_per_mtok", out.output_price_per_mtok);
}

LlmConfig read_llm(const Section& l, const std::string& file_label) {
  LlmConfig llm;
  l.read("max_tokens", llm.budget.max_tokens);
  l.read("max_cost", llm.budget.max_cost);
  l.read_positive("drafts", llm.drafts);
  std::string replay;
  l.read("replay_from", replay);
  llm.replay_from = replay;
  const YAML::Node list = l.child("endpoints");
  if (!l.has("endpoints") || !list.IsSequence() || list.size() == 0)
    l.fail("llm.endpoints", l.node(), "is missing or not a list", "list at least one endpoint (name, base_url, model)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Section e(list[i], "llm.endpoints[" + std::to_string(i) + "]", file_label,
                    {"name", "base_url", "model", "api_key_env", "weight", "timeout_seconds", "max_retries",
                     "max_in_flight", "requests_per_minute", "retry_base_seconds", "retry_max_seconds", "max_prompt_tokens", "max_reply_tokens",
                     "input_price_per_mtok", "output_price_per_mtok"});
    llm.endpoints.emplace_back();
    read_endpoint(e, llm.endpoints.back());
  }
  return llm;
}

void emit_llm(YAML::Emitter& out, const LlmConfig& llm) {
  out << YAML::Key << "llm" << YAML::Value << YAML::BeginMap << YAML::Key << "max_tokens" << YAML::Value
      << llm.budget.max_tokens << YAML::Key << "max_cost" << YAML::Value << llm.budget.max_cost << YAML::Key
      << "drafts" << YAML::Value << llm.drafts << YAML::Key << "replay_from" << YAML::Value << llm.replay_from.string() << YAML::Key << "endpoints" << YAML::Value
      << YAML::BeginSeq;
  for (const auto& e : llm.endpoints) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << e.name << YAML::Key << "base_url" << YAML::Value
        << e.base_url << YAML::Key << "model" << YAML::Value << e.model << YAML::Key << "api_key_env" << YAML::Value
        << e.api_key_env << YAML::Key << "weight" << YAML::Value << e.weight << YAML::Key << "timeout_seconds"
        << YAML::Value << e.timeout_seconds << YAML::Key << "max_retries" << YAML::Value << e.retry.max_retries
        << YAML::Key << "retry_base_seconds" << YAML::Value << e.retry.base_delay_seconds << YAML::Key
        << "retry_max_seconds" << YAML::Value << e.retry.max_delay_seconds
        << YAML::Key << "max_in_flight" << YAML::Value << e.max_in_flight << YAML::Key << "requests_per_minute"
        << YAML::Value << e.requests_per_minute << YAML::Key << "max_prompt_tokens" << YAML::Value
        << e.max_prompt_tokens << YAML::Key << "max_reply_tokens" << YAML::Value << e.max_reply_tokens << YAML::Key
        << "input_price_per_mtok" << YAML::Value << e.input_price_per_mtok << YAML::Key << "output_price_per_mtok"
        << YAML::Value << e.output_price_per_mtok << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

CampaignConfig parse_campaign(const std::string& yaml_text, const std::string& file_label) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& error) {
    std::ostringstream line;
    line << file_label << ":" << error.mark.line + 1 << ":" << error.mark.column + 1
         << ": malformed YAML: " << error.msg << "; fix the syntax at this position";
    throw ConfigError(line.str());
  }
  CampaignConfig config;
  const Section top(root, "", file_label,
                    {"name", "run_dir", "task_dir", "tasks", "devices", "seed", "search", "migration",
                     "budget", "evaluation", "cache_dir", "bandit", "llm", "distributed"});
  top.read("name", config.name);
  if (config.name.empty()) top.fail("name", root, "is missing", "give the campaign a name, e.g. 'name: quickstart'");
  config.run_dir = "runs/" + config.name;
  std::string path_text;
  top.read("run_dir", path_text);
  if (!path_text.empty()) config.run_dir = path_text;
  path_text.clear();
  top.read("task_dir", path_text);
  if (!path_text.empty()) config.task_dir = path_text;
  top.read("tasks", config.tasks);
  if (config.tasks.empty()) top.fail("tasks", root, "is missing or empty", "list task names from 'kevo tasks'");
  top.read("devices", config.devices);
  for (const auto& device : config.devices)
    if (device != "cuda:local" && !fitness::parse_device_spec(device))
      top.fail("devices", top.child("devices"), "device '" + device + "' is not a known device",
               "use 'cpu', 'cuda', 'cuda:<ordinal>', 'cuda:local' (the GPU of the rank's index on its host) or "
               "'hip:<ordinal>'");
  if (config.devices.empty())
    top.fail("devices", top.child("devices"), "lists no device", "name one device, or one per MPI rank");
  top.read("seed", config.seed);
  path_text.clear();
  top.read("cache_dir", path_text);
  config.cache_dir = path_text.empty() ? config.run_dir.parent_path() / ".cache" : std::filesystem::path(path_text);

  if (top.has("search")) {
    const Section s(top.child("search"), "search", file_label,
                    {"method", "islands", "population", "children_per_generation", "tournament",
                     "crossover_rate", "max_proposal_attempts", "operators", "repair_rounds"});
    read_enum(s, "method", config.search.method, search_method_from_string);
    s.read_positive("islands", config.islands);
    s.read_positive("population", config.search.population_size);
    s.read_positive("children_per_generation", config.search.children_per_generation);
    s.read_positive("tournament", config.search.tournament_size);
    s.read("crossover_rate", config.search.crossover_rate);
    if (config.search.crossover_rate < 0 || config.search.crossover_rate > 1)
      s.fail("search.crossover_rate", s.child("crossover_rate"), "must lie in [0, 1]", "e.g. 0.3");
    s.read_positive("max_proposal_attempts", config.search.max_proposal_attempts);
    s.read("operators", config.search.operators);
    s.read("repair_rounds", config.search.repair_rounds);
    if (config.search.repair_rounds < 0)
      s.fail("search.repair_rounds", s.child("repair_rounds"), "must not be negative", "use 0 for no repairs");
  }
  config.bandit.memory = config.run_dir.parent_path() / "hardware_memory.json";
  if (top.has("bandit")) {
    const Section b(top.child("bandit"), "bandit", file_label,
                    {"policy", "exploration", "prior_decay", "catalogue", "memory"});
    read_enum(b, "policy", config.bandit.policy.kind, operators::bandit::policy_kind_from_string);
    b.read_positive("exploration", config.bandit.policy.exploration);
    b.read("prior_decay", config.bandit.prior_decay);
    if (config.bandit.prior_decay < 0 || config.bandit.prior_decay > 1)
      b.fail("bandit.prior_decay", b.child("prior_decay"), "must lie in [0, 1]", "e.g. 0.5");
    std::string text;
    b.read("catalogue", text);
    if (!text.empty()) config.bandit.catalogue = text;
    text.clear();
    b.read("memory", text);
    if (!text.empty()) config.bandit.memory = text;
  }
  if (top.has("llm")) {
    config.llm = read_llm(Section(top.child("llm"), "llm", file_label, {"endpoints", "max_tokens", "max_cost", "replay_from", "drafts"}),
                          file_label);
  }
  for (const auto& name : config.search.operators) {
    if (operators::is_llm_operator(name) && config.llm.endpoints.empty())
      top.fail("search.operators", top.child("search"), "'" + name + "' needs an LLM endpoint",
               "add an 'llm:' section with at least one endpoint (name, base_url, model)");
  }
  if (top.has("distributed")) {
    const Section d(top.child("distributed"), "distributed", file_label, {"on_rank_failure", "evaluation_delay_seconds"});
    d.read("on_rank_failure", config.distributed.on_rank_failure);
    if (config.distributed.on_rank_failure != "continue" && config.distributed.on_rank_failure != "stop")
      d.fail("distributed.on_rank_failure", d.child("on_rank_failure"), "must be 'continue' or 'stop'",
             "'continue' lets the other ranks go on; 'stop' stops them all cleanly");
    d.read("evaluation_delay_seconds", config.distributed.evaluation_delay_seconds);
  }
  if (top.has("migration")) {
    const Section m(top.child("migration"), "migration", file_label, {"topology", "interval", "size", "enabled"});
    read_enum(m, "topology", config.migration.topology, topology_from_string);
    m.read_positive("interval", config.migration.interval);
    m.read_positive("size", config.migration.size);
    m.read("enabled", config.migration.enabled);
  }
  if (top.has("budget")) {
    const Section b(top.child("budget"), "budget", file_label, {"evaluations", "wall_seconds"});
    b.read("evaluations", config.budget.evaluations);
    b.read("wall_seconds", config.budget.wall_seconds);
    if (config.budget.evaluations < 0 || config.budget.wall_seconds < 0)
      b.fail("budget", top.child("budget"), "must not be negative", "use 0 for no limit");
  }
  if (config.budget.evaluations == 0 && config.budget.wall_seconds == 0)
    top.fail("budget", root, "no limit set", "set budget.evaluations and/or budget.wall_seconds");
  if (top.has("evaluation")) {
    const Section e(top.child("evaluation"), "evaluation", file_label,
                    {"seed", "warmup", "samples", "max_spread", "max_retimes", "run_timeout_seconds",
                     "compile_timeout_seconds", "flush_cache", "compile_jobs", "counters"});
    auto& p = config.protocol;
    e.read("seed", p.seed);
    e.read("warmup", p.warmup);
    e.read_positive("samples", p.samples);
    e.read_positive("max_spread", p.max_spread);
    e.read("max_retimes", p.max_retimes);
    e.read_positive("run_timeout_seconds", p.run_timeout_seconds);
    e.read_positive("compile_timeout_seconds", p.compile_timeout_seconds);
    e.read("flush_cache", p.flush_cache);
    e.read_positive("compile_jobs", config.compile_jobs);
    read_enum(e, "counters", p.counters, fitness::counter_policy_from_string);
  }
  return config;
}

CampaignConfig load_campaign(const std::filesystem::path& file) {
  return parse_campaign(read_config_file(file, "campaign file"), file.string());
}

std::string to_yaml(const CampaignConfig& c) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << c.name;
  out << YAML::Key << "run_dir" << YAML::Value << c.run_dir.string();
  out << YAML::Key << "task_dir" << YAML::Value << c.task_dir.string();
  out << YAML::Key << "cache_dir" << YAML::Value << c.cache_dir.string();
  out << YAML::Key << "tasks" << YAML::Value << YAML::Flow << c.tasks;
  out << YAML::Key << "devices" << YAML::Value << YAML::Flow << c.devices;
  out << YAML::Key << "seed" << YAML::Value << c.seed;
  out << YAML::Key << "search" << YAML::Value << YAML::BeginMap
      << YAML::Key << "method" << YAML::Value << to_string(c.search.method)
      << YAML::Key << "islands" << YAML::Value << c.islands
      << YAML::Key << "population" << YAML::Value << c.search.population_size
      << YAML::Key << "children_per_generation" << YAML::Value << c.search.children_per_generation
      << YAML::Key << "tournament" << YAML::Value << c.search.tournament_size
      << YAML::Key << "crossover_rate" << YAML::Value << c.search.crossover_rate
      << YAML::Key << "max_proposal_attempts" << YAML::Value << c.search.max_proposal_attempts
      << YAML::Key << "repair_rounds" << YAML::Value << c.search.repair_rounds
      << YAML::Key << "operators" << YAML::Value << YAML::Flow << c.search.operators << YAML::EndMap;
  out << YAML::Key << "bandit" << YAML::Value << YAML::BeginMap
      << YAML::Key << "policy" << YAML::Value << operators::bandit::to_string(c.bandit.policy.kind)
      << YAML::Key << "exploration" << YAML::Value << c.bandit.policy.exploration
      << YAML::Key << "prior_decay" << YAML::Value << c.bandit.prior_decay
      << YAML::Key << "catalogue" << YAML::Value << c.bandit.catalogue.string()
      << YAML::Key << "memory" << YAML::Value << c.bandit.memory.string() << YAML::EndMap;
  if (!c.llm.endpoints.empty()) emit_llm(out, c.llm);
  out << YAML::Key << "distributed" << YAML::Value << YAML::BeginMap << YAML::Key << "on_rank_failure"
      << YAML::Value << c.distributed.on_rank_failure << YAML::Key << "evaluation_delay_seconds" << YAML::Value
      << YAML::Flow << YAML::BeginMap;
  for (const auto& [rank, seconds] : c.distributed.evaluation_delay_seconds)
    out << YAML::Key << rank << YAML::Value << seconds;
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "migration" << YAML::Value << YAML::BeginMap
      << YAML::Key << "topology" << YAML::Value << to_string(c.migration.topology)
      << YAML::Key << "interval" << YAML::Value << c.migration.interval
      << YAML::Key << "size" << YAML::Value << c.migration.size
      << YAML::Key << "enabled" << YAML::Value << c.migration.enabled << YAML::EndMap;
  out << YAML::Key << "budget" << YAML::Value << YAML::BeginMap
      << YAML::Key << "evaluations" << YAML::Value << c.budget.evaluations
      << YAML::Key << "wall_seconds" << YAML::Value << c.budget.wall_seconds << YAML::EndMap;
  const auto& p = c.protocol;
  out << YAML::Key << "evaluation" << YAML::Value << YAML::BeginMap
      << YAML::Key << "seed" << YAML::Value << p.seed
      << YAML::Key << "warmup" << YAML::Value << p.warmup
      << YAML::Key << "samples" << YAML::Value << p.samples
      << YAML::Key << "max_spread" << YAML::Value << p.max_spread
      << YAML::Key << "max_retimes" << YAML::Value << p.max_retimes
      << YAML::Key << "run_timeout_seconds" << YAML::Value << p.run_timeout_seconds
      << YAML::Key << "compile_timeout_seconds" << YAML::Value << p.compile_timeout_seconds
      << YAML::Key << "flush_cache" << YAML::Value << p.flush_cache
      << YAML::Key << "compile_jobs" << YAML::Value << c.compile_jobs
      << YAML::Key << "counters" << YAML::Value << fitness::to_string(p.counters) << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string default_campaign_yaml() {
  return "# kevo campaign: every key with its default. Required: name, tasks.\n" +
         to_yaml(parse_campaign("name: my-campaign\ntasks: [matmul]\n", "<defaults>"));
}

}  // namespace kevo::engine
