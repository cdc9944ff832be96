#pragma once
// Collects one apply() call's children, refusing any that repeats a parent or
// an earlier child of the call (same content hash): a repeat would only spend
// an evaluation on something already measured or about to be.
#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "population/variant.hpp"

namespace kevo::operators {

class DistinctChildren {
 public:
  // `excluded_hashes`: content hashes no child may have (usually the parents').
  explicit DistinctChildren(std::vector<std::string> excluded_hashes = {});

  // Keeps `child` and returns true unless its content hash was seen before.
  bool add(population::Variant child);
  std::size_t size() const { return children_.size(); }
  std::vector<population::Variant> take() { return std::move(children_); }

 private:
  std::set<std::string> seen_hashes_;
  std::vector<population::Variant> children_;
};

}  // namespace kevo::operators
