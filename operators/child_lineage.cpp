#include "operators/child_lineage.hpp"

#include <utility>

namespace kevo::operators {

void set_lineage(population::Variant& child, std::vector<std::string> parent_ids,
                 const std::string& operator_name, const OperatorContext& context) {
  child.lineage = population::Lineage{};
  child.lineage.parent_ids = std::move(parent_ids);
  child.lineage.operator_name = operator_name;
  child.lineage.generation = context.generation;
  child.lineage.island = context.island;
}

}  // namespace kevo::operators
