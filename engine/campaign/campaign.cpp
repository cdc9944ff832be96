#include "engine/campaign/campaign.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

#include "engine/budget_state.hpp"
#include "engine/campaign/best_kernel_file.hpp"
#include "engine/campaign/report.hpp"
#include "engine/campaign/seed_drafts.hpp"
#include "engine/campaign/task_summary.hpp"
#include "engine/distributed/rank_progress.hpp"
#include "engine/distributed/ranked_migration.hpp"
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

// Each rank checks and creates only what is its own (its shard); rank 0
// writes config.yaml. A resumed distributed run may have more ranks than
// shards: a new rank starts its islands afresh.
// A start that failed before anything was committed (a device that would
// not open, a task with no runnable seed) leaves an archive with nothing in
// it; a fresh start may take its place.
bool holds_work(const std::filesystem::path& archive_path) {
  if (!std::filesystem::exists(archive_path)) return false;
  const population::Archive archive(archive_path);
  return archive.variant_count() > 0 || !archive.state_keys("").empty() || !archive.exchanges().empty();
}

void prepare_run_dir(const CampaignConfig& config, RunMode mode, const RankLayout& layout) {
  const auto archive = shard_path(config.run_dir, layout);
  if (mode == RunMode::fresh && holds_work(archive))
    throw ConfigError(config.run_dir.string() + ": already holds a run; continue it with 'kevo resume " +
                      config.run_dir.string() + "' or choose another name or run_dir");
  const bool any_archive = std::filesystem::exists(config.run_dir / "archive.sqlite") || is_sharded_run(config.run_dir);
  if (mode == RunMode::resume && !any_archive)
    throw ConfigError(config.run_dir.string() + ": no archive here; start the run with 'kevo run'");
  std::filesystem::create_directories(archive.parent_path());
  std::filesystem::create_directories(config.run_dir / "best");
  if (mode == RunMode::fresh && layout.rank == 0) std::ofstream(config.run_dir / "config.yaml") << to_yaml(config);
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
  s.migrants_received = result.migrants_received;
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
  using Backend = fitness::DeviceSpec::Backend;
  using fitness::hardware::Vendor;
  const auto vendor = device.backend == Backend::cuda ? Vendor::nvidia
                      : device.backend == Backend::hip ? Vendor::amd
                                                       : Vendor::cpu;
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

namespace {

// What the tasks of one process share; each task runs on this process's device.
struct CampaignRun {
  const CampaignConfig& config;
  const fitness::Context& context;
  Progress& progress;
  const std::atomic<bool>& stop;
  const Placement& placement;
  RunStore& store;
  const std::optional<StrategySetup>& strategy;
  const std::optional<LlmSetup>& llm;
  const operators::OperatorServices& services;
  RankedMigration* migration;
  RankProgress* ranks;
};

std::filesystem::path best_dir(const CampaignConfig& config, const RankLayout& layout) {
  if (!layout.distributed()) return config.run_dir / "best";
  return config.run_dir / "best" / ("rank-" + std::to_string(layout.rank));
}

// Each rank drafts its own seeds (for its own device) and keeps them apart.
std::filesystem::path drafts_dir(const CampaignConfig& config, const RankLayout& layout, const std::string& task) {
  if (!layout.distributed()) return config.run_dir / "drafts" / task;
  return config.run_dir / "drafts" / ("rank-" + std::to_string(layout.rank)) / task;
}

nlohmann::json rank_status(const std::string& task, const std::string& device, const BudgetCounters& counters,
                           double best, const std::string& state) {
  return {{"task", task}, {"device", device}, {"evaluations", counters.evaluations}, {"best", best}, {"state", state}};
}

// For PyTorch problems, PyTorch's own eager and torch.compile times on this
// device, taken once the search is done (the GPU is free then). A failure
// costs the comparison, never the run.
void add_torch_baseline(TaskSummary& summary, EvaluationService& service, const fitness::Context& context) {
  try {
    const auto baseline = service.torch_baseline();
    if (!baseline) return;
    summary.torch_eager_seconds = baseline->eager_seconds;
    summary.torch_compile_seconds = baseline->compile_seconds;
    summary.torch_note = "PyTorch " + baseline->torch_version + " on " + baseline->device +
                         (baseline->compile_error.empty() ? "" : "; torch.compile: " + baseline->compile_error);
  } catch (const std::exception& error) {
    summary.torch_note = std::string("no PyTorch baseline: ") + error.what();
    context.log("task " + summary.task + ": " + summary.torch_note);
  }
}

std::unique_ptr<EvaluationService> make_service(const CampaignRun& run, const fitness::DeviceSpec& device,
                                                const fitness::Task& task) {
  const auto& config = run.config;
  auto service = std::make_unique<EvaluationService>(fitness::make_evaluator(device, run.context, task, config.protocol),
                                                     run.store, config.protocol.counters, run.context.log);
  if (auto delay = config.distributed.evaluation_delay_seconds.find(run.placement.layout.rank);
      delay != config.distributed.evaluation_delay_seconds.end())
    service->slow_down(delay->second);
  return service;
}

population::Language language_of(const fitness::DeviceSpec& device) {
  using Backend = fitness::DeviceSpec::Backend;
  return device.backend == Backend::cuda ? population::Language::cuda
         : device.backend == Backend::hip ? population::Language::hip
                                          : population::Language::cpp;
}

TaskOutcome run_task(const CampaignRun& run, const std::string& name) {
  const auto& config = run.config;
  auto task = fitness::load_task(config.task_dir / name);
  const fitness::DeviceSpec device = *fitness::parse_device_spec(device_for_rank(config.devices, run.placement.layout));
  auto service_owner = make_service(run, device, task);
  operators::OperatorServices task_services = run.services;
  if (run.llm) task_services.hardware_facts = device_facts(run.context, device, service_owner->device_id());
  if (task.seeds.empty()) {
    task = with_drafted_seeds(std::move(task), {run.store, run.llm ? run.llm->service.get() : nullptr, config.llm.drafts,
                                                language_of(device), task_services.hardware_facts,
                                                drafts_dir(config, run.placement.layout, name), run.progress});
    service_owner.reset();  // the evaluator keeps its own copy of the task: build it again with the seeds
    service_owner = make_service(run, device, task);
  }
  EvaluationService& service = *service_owner;
  auto ledger = make_ledger(config, run.store, name);
  auto archipelago_setup = archipelago_config(config, run.strategy ? &*run.strategy : nullptr, task_services);
  archipelago_setup.first_island = run.placement.layout.first_island();
  if (run.migration) archipelago_setup.transport = [&] { return run.migration->for_task(name); };
  if (run.ranks) {
    run.ranks->watch([&ledger, &service, &run, name] {
      const auto latest = run.progress.latest();
      const double best = latest.task == name ? latest.best_speedup : 0;
      return rank_status(name, service.device_id(), ledger->counters(), best, "running");
    });
  }
  // The status callback reads this task's ledger and service: it must stop
  // before they go, also when the archipelago throws.
  const struct StopWatching {
    RankProgress* ranks;
    ~StopWatching() {
      if (ranks) ranks->watch({});
    }
  } stop_watching{run.ranks};
  Archipelago archipelago(task, archipelago_setup, service, run.store, *ledger, run.progress,
                          run.ranks ? run.ranks->halt() : run.stop);
  auto result = archipelago.run();
  if (run.migration) run.migration->task_done(name);
  const auto best_file = write_best_kernel(best_dir(config, run.placement.layout), result.best, result.baseline_seconds);
  auto summary = summarize(name, result, service.device_id());
  add_torch_baseline(summary, service, run.context);
  std::vector<std::pair<std::string, nlohmann::json>> state = {
      {task_summary_key(name), to_json(summary)},
      {strategies_key(name), operators::bandit::arms_to_json(result.learned_strategies)}};
  if (run.llm) state.emplace_back(operators::llm::kUsageStateKey, operators::llm::usage_to_json(run.llm->service->usage()));
  run.store.commit({{}, {}, state});
  remember_strategies(config, result.learned_strategies);
  const int generations = *std::max_element(result.generations.begin(), result.generations.end());
  run.progress.finish({name, -1, generations, result.counters, config.budget, result.best.speedup,
                       result.elapsed_seconds});
  if (run.ranks && run.placement.layout.rank != 0) {
    run.ranks->post_now(rank_status(name, service.device_id(), result.counters, result.best.speedup,
                                    result.interrupted ? "interrupted" : "done"));
  }
  return {name, std::move(result), best_file};
}

// A rank whose device fails keeps what it committed, says so in its shard
// and to rank 0, and (on_rank_failure: stop) asks the other ranks to stop.
std::string record_rank_failure(const CampaignRun& run, const std::string& task, const std::exception& error) {
  const std::string device = device_for_rank(run.config.devices, run.placement.layout);
  const std::string what = "rank " + std::to_string(run.placement.layout.rank) + " (" + device + "), task " + task +
                           ": " + error.what();
  run.store.commit({{}, {}, {{"rank_failure", {{"task", task}, {"device", device}, {"error", error.what()}}}}});
  run.ranks->post_now({{"task", task}, {"device", device}, {"state", std::string("failed: ") + error.what()}});
  if (run.config.distributed.on_rank_failure == "stop") run.ranks->stop_all();
  return what;
}

}  // namespace

CampaignOutcome run_campaign(const CampaignConfig& config, const fitness::Context& context,
                             Progress& progress, const std::atomic<bool>& stop, RunMode mode,
                             Placement placement) {
  placement.layout.islands_per_rank = config.islands;
  if (!placement.layout.distributed() && config.devices.size() > 1)
    throw ConfigError("devices: lists " + std::to_string(config.devices.size()) +
                      " devices; a campaign on several devices runs one MPI rank per device: mpirun -np " +
                      std::to_string(config.devices.size()) + " kevo run ...");
  if (placement.layout.distributed() && placement.messenger == nullptr)
    throw std::invalid_argument("run_campaign: a distributed placement needs a messenger");
  const std::optional<StrategySetup> strategy = strategy_setup(config);
  prepare_run_dir(config, mode, placement.layout);
  RunStore store(shard_path(config.run_dir, placement.layout));
  const std::optional<LlmSetup> llm = llm_setup(config, store);
  if (auto spent = store.state(operators::llm::kUsageStateKey); llm && spent) llm->service->restore(operators::llm::usage_from_json(*spent));
  const operators::llm::NotesIndex notes = llm && !context.profiles_dir.empty()
                                               ? operators::llm::NotesIndex::load(context.profiles_dir / "notes")
                                               : operators::llm::NotesIndex::from_notes({});
  const operators::OperatorServices services{llm ? llm->service.get() : nullptr,
                                             strategy ? &strategy->catalogue : nullptr, "", &notes};
  std::optional<RankedMigration> migration;
  std::optional<RankProgress> ranks;
  if (placement.layout.distributed()) {
    migration.emplace(*placement.messenger, placement.layout);
    ranks.emplace(*placement.messenger, progress, stop);
  }
  const CampaignRun run{config, context, progress, stop, placement, store, strategy, llm, services,
                        migration ? &*migration : nullptr, ranks ? &*ranks : nullptr};
  CampaignOutcome outcome;
  for (const auto& name : config.tasks) {
    if (stop || (ranks && ranks->halt())) break;
    if (auto state = store.state(task_summary_key(name)); state && task_summary_from_json(*state).done) {
      progress.message("[" + name + "] already done in this run; skipped");
      continue;
    }
    try {
      outcome.tasks.push_back(run_task(run, name));
    } catch (const std::exception& error) {
      if (!ranks) throw;
      outcome.rank_failure = record_rank_failure(run, name, error);
      progress.message("this rank stops: " + outcome.rank_failure);
      break;
    }
    if (outcome.tasks.back().result.interrupted) {
      outcome.interrupted = true;
      break;
    }
  }
  outcome.interrupted = outcome.interrupted || stop.load() || (ranks && ranks->halt() && outcome.rank_failure.empty());
  if (placement.messenger != nullptr) {
    ranks->close();  // nothing may be posted after finish() says "done"
    placement.messenger->finish();
    ranks.reset();   // prints the other ranks' last statuses
  }
  if (placement.layout.rank == 0) write_report(config.run_dir);
  return outcome;
}

}  // namespace kevo::engine
