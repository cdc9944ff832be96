#include "operators/knob_crossover.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "operators/child_lineage.hpp"
#include "operators/distinct_children.hpp"
#include "operators/knob_domain.hpp"
#include "operators/random_draw.hpp"
#include "operators/required_parent.hpp"
#include "operators/seed_family.hpp"

namespace kevo::operators {

namespace {

// Values of B that may replace A's: knob exists in A's family, B sets it, the
// value lies in A's domain, and it differs from A's.
population::KnobValues transferable_values(const fitness::SeedSpec& family_of_a,
                                           const population::Variant& a,
                                           const population::Variant& b) {
  population::KnobValues transferable;
  for (const auto& knob : family_of_a.knobs) {
    const auto value_of_b = knob_value(b.knobs, knob);
    if (!value_of_b || !domain_index(knob, *value_of_b)) continue;
    if (knob_value(a.knobs, knob) == value_of_b) continue;
    transferable[knob.name] = *value_of_b;
  }
  return transferable;
}

population::Variant mix(const population::Variant& a, const population::KnobValues& from_b,
                        std::mt19937_64& rng) {
  population::Variant child = a;
  for (const auto& [name, value] : from_b) {
    if (draw_chance(rng, 0.5)) child.knobs[name] = value;
  }
  return child;
}

population::Variant take_all(const population::Variant& a, const population::KnobValues& from_b) {
  population::Variant child = a;
  for (const auto& [name, value] : from_b) child.knobs[name] = value;
  return child;
}

}  // namespace

KnobCrossover::KnobCrossover(KnobCrossoverOptions options) : options_(options) {}

std::vector<population::Variant> KnobCrossover::apply(const std::vector<Parent>& parents,
                                                      int count, OperatorContext& context) {
  const auto& a = required_parent(parents, 0, name());
  const auto& b = required_parent(parents, 1, name());
  if (count <= 0) return {};
  const auto& family = seed_family_of(context.task, a);
  const auto from_b = transferable_values(family, a, b);
  if (from_b.empty()) return {};

  std::vector<std::string> parent_ids{a.content_hash(), b.content_hash()};
  DistinctChildren children(parent_ids);
  auto keep_if_valid = [&](population::Variant candidate) {
    if (!fitness::check_knobs(family, candidate.knobs).empty()) return false;
    set_lineage(candidate, parent_ids, name(), context);
    return children.add(std::move(candidate));
  };

  const int attempts = std::max(1, options_.max_attempts_per_child);
  for (int child = 0; child < count; ++child) {
    for (int attempt = 0; attempt < attempts; ++attempt) {
      if (keep_if_valid(mix(a, from_b, context.rng))) break;
    }
  }
  if (children.size() < static_cast<std::size_t>(count)) keep_if_valid(take_all(a, from_b));
  return children.take();
}

}  // namespace kevo::operators
