#include "engine/budget_state.hpp"

#include "population/serialization.hpp"

namespace kevo::engine {

std::string budget_state_key(const std::string& task) { return "budget/" + task; }

nlohmann::json budget_to_json(const BudgetCounters& counters, double elapsed_seconds) {
  return {{"evaluations", counters.evaluations},
          {"archive_hits", counters.archive_hits},
          {"duplicates", counters.duplicates},
          {"by_status", counters.by_status},
          {"compile_seconds", counters.compile_seconds},
          {"cost", counters.cost},
          {"elapsed_seconds", elapsed_seconds}};
}

BudgetCounters budget_counters_from_json(const nlohmann::json& json) {
  BudgetCounters counters;
  counters.evaluations = json.at("evaluations").get<std::int64_t>();
  counters.archive_hits = json.at("archive_hits").get<std::int64_t>();
  counters.duplicates = json.at("duplicates").get<std::int64_t>();
  counters.by_status = json.at("by_status").get<decltype(counters.by_status)>();
  // Budgets committed before evaluation costs were recorded lack these keys.
  counters.compile_seconds = json.value("compile_seconds", 0.0);
  if (json.contains("cost")) counters.cost = json.at("cost").get<population::EvaluationCost>();
  return counters;
}

double budget_elapsed_from_json(const nlohmann::json& json) { return json.at("elapsed_seconds").get<double>(); }

}  // namespace kevo::engine
