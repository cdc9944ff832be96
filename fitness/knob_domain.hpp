#pragma once
// Describing and querying knob domains, shared by the loader and check_knobs.
#include <cstdint>
#include <string>
#include <vector>

namespace kevo::fitness {

bool domain_contains(const std::vector<std::int64_t>& domain, std::int64_t value);

// "{1, 2, 4, 8}"; long domains are abridged: "{0, 1, 2, ..., 999} (1000 values)".
std::string describe_domain(const std::vector<std::int64_t>& domain);

}  // namespace kevo::fitness
