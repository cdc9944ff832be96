#pragma once
// Small in-code tasks for operator tests: knob spaces small enough to
// enumerate, with constraints that reject part of them.
#include <cstdint>
#include <initializer_list>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fitness/expr/expression.hpp"
#include "fitness/task.hpp"
#include "operators/operator.hpp"
#include "population/variant.hpp"

namespace kevo::test {

inline fitness::KnobSpec knob(std::string name, std::vector<std::int64_t> values,
                              std::int64_t seed_value) {
  return fitness::KnobSpec{std::move(name), std::move(values), seed_value};
}

inline fitness::SeedSpec seed(std::string name, std::vector<fitness::KnobSpec> knobs,
                              std::vector<std::string> constraints) {
  fitness::SeedSpec spec;
  spec.name = name;
  spec.source = "// source of " + name + "\nvoid kernel() {}\n";
  spec.knobs = std::move(knobs);
  for (const auto& text : constraints) {
    spec.constraints.push_back(fitness::expr::Expression::parse(text));
  }
  population::LaunchStep step;
  step.kernel = "kernel";
  spec.launch.steps.push_back(step);
  return spec;
}

// 5 x 3 x 2 = 30 points, 24 valid.
inline fitness::SeedSpec naive_seed() {
  return seed("naive",
              {knob("TILE", {1, 2, 4, 8, 16}, 1), knob("UNROLL", {1, 2, 4}, 1),
               knob("ORDER", {0, 1}, 0)},
              {"TILE % UNROLL == 0"});
}

// 4 x 3 = 12 points, 11 valid.
inline fitness::SeedSpec blocked_seed() {
  return seed("blocked", {knob("TILE", {4, 8, 16, 32}, 8), knob("BLOCK", {16, 32, 64}, 32)},
              {"BLOCK % TILE == 0"});
}

// Carrying a small TILE in here breaks the constraint with the seed's VEC.
inline fitness::SeedSpec vector_seed() {
  return seed("vector", {knob("TILE", {1, 2, 4, 8, 16}, 4), knob("VEC", {4, 8}, 4)},
              {"TILE % VEC == 0"});
}

inline fitness::SeedSpec knobless_seed() { return seed("fixed", {}, {}); }

inline fitness::Task make_task(std::vector<fitness::SeedSpec> seeds) {
  fitness::Task task;
  task.name = "toy";
  task.seeds = std::move(seeds);
  return task;
}

inline population::Variant variant_of(const fitness::Task& task, const std::string& seed_name,
                                      population::KnobValues knobs = {}) {
  auto variant = task.seed_variant(*task.find_seed(seed_name));
  for (const auto& [name, value] : knobs) variant.knobs[name] = value;
  return variant;
}

inline bool valid_for(const fitness::Task& task, const population::Variant& variant) {
  const auto* spec = task.find_seed(variant.seed_name);
  return spec != nullptr && fitness::check_knobs(*spec, variant.knobs).empty();
}

inline std::vector<std::string> hashes(const std::vector<population::Variant>& variants) {
  std::vector<std::string> result;
  for (const auto& variant : variants) result.push_back(variant.content_hash());
  return result;
}

inline bool all_distinct(const std::vector<population::Variant>& variants) {
  const auto list = hashes(variants);
  return std::set<std::string>(list.begin(), list.end()).size() == list.size();
}

// Every valid (seed, knobs) point of the task, by enumeration.
inline std::set<std::pair<std::string, population::KnobValues>> valid_points(
    const fitness::Task& task) {
  std::set<std::pair<std::string, population::KnobValues>> points;
  for (const auto& spec : task.seeds) {
    std::vector<population::KnobValues> partial{{}};
    for (const auto& k : spec.knobs) {
      std::vector<population::KnobValues> extended;
      for (const auto& knobs : partial) {
        for (auto value : k.values) {
          auto next = knobs;
          next[k.name] = value;
          extended.push_back(std::move(next));
        }
      }
      partial = std::move(extended);
    }
    for (const auto& knobs : partial) {
      if (fitness::check_knobs(spec, knobs).empty()) points.insert({spec.name, knobs});
    }
  }
  return points;
}

// The message of the `Exception` that `call` throws ("" when none).
template <typename Exception, typename Call>
std::string thrown_message(Call&& call) {
  try {
    call();
  } catch (const Exception& error) {
    return error.what();
  }
  return "";
}

}  // namespace kevo::test
