#pragma once
// Budget counters as stored in the run's archive, so that a resumed campaign
// continues with the budget it had left.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/budget.hpp"

namespace kevo::engine {

std::string budget_state_key(const std::string& task);
nlohmann::json budget_to_json(const BudgetCounters& counters, double elapsed_seconds);
BudgetCounters budget_counters_from_json(const nlohmann::json& json);
double budget_elapsed_from_json(const nlohmann::json& json);

}  // namespace kevo::engine
