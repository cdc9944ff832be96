#pragma once
// Operators with arity > 0 need their parents; a missing one is a caller bug,
// reported with the operator's name rather than dereferenced.
#include <cstddef>
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

// parents[index].variant; throws std::invalid_argument naming `operator_name`
// when there is no such parent or its variant is null.
const population::Variant& required_parent(const std::vector<Parent>& parents, std::size_t index,
                                           const std::string& operator_name);

}  // namespace kevo::operators
