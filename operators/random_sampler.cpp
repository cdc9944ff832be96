#include "operators/random_sampler.hpp"

#include <algorithm>
#include <utility>

#include "operators/child_lineage.hpp"
#include "operators/distinct_children.hpp"
#include "operators/random_draw.hpp"

namespace kevo::operators {

namespace {

population::KnobValues draw_knobs(const fitness::SeedSpec& seed, std::mt19937_64& rng) {
  population::KnobValues knobs;
  for (const auto& knob : seed.knobs) {
    // The loader rejects empty domains; an empty one here keeps the seed value.
    knobs[knob.name] = knob.values.empty() ? knob.seed_value
                                           : knob.values[draw_index(rng, knob.values.size())];
  }
  return knobs;
}

}  // namespace

RandomSampler::RandomSampler(RandomSamplerOptions options) : options_(options) {}

std::vector<population::Variant> RandomSampler::apply(const std::vector<Parent>& /*parents*/,
                                                      int count, OperatorContext& context) {
  const auto& seeds = context.task.seeds;
  if (count <= 0 || seeds.empty()) return {};

  // Seed variants built once: source and launch plan copied per child, not re-derived.
  std::vector<population::Variant> bases;
  bases.reserve(seeds.size());
  for (const auto& seed : seeds) bases.push_back(context.task.seed_variant(seed));

  DistinctChildren children;
  const int attempts = std::max(1, options_.max_attempts_per_child);
  for (int child = 0; child < count; ++child) {
    for (int attempt = 0; attempt < attempts; ++attempt) {
      const auto family = draw_index(context.rng, seeds.size());
      auto knobs = draw_knobs(seeds[family], context.rng);
      if (!fitness::check_knobs(seeds[family], knobs).empty()) continue;
      auto candidate = bases[family];
      candidate.knobs = std::move(knobs);
      set_lineage(candidate, {}, name(), context);
      if (children.add(std::move(candidate))) break;
    }
  }
  return children.take();
}

}  // namespace kevo::operators
