#include "engine/campaign/task_summary.hpp"

#include "engine/budget_state.hpp"
#include "population/serialization.hpp"

namespace kevo::engine {

std::string task_summary_key(const std::string& task) { return "task/" + task; }

std::string strategies_key(const std::string& task) { return "strategies/" + task; }

nlohmann::json to_json(const TaskSummary& s) {
  return {{"task", s.task},
          {"done", s.done},
          {"device_id", s.device_id},
          {"best_id", s.best_id},
          {"best_seed_family", s.best_seed_family},
          {"best_knobs", population::knobs_to_json(s.best_knobs)},
          {"speedup", s.speedup},
          {"seed_seconds", s.seed_seconds},
          {"best_seconds", s.best_seconds},
          {"best_bytes_per_second", s.best_bytes_per_second},
          {"best_flops_per_second", s.best_flops_per_second},
          {"roofline_fraction", s.roofline_fraction ? nlohmann::json(*s.roofline_fraction) : nlohmann::json(nullptr)},
          {"bound", s.bound},
          {"torch_eager_seconds", s.torch_eager_seconds ? nlohmann::json(*s.torch_eager_seconds) : nlohmann::json(nullptr)},
          {"torch_compile_seconds",
           s.torch_compile_seconds ? nlohmann::json(*s.torch_compile_seconds) : nlohmann::json(nullptr)},
          {"torch_note", s.torch_note},
          {"budget", budget_to_json(s.counters, s.elapsed_seconds)},
          {"migrants_sent", s.migrants_sent},
          {"migrants_received", s.migrants_received}};
}

TaskSummary task_summary_from_json(const nlohmann::json& json) {
  TaskSummary s;
  s.task = json.at("task").get<std::string>();
  s.done = json.at("done").get<bool>();
  s.device_id = json.at("device_id").get<std::string>();
  s.best_id = json.at("best_id").get<std::string>();
  s.best_seed_family = json.at("best_seed_family").get<std::string>();
  s.best_knobs = population::knobs_from_json(json.at("best_knobs"));
  s.speedup = json.at("speedup").get<double>();
  s.seed_seconds = json.at("seed_seconds").get<double>();
  s.best_seconds = json.at("best_seconds").get<double>();
  // Summaries written before roofline positions existed lack these keys.
  s.best_bytes_per_second = json.value("best_bytes_per_second", 0.0);
  s.best_flops_per_second = json.value("best_flops_per_second", 0.0);
  if (json.contains("roofline_fraction") && !json.at("roofline_fraction").is_null()) {
    s.roofline_fraction = json.at("roofline_fraction").get<double>();
  }
  s.bound = json.value("bound", std::string());
  // Summaries of runs before PyTorch baselines existed lack these keys.
  if (json.contains("torch_eager_seconds") && !json.at("torch_eager_seconds").is_null()) {
    s.torch_eager_seconds = json.at("torch_eager_seconds").get<double>();
  }
  if (json.contains("torch_compile_seconds") && !json.at("torch_compile_seconds").is_null()) {
    s.torch_compile_seconds = json.at("torch_compile_seconds").get<double>();
  }
  s.torch_note = json.value("torch_note", std::string());
  s.counters = budget_counters_from_json(json.at("budget"));
  s.elapsed_seconds = budget_elapsed_from_json(json.at("budget"));
  s.migrants_sent = json.at("migrants_sent").get<int>();
  s.migrants_received = json.value("migrants_received", 0);  // absent in runs before it was kept
  return s;
}

}  // namespace kevo::engine
