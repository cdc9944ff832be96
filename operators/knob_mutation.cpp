#include "operators/knob_mutation.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <utility>

#include "operators/child_lineage.hpp"
#include "operators/distinct_children.hpp"
#include "operators/knob_domain.hpp"
#include "operators/random_draw.hpp"
#include "operators/required_parent.hpp"
#include "operators/seed_family.hpp"

namespace kevo::operators {

namespace {

using KnobList = std::vector<const fitness::KnobSpec*>;

KnobList changeable_knobs(const fitness::SeedSpec& seed, const population::KnobValues& knobs,
                          const std::vector<std::string>& only) {
  KnobList changeable;
  for (const auto& knob : seed.knobs) {
    const bool allowed = only.empty() || std::find(only.begin(), only.end(), knob.name) != only.end();
    if (allowed && can_change(knob, knobs)) changeable.push_back(&knob);
  }
  return changeable;
}

// 1 knob half the time, 2 a quarter, ...: most children stay close to the parent.
std::size_t draw_knob_count(std::size_t available, int max_changed, std::mt19937_64& rng) {
  const auto limit = std::min(available, static_cast<std::size_t>(std::max(1, max_changed)));
  std::size_t count = 1;
  while (count < limit && draw_chance(rng, 0.5)) ++count;
  return count;
}

KnobList draw_distinct_knobs(KnobList knobs, std::size_t count, std::mt19937_64& rng) {
  for (std::size_t i = 0; i < count; ++i) {
    std::swap(knobs[i], knobs[i + draw_index(rng, knobs.size() - i)]);
  }
  knobs.resize(count);
  return knobs;
}

std::int64_t draw_other_value(const fitness::KnobSpec& knob, std::optional<std::int64_t> current,
                              std::mt19937_64& rng) {
  std::vector<std::int64_t> others;
  std::copy_if(knob.values.begin(), knob.values.end(), std::back_inserter(others),
               [&](std::int64_t value) { return value != current; });
  if (others.empty()) return knob.values.front();  // changeable_knobs() rules this out
  return others[draw_index(rng, others.size())];
}

// A domain position `step` away in a random direction that stays inside the
// domain; a two-step move in a two-value domain becomes a one-step move.
std::size_t stepped_index(std::size_t index, std::size_t size, std::size_t step,
                          std::mt19937_64& rng) {
  std::vector<std::size_t> targets;
  if (index >= step) targets.push_back(index - step);
  if (index + step < size) targets.push_back(index + step);
  if (targets.empty()) return step > 1 ? stepped_index(index, size, 1, rng) : index;
  return targets[draw_index(rng, targets.size())];
}

std::int64_t mutated_value(const fitness::KnobSpec& knob, std::optional<std::int64_t> current,
                           const KnobMutationOptions& options, std::mt19937_64& rng) {
  const auto index = current ? domain_index(knob, *current) : std::nullopt;
  // A value outside the domain has no neighbours: any valid value is as near as another.
  if (!index || draw_chance(rng, options.random_jump_probability)) {
    return draw_other_value(knob, current, rng);
  }
  const std::size_t step = draw_chance(rng, options.far_step_probability) ? 2 : 1;
  return knob.values[stepped_index(*index, knob.values.size(), step, rng)];
}

// Knobs the seed does not declare are dropped, and those the parent leaves
// unset or outside their domain get a random domain value: a parent from an
// older task version still yields valid children.
void repair_knobs(const fitness::SeedSpec& seed, population::KnobValues& knobs,
                  std::mt19937_64& rng) {
  std::erase_if(knobs, [&](const auto& entry) { return find_knob(seed, entry.first) == nullptr; });
  for (const auto& knob : seed.knobs) {
    const auto current = knob_value(knobs, knob);
    if (knob.values.empty() || (current && domain_index(knob, *current))) continue;
    knobs[knob.name] = knob.values[draw_index(rng, knob.values.size())];
  }
}

population::Variant mutate(const population::Variant& parent, const fitness::SeedSpec& seed,
                           const KnobList& changeable, const KnobMutationOptions& options,
                           std::mt19937_64& rng) {
  population::Variant child = parent;
  repair_knobs(seed, child.knobs, rng);
  const auto count = draw_knob_count(changeable.size(), options.max_knobs_changed, rng);
  for (const auto* knob : draw_distinct_knobs(changeable, count, rng)) {
    child.knobs[knob->name] = mutated_value(*knob, knob_value(child.knobs, *knob), options, rng);
  }
  return child;
}

}  // namespace

KnobMutation::KnobMutation(KnobMutationOptions options) : options_(options) {}

std::vector<population::Variant> KnobMutation::apply(const std::vector<Parent>& parents, int count,
                                                     OperatorContext& context) {
  const auto& parent = required_parent(parents, 0, name());
  if (count <= 0) return {};
  const auto& seed = seed_family_of(context.task, parent);
  const auto changeable = changeable_knobs(seed, parent.knobs, options_.only_knobs);
  if (changeable.empty()) return {};

  const auto parent_id = parent.content_hash();
  DistinctChildren children({parent_id});
  const int attempts = std::max(1, options_.max_attempts_per_child);
  for (int child = 0; child < count; ++child) {
    for (int attempt = 0; attempt < attempts; ++attempt) {
      auto candidate = mutate(parent, seed, changeable, options_, context.rng);
      if (!fitness::check_knobs(seed, candidate.knobs).empty()) continue;
      set_lineage(candidate, {parent_id}, name(), context);
      if (children.add(std::move(candidate))) break;
    }
  }
  return children.take();
}

}  // namespace kevo::operators
