#include "operators/distinct_children.hpp"

#include <utility>

namespace kevo::operators {

DistinctChildren::DistinctChildren(std::vector<std::string> excluded_hashes)
    : seen_hashes_(excluded_hashes.begin(), excluded_hashes.end()) {}

bool DistinctChildren::add(population::Variant child) {
  if (!seen_hashes_.insert(child.content_hash()).second) return false;
  children_.push_back(std::move(child));
  return true;
}

}  // namespace kevo::operators
