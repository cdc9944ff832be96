#include "fitness/knob_domain.hpp"

#include <algorithm>

namespace kevo::fitness {

namespace {
// Enough to see the pattern of a range without flooding a one-line message.
constexpr std::size_t kShownValues = 12;
}  // namespace

bool domain_contains(const std::vector<std::int64_t>& domain, std::int64_t value) {
  return std::find(domain.begin(), domain.end(), value) != domain.end();
}

std::string describe_domain(const std::vector<std::int64_t>& domain) {
  std::string text = "{";
  const bool abridged = domain.size() > kShownValues;
  const std::size_t shown = abridged ? kShownValues - 1 : domain.size();
  for (std::size_t i = 0; i < shown; ++i) text += (i == 0 ? "" : ", ") + std::to_string(domain[i]);
  if (abridged) {
    text += ", ..., " + std::to_string(domain.back()) + "} (" + std::to_string(domain.size()) + " values)";
  } else {
    text += "}";
  }
  return text;
}

}  // namespace kevo::fitness
