#pragma once
// Every child records where it came from, so the archive can trace which
// operator, island and generation produced a good kernel.
#include <string>
#include <vector>

#include "operators/operator.hpp"
#include "population/variant.hpp"

namespace kevo::operators {

// Replaces `child`'s lineage: its parents' content hashes, the operator that
// made it, and the generation and island from `context`.
void set_lineage(population::Variant& child, std::vector<std::string> parent_ids,
                 const std::string& operator_name, const OperatorContext& context);

}  // namespace kevo::operators
