#include "operators/required_parent.hpp"

#include <stdexcept>

namespace kevo::operators {

const population::Variant& required_parent(const std::vector<Parent>& parents, std::size_t index,
                                           const std::string& operator_name) {
  if (index >= parents.size() || parents[index].variant == nullptr) {
    throw std::invalid_argument(operator_name + ": parent " + std::to_string(index) +
                                " is missing (got " + std::to_string(parents.size()) +
                                " parent(s), some possibly null)");
  }
  return *parents[index].variant;
}

}  // namespace kevo::operators
