#pragma once
// A Variant is one candidate kernel: its genome (source, knob values, launch
// plan, language) and its lineage. Its content hash is the dedup key.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "population/launch_plan.hpp"

namespace kevo::population {

enum class Language { cpp, cuda, hip };
std::string to_string(Language language);
Language language_from_string(const std::string& text);  // throws std::invalid_argument

using KnobValues = std::map<std::string, std::int64_t>;
// "BLOCK=64 UNROLL=4" (sorted by name), "-" when there are none: for reports and logs.
std::string knobs_to_text(const KnobValues& knobs);

// True for the operators that start a lineage rather than search from one:
// "seed" (task.yaml's seeds) and "llm_draft" (seeds a model drafted from the
// reference when task.yaml has none).
bool is_seed_operator(const std::string& operator_name);
inline constexpr const char* kDraftOperator = "llm_draft";

struct Lineage {
  std::vector<std::string> parent_ids;  // content hashes of the parents
  std::string operator_name;            // "seed", "knob_mutation", ...
  std::string strategy;                 // bandit arm that chose the change ("" if none)
  int generation = 0;
  int island = 0;
};

struct Variant {
  std::string task;         // task name
  std::string seed_name;    // which seed kernel (source family) it descends from
  Language language = Language::cpp;
  std::string source;
  KnobValues knobs;
  LaunchPlan launch;
  Lineage lineage;

  // Hex SHA-256 over task, seed_name, language, source, knobs and launch plan
  // (not lineage), each a length-prefixed Sha256::field:
  // two variants with the same hash compute the same thing the same way.
  std::string content_hash() const;
};

}  // namespace kevo::population
