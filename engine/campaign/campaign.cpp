#include "engine/campaign/campaign.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

#include "engine/budget_state.hpp"
#include "engine/campaign/best_kernel_file.hpp"
#include "engine/campaign/report.hpp"
#include "engine/campaign/task_summary.hpp"
#include "engine/evaluation_service.hpp"
#include "engine/run_store.hpp"
#include "fitness/device_spec.hpp"
#include "fitness/evaluator.hpp"
#include "operators/bandit/bandit_memory.hpp"
#include "operators/llm/curl_transport.hpp"
#include "operators/llm/exchange_log.hpp"
#include "operators/llm/hardware_facts.hpp"
#include "operators/llm/notes_index.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "operators/llm/usage_json.hpp"

namespace kevo::engine {
namespace {

void prepare_run_dir(const CampaignConfig& config, RunMode mode) {
  const auto archive = config.run_dir / "archive.sqlite";
  if (mode == RunMode::fresh && std::filesystem::exists(archive))
    throw ConfigError(config.run_dir.string() + ": already holds a run; continue it with 'kevo resume " +
                      config.run_dir.string() + "' or choose another name or run_dir");
  if (mode == RunMode::resume && !std::filesystem::exists(archive))
    throw ConfigError(config.run_dir.string() + ": no archive.sqlite here; start the run with 'kevo run'");
  std::filesystem::create_directories(config.run_dir / "best");
  if (mode == RunMode::fresh) std::ofstream(config.run_dir / "config.yaml") << to_yaml(config);
}

std::unique_ptr<BudgetLedger> make_ledger(const CampaignConfig& config, RunStore& store,
                                          const std::string& task) {
  BudgetCounters spent;
  double elapsed = 0;
  if (auto state = store.state(budget_state_key(task))) {
    spent = budget_counters_from_json(*state);
    elapsed = budget_elapsed_from_json(*state);
  }
  return std::make_unique<BudgetLedger>(config.budget, spent, elapsed);
}

TaskSummary summarize(const std::string& task, const ArchipelagoResult& result, const std::string& device) {
  TaskSummary s;
  s.task = task;
  s.done = !result.interrupted;
  s.device_id = device;
  s.best_id = result.best.id;
  s.best_seed_family = result.best.variant.seed_name;
  s.best_knobs = result.best.variant.knobs;
  s.speedup = result.best.speedup;
  s.seed_seconds = result.baseline_seconds;
  s.best_seconds = result.best.evaluation.bench_seconds().value_or(0);
  s.best_bytes_per_second = result.best.evaluation.bytes_per_second;
  s.best_flops_per_second = result.best.evaluation.flops_per_second;
  s.roofline_fraction = result.best.evaluation.roofline_fraction;
  s.bound = result.best.evaluation.bound;
  s.counters = result.counters;
  s.elapsed_seconds = result.elapsed_seconds;
  s.migrants_sent = result.migrants_sent;
  return s;
}

ArchipelagoConfig archipelago_config(const CampaignConfig& config, const StrategySetup* strategy,
                                     const operators::OperatorServices& services) {
  ArchipelagoConfig a;
  a.islands = config.islands;
  a.search = config.search;
  a.migration = config.migration;
  a.seed = config.seed;
  a.strategy = strategy;
  a.services = services;
  return a;
}

bool uses_strategy_operator(const CampaignConfig& config) {
  const auto& ops = config.search.operators;
  return std::find(ops.begin(), ops.end(), "strategy") != ops.end();
}

// The catalogue and the hardware memory of earlier campaigns, when the
// strategy operator is in use; a bad catalogue or memory file stops the run
// before anything is evaluated.
std::optional<StrategySetup> strategy_setup(const CampaignConfig& config) {
  if (!uses_strategy_operator(config)) return std::nullopt;
  StrategySetup setup{operators::strategy::StrategyCatalogue::load(config.bandit.catalogue), config.bandit.policy,
                      operators::bandit::load_memory(config.bandit.memory), config.bandit.prior_decay};
  return setup;
}

// Adds what this task's islands learned to the hardware memory file.
void remember_strategies(const CampaignConfig& config, const std::vector<operators::bandit::LearnedArm>& learned) {
  if (learned.empty()) return;
  const auto merged = operators::bandit::merge_arms(operators::bandit::load_memory(config.bandit.memory), learned);
  operators::bandit::save_memory(config.bandit.memory, merged);
}

// The campaign's LLM endpoints, when an llm_* operator is in use: libcurl,
// or the exchanges of an earlier run with llm.replay_from, recorded into
// this run's archive either way. A missing key or libcurl stops the run
// before anything is evaluated.
struct LlmSetup {
  std::unique_ptr<operators::llm::HttpTransport> source;
  std::unique_ptr<operators::llm::RecordingTransport> recorder;
  std::unique_ptr<operators::llm::LlmService> service;
};

std::unique_ptr<operators::llm::HttpTransport> llm_source(const CampaignConfig& config) {
  if (config.llm.replay_from.empty()) return std::make_unique<operators::llm::CurlTransport>();
  if (!std::filesystem::exists(config.llm.replay_from))
    throw ConfigError("llm.replay_from: " + config.llm.replay_from.string() + " does not exist");
  return std::make_unique<operators::llm::ReplayTransport>(population::Archive(config.llm.replay_from).exchanges());
}

std::optional<LlmSetup> llm_setup(const CampaignConfig& config, RunStore& store) {
  const auto& ops = config.search.operators;
  if (std::none_of(ops.begin(), ops.end(), operators::is_llm_operator)) return std::nullopt;
  LlmSetup setup;
  setup.source = llm_source(config);
  setup.recorder = std::make_unique<operators::llm::RecordingTransport>(
      *setup.source, [&store](const population::Exchange& exchange) { store.record_exchange(exchange); });
  std::vector<std::unique_ptr<operators::llm::ChatClient>> clients;
  for (std::size_t i = 0; i < config.llm.endpoints.size(); ++i) {
    operators::llm::EndpointConfig endpoint = config.llm.endpoints[i];
    if (!config.llm.replay_from.empty()) endpoint.api_key_env.clear();  // a replay sends nothing anywhere
    clients.push_back(std::make_unique<operators::llm::ChatClient>(endpoint, *setup.recorder, config.seed + i));
  }
  setup.service = std::make_unique<operators::llm::LlmService>(std::move(clients), config.llm.budget, config.seed);
  return setup;
}

// The device's hardware profile as prompt text for LLM operators; "" when
// no profile matches (the prompt then goes without it).
std::string device_facts(const fitness::Context& context, const fitness::DeviceSpec& device,
                         const std::string& device_id) {
  if (context.profiles_dir.empty()) return "";
  const auto vendor = device.backend == fitness::DeviceSpec::Backend::cuda ? fitness::hardware::Vendor::nvidia
                                                                         : fitness::hardware::Vendor::cpu;
  try {
    const auto catalog = fitness::hardware::ProfileCatalog::load(context.profiles_dir);
    return operators::llm::hardware_facts(catalog.match(hardware_of(device_id), vendor));
  } catch (const fitness::hardware::ProfileError& error) {
    context.log(std::string("LLM prompts go without hardware facts: ") + error.what());
    return "";
  }
}

}  // namespace

CampaignConfig load_run_config(const std::filesystem::path& run_dir) {
  const auto file = run_dir / "config.yaml";
  if (!std::filesystem::exists(file))
    throw ConfigError(file.string() + ": not found; is '" + run_dir.string() + "' a kevo run directory?");
  auto config = load_campaign(file);
  config.run_dir = run_dir;
  return config;
}

CampaignOutcome run_campaign(const CampaignConfig& config, const fitness::Context& context,
                             Progress& progress, const std::atomic<bool>& stop, RunMode mode) {
  const std::optional<StrategySetup> strategy = strategy_setup(config);
  prepare_run_dir(config, mode);
  RunStore store(config.run_dir / "archive.sqlite");
  const std::optional<LlmSetup> llm = llm_setup(config, store);
  if (auto spent = store.state(operators::llm::kUsageStateKey); llm && spent) llm->service->restore(operators::llm::usage_from_json(*spent));
  const operators::llm::NotesIndex notes = llm && !context.profiles_dir.empty()
                                               ? operators::llm::NotesIndex::load(context.profiles_dir / "notes")
                                               : operators::llm::NotesIndex::from_notes({});
  const operators::OperatorServices services{llm ? llm->service.get() : nullptr,
                                             strategy ? &strategy->catalogue : nullptr, "", &notes};
  CampaignOutcome outcome;
  for (const auto& name : config.tasks) {
    if (stop) break;
    if (auto state = store.state(task_summary_key(name)); state && task_summary_from_json(*state).done) {
      progress.message("[" + name + "] already done in this run; skipped");
      continue;
    }
    const auto task = fitness::load_task(config.task_dir / name);
    const fitness::DeviceSpec device = *fitness::parse_device_spec(config.devices.front());
    EvaluationService service(fitness::make_evaluator(device, context, task, config.protocol), store);
    auto ledger = make_ledger(config, store, name);
    operators::OperatorServices task_services = services;
    if (llm) task_services.hardware_facts = device_facts(context, device, service.device_id());
    Archipelago archipelago(task, archipelago_config(config, strategy ? &*strategy : nullptr, task_services),
                            service, store, *ledger, progress, stop);
    auto result = archipelago.run();
    const auto best_file = write_best_kernel(config.run_dir / "best", result.best, result.baseline_seconds);
    const auto summary = summarize(name, result, service.device_id());
    std::vector<std::pair<std::string, nlohmann::json>> state = {
        {task_summary_key(name), to_json(summary)},
        {strategies_key(name), operators::bandit::arms_to_json(result.learned_strategies)}};
    if (llm) state.emplace_back(operators::llm::kUsageStateKey, operators::llm::usage_to_json(llm->service->usage()));
    store.commit({{}, {}, state});
    remember_strategies(config, result.learned_strategies);
    const int generations = *std::max_element(result.generations.begin(), result.generations.end());
    progress.finish({name, -1, generations, result.counters, config.budget, result.best.speedup,
                     result.elapsed_seconds});
    outcome.tasks.push_back({name, std::move(result), best_file});
    if (outcome.tasks.back().result.interrupted) {
      outcome.interrupted = true;
      break;
    }
  }
  outcome.interrupted = outcome.interrupted || stop.load();
  write_report(config.run_dir);
  return outcome;
}

}  // namespace kevo::engine
