#pragma once
// Operator: parents + context -> children. Offline operators move knobs or
// switch source variants; LLM operators (later) rewrite source. Every search
// method draws its children from operators, so comparisons share this code.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "fitness/task.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::operators {

// A parent as operators see it: the variant and what was measured for it.
struct Parent {
  const population::Variant* variant = nullptr;
  const population::Evaluation* evaluation = nullptr;  // may be null (not yet evaluated)
};

struct OperatorContext {
  const fitness::Task& task;
  std::mt19937_64& rng;
  int generation = 0;
  int island = 0;
  std::string strategy;  // the strategy the bandit chose for this child ("" for none)
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual std::string name() const = 0;
  // How many parents apply() wants (1 for mutation, 2 for crossover, 0 for a sampler).
  virtual int arity() const = 0;
  // Proposes children; may return fewer than asked (e.g. no valid move exists).
  // Children carry lineage (parents, operator, generation, island); never throws
  // for an unlucky draw.
  virtual std::vector<population::Variant> apply(const std::vector<Parent>& parents,
                                                 int count, OperatorContext& context) = 0;
};

}  // namespace kevo::operators
