#include "operators/seed_switch.hpp"

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

std::vector<const fitness::SeedSpec*> other_families(const fitness::Task& task,
                                                     const fitness::SeedSpec& current) {
  std::vector<const fitness::SeedSpec*> others;
  for (const auto& seed : task.seeds) {
    if (seed.name != current.name) others.push_back(&seed);
  }
  return others;
}

// Names of `family`'s knobs whose parent value can be carried over (in the
// domain, and not already the seed value).
std::vector<std::string> carried_knobs(const fitness::SeedSpec& family,
                                       const population::KnobValues& parent_knobs) {
  std::vector<std::string> carried;
  for (const auto& knob : family.knobs) {
    const auto value = knob_value(parent_knobs, knob);
    if (value && *value != knob.seed_value && domain_index(knob, *value)) {
      carried.push_back(knob.name);
    }
  }
  return carried;
}

// `family`'s seed values, overridden by the parent's values for `carried`;
// drops carried values (random order) until the constraints hold.
std::optional<population::KnobValues> switched_knobs(const fitness::SeedSpec& family,
                                                     const population::KnobValues& parent_knobs,
                                                     std::mt19937_64& rng) {
  population::KnobValues knobs;
  for (const auto& knob : family.knobs) knobs[knob.name] = knob.seed_value;
  const population::KnobValues seed_knobs = knobs;

  auto carried = carried_knobs(family, parent_knobs);
  shuffle_portably(carried, rng);
  for (const auto& name : carried) knobs[name] = parent_knobs.at(name);
  while (!fitness::check_knobs(family, knobs).empty()) {
    if (carried.empty()) return std::nullopt;  // the seed values themselves are invalid
    knobs[carried.back()] = seed_knobs.at(carried.back());
    carried.pop_back();
  }
  return knobs;
}

}  // namespace

std::vector<population::Variant> SeedSwitch::apply(const std::vector<Parent>& parents, int count,
                                                   OperatorContext& context) {
  const auto& parent = required_parent(parents, 0, name());
  if (count <= 0) return {};
  auto targets = other_families(context.task, seed_family_of(context.task, parent));
  if (!only_target_.empty()) {
    std::erase_if(targets, [&](const fitness::SeedSpec* family) { return family->name != only_target_; });
  }
  shuffle_portably(targets, context.rng);

  const auto parent_id = parent.content_hash();
  DistinctChildren children({parent_id});
  for (const auto* family : targets) {
    if (children.size() >= static_cast<std::size_t>(count)) break;
    auto child = context.task.seed_variant(*family);
    auto knobs = switched_knobs(*family, parent.knobs, context.rng);
    if (!knobs) continue;
    child.knobs = std::move(*knobs);
    set_lineage(child, {parent_id}, name(), context);
    children.add(std::move(child));
  }
  return children.take();
}

}  // namespace kevo::operators
