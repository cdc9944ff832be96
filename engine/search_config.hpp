#pragma once
// How an island searches. Greedy, random and evolutionary search are
// configurations of one generation loop, so a comparison between them differs
// only in these values.
#include <cstdint>
#include <string>
#include <vector>

namespace kevo::engine {

enum class SearchMethod { evolutionary, greedy, random };
std::string to_string(SearchMethod method);
SearchMethod search_method_from_string(const std::string& text);  // throws std::invalid_argument

struct SearchConfig {
  SearchMethod method = SearchMethod::evolutionary;
  int population_size = 8;        // survivors kept per island
  int children_per_generation = 4;
  int tournament_size = 3;
  double crossover_rate = 0.3;    // share of children made by crossover (evolutionary only)
  int max_proposal_attempts = 20; // per child: duplicates are redrawn, up to this many times
  std::vector<std::string> operators{"knob_mutation", "knob_crossover"};
  int repair_rounds = 2;          // LLM repairs of a failed LLM child, per line (0: none)
};

enum class Topology { ring, random, fully_connected };
std::string to_string(Topology topology);
Topology topology_from_string(const std::string& text);  // throws std::invalid_argument

struct MigrationConfig {
  Topology topology = Topology::ring;
  int interval = 2;   // generations between sends
  int size = 1;       // best variants sent to each neighbour
  bool enabled = true;
};

struct Budget {
  std::int64_t evaluations = 0;   // evaluations actually run, per task (0: no limit)
  double wall_seconds = 0;        // per task (0: no limit)
};

}  // namespace kevo::engine
