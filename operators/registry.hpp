#pragma once
// Operators by name, as configs and the CLI spell them.
#include <memory>
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

// A fresh operator with default options. Throws std::invalid_argument naming
// the unknown name and listing known_operators().
std::unique_ptr<Operator> make_operator(const std::string& name);

// "knob_mutation", "knob_crossover", "seed_switch", "random_sampler".
std::vector<std::string> known_operators();

}  // namespace kevo::operators
