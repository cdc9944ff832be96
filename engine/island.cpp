#include "engine/island.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "engine/archipelago/topology.hpp"
#include "engine/budget_state.hpp"
#include "operators/llm/usage_json.hpp"
#include "operators/registry.hpp"
#include "operators/strategy/strategy_operator.hpp"

namespace kevo::engine {

using population::Evaluation;
using population::Variant;

namespace {
// Duplicate draws of one child before a strategy child composes one more move.
constexpr int kAttemptsPerExtraMove = 4;
}  // namespace

Island::Island(IslandSetup setup, IslandLinks links)
    : setup_(std::move(setup)), links_(links), rng_(setup_.seed) {
  for (const auto& name : setup_.search.operators) {
    auto op = operators::make_operator(name, setup_.services);
    if (op->arity() == 1) mutators_.push_back(std::move(op));
    else if (op->arity() == 2) crossover_ = std::move(op);
  }
  sampler_ = operators::make_operator("random_sampler");
  if (setup_.services.llm != nullptr && setup_.search.repair_rounds > 0) {
    repair_ = operators::make_operator("llm_repair", setup_.services);
    repairs_.emplace(setup_.search.repair_rounds);
  }
  const bool uses_strategy = std::any_of(mutators_.begin(), mutators_.end(),
                                         [](const auto& op) { return op->name() == "strategy"; });
  if (uses_strategy) {
    if (setup_.strategy == nullptr)
      throw std::invalid_argument("search.operators: 'strategy' needs the strategy catalogue (bandit.catalogue)");
    selector_.emplace(*setup_.strategy, hardware_of(links_.service.device_id()), *setup_.task);
  }
  if (mutators_.empty() && setup_.search.method != SearchMethod::random)
    throw std::invalid_argument("search.operators: " + to_string(setup_.search.method) +
                                " search needs at least one mutation operator (e.g. knob_mutation)");
}

std::vector<operators::bandit::LearnedArm> Island::learned_strategies() const {
  return selector_ ? selector_->learned() : std::vector<operators::bandit::LearnedArm>{};
}

std::string Island::state_key() const {
  return "island/" + setup_.task->name + "/" + std::to_string(setup_.id);
}

void Island::start() {
  if (auto state = links_.store.state(state_key())) {
    restore(*state);
    return;
  }
  auto members = measure_seeds();
  admit(members);
  commit(members);
}

// Evaluates (or looks up) every seed; the first seed is the baseline every
// speedup is measured against, on this device.
std::vector<Individual> Island::measure_seeds() {
  std::vector<Variant> seeds;
  for (const auto& seed : setup_.task->seeds) {
    if (!links_.service.runs_seed(seed)) continue;
    seeds.push_back(setup_.task->seed_variant(seed));
    seeds.back().lineage.island = setup_.id;
  }
  if (seeds.empty())
    throw std::runtime_error("task '" + setup_.task->name + "' has no seed that " + links_.service.device_id() +
                             " can run; add a seed in its language (or mark a CUDA seed portable_to: [hip])");
  GenerationReport measured;
  auto members = measure(std::move(seeds), Admission::required, measured);
  // A drafted seed that failed gets repair rounds like any LLM child, from
  // the island that measured it (the others find it measured).
  if (repairs_ && measured.evaluated > 0) repairs_->observe(members);
  const Individual& baseline = baseline_of(members);
  baseline_id_ = baseline.id;
  baseline_seconds_ = *baseline.evaluation.bench_seconds();
  return members;
}

namespace {
bool passed(const Individual& seed) { return seed.evaluation.ok() && seed.evaluation.bench_seconds().has_value(); }
}  // namespace

// The first seed of task.yaml must pass: a broken hand-written seed is the
// author's to fix. Drafted seeds are a model's first tries: the first that
// passes is the baseline, and the run stops only when none does.
const Individual& Island::baseline_of(const std::vector<Individual>& seeds) const {
  std::vector<const Individual*> in_order;  // measure() puts known results first; task.yaml's order counts
  for (const auto& spec : setup_.task->seeds)
    for (const Individual& seed : seeds)
      if (seed.variant.seed_name == spec.name) in_order.push_back(&seed);
  const bool drafted = setup_.task->seeds.front().drafted;
  std::string failures;
  for (const Individual* seed : in_order) {
    if (passed(*seed)) return *seed;
    failures += (failures.empty() ? "" : "; ") + seed->variant.seed_name + " (" +
                population::to_string(seed->evaluation.status) + "): " + seed->evaluation.error.substr(0, 300);
    if (!drafted) break;
  }
  const std::string which = drafted ? "none of the " + std::to_string(in_order.size()) + " drafted seeds passed"
                                    : "the first seed failed";
  throw std::runtime_error("task '" + setup_.task->name + "': " + which + " on " + links_.service.device_id() +
                           ": " + failures);
}

GenerationReport Island::step() {
  GenerationReport report;
  std::vector<Variant> candidates;
  // Migrants from a device of another language (a CUDA rank's kernels on a
  // CPU rank) cannot be measured here: they are left out.
  for (auto& migrant : links_.transport.receive(setup_.id))
    if (links_.service.runs(migrant.variant.language)) candidates.push_back(std::move(migrant.variant));
  report.migrants_in = static_cast<int>(candidates.size());
  for (auto& repaired : propose_repairs()) candidates.push_back(std::move(repaired));
  int duplicates = 0;
  for (auto& child : propose(setup_.search.children_per_generation, duplicates))
    if (links_.service.runs(child.language)) candidates.push_back(std::move(child));  // seed_switch may cross languages
  links_.ledger.record_duplicates(duplicates);

  auto arrivals = measure(std::move(candidates), Admission::within_budget, report);
  if (selector_) selector_->observe(arrivals);
  if (repairs_) repairs_->observe(arrivals);
  ++generation_;
  report.generation = generation_;
  const bool changed = admit(arrivals);
  // Known migrants circulating between islands are not progress: counting
  // them kept islands of an exhausted search space stepping forever.
  report.progressed = report.evaluated > 0 || changed;
  if (setup_.migration.enabled && generation_ % std::max(1, setup_.migration.interval) == 0)
    report.migrants_out = send_migrants();
  commit(arrivals);
  return report;
}

// Looks each candidate up on this device, runs the rest as far as the budget
// allows (`required` candidates always run), and accounts for every one:
// fresh runs against the budget, known results as archive hits.
std::vector<Individual> Island::measure(std::vector<Variant> candidates, Admission admission,
                                        GenerationReport& report) {
  std::vector<Individual> measured;
  std::vector<Variant> unknown;
  for (auto& variant : candidates) {
    auto id = variant.content_hash();
    if (auto known = links_.service.known(id)) {
      measured.push_back({std::move(id), std::move(variant), std::move(*known)});
      ++report.reused;
    } else {
      unknown.push_back(std::move(variant));
    }
  }
  links_.ledger.record_archive_hits(report.reused);

  const int wanted = static_cast<int>(unknown.size());
  if (admission == Admission::required) {
    links_.ledger.reserve_required(wanted);
  } else {
    unknown.resize(static_cast<std::size_t>(links_.ledger.reserve(wanted)));  // migrants came first
  }
  // Every seed is profiled: the search's starting points, explained.
  auto results = links_.service.evaluate(unknown, /*profile_all=*/admission == Admission::required);
  for (std::size_t i = 0; i < unknown.size(); ++i) {
    if (results[i].fresh) {
      links_.ledger.record(results[i].evaluation);
      ++report.evaluated;
    } else {  // another island had it measured meanwhile
      links_.ledger.release(1);
      links_.ledger.record_archive_hits(1);
      ++report.reused;
    }
    measured.push_back({results[i].evaluation.variant_id, std::move(unknown[i]), std::move(results[i].evaluation)});
  }
  return measured;
}

// Failed LLM children from earlier generations, rewritten by the model with
// their verbatim errors; they run ahead of this generation's new children.
std::vector<Variant> Island::propose_repairs() {
  std::vector<Variant> repaired;
  if (!repairs_) return repaired;
  for (const Individual& failed : repairs_->take(setup_.search.children_per_generation)) {
    operators::OperatorContext context{*setup_.task, rng_, generation_ + 1, setup_.id, ""};
    for (auto& child : repair_->apply({{&failed.variant, &failed.evaluation}}, 1, context)) {
      auto id = child.content_hash();
      if (links_.service.known(id)) continue;
      repairs_->expect(id, failed);
      repaired.push_back(std::move(child));
    }
  }
  return repaired;
}

std::vector<Variant> Island::propose(int count, int& duplicates) {
  std::vector<Variant> children;
  std::set<std::string> seen;
  for (const auto& member : population_) seen.insert(member.id);
  for (int i = 0; i < count; ++i) {
    for (int attempt = 0; attempt < setup_.search.max_proposal_attempts; ++attempt) {
      const auto draw = draw_child(children, seen, attempt);
      if (draw == Draw::added || draw == Draw::given_up) break;
      if (draw == Draw::duplicate) ++duplicates;
    }
  }
  return children;
}

// Draws one child into `out`, unless the operator had no move or the child
// was seen before, here or on this device.
Island::Draw Island::draw_child(std::vector<Variant>& out, std::set<std::string>& seen, int attempt) {
  operators::OperatorContext context{*setup_.task, rng_, generation_ + 1, setup_.id, ""};
  std::vector<Variant> drawn;
  const auto method = setup_.search.method;
  std::bernoulli_distribution use_crossover(setup_.search.crossover_rate);
  const operators::Operator* used = nullptr;
  if (method == SearchMethod::random) {
    used = sampler_.get();
    drawn = sampler_->apply({}, 1, context);
  } else if (method == SearchMethod::evolutionary && crossover_ && population_.size() >= 2 &&
             use_crossover(rng_)) {
    used = crossover_.get();
    drawn = crossover_->apply(pick_parents(2), 1, context);
  } else {
    std::uniform_int_distribution<std::size_t> pick(0, mutators_.size() - 1);
    operators::Operator& mutator = *mutators_[pick(rng_)];
    if (mutator.name() == "strategy") {
      return draw_strategy_child(mutator, context, out, seen, 1 + attempt / kAttemptsPerExtraMove);
    }
    // An LLM applies the bandit's strategy when there is a bandit; one call per draw.
    if (selector_ && operators::is_llm_operator(mutator.name())) {
      return once_for_llm(draw_strategy_child(mutator, context, out, seen, 1), mutator);
    }
    used = &mutator;
    drawn = mutator.apply(pick_parents(1), 1, context);
  }
  return once_for_llm(accept(drawn, out, seen), *used);
}

// A model call costs time and money: a failed or repeated LLM draw is not
// redrawn for the same child (offline operators redraw, they are cheap).
Island::Draw Island::once_for_llm(Draw draw, const operators::Operator& op) {
  return draw != Draw::added && operators::is_llm_operator(op.name()) ? Draw::given_up : draw;
}

// Adds the first drawn child unless it was seen before, here or on this device.
Island::Draw Island::accept(std::vector<Variant>& drawn, std::vector<Variant>& out, std::set<std::string>& seen) {
  if (drawn.empty()) return Draw::no_move;
  auto id = drawn.front().content_hash();
  if (seen.count(id) || links_.service.known(id)) return Draw::duplicate;
  seen.insert(std::move(id));
  out.push_back(std::move(drawn.front()));
  return Draw::added;
}

// The bandit picks a strategy among those the parent's family declares; the
// child's measurement later pays that arm. One strategy moves few knobs, so
// once the best members' one-move neighbourhoods are all measured every draw
// repeats: `moves` > 1 then adds moves of uniformly drawn strategies (the
// bandit's own choice would repeat its favourite) to leave that local
// optimum. The bandit's strategy is the one paid.
Island::Draw Island::draw_strategy_child(operators::Operator& mutator, operators::OperatorContext& context,
                                         std::vector<Variant>& out, std::set<std::string>& seen, int moves) {
  const Individual& parent = setup_.search.method == SearchMethod::greedy ? best() : tournament();
  const std::optional<std::string> strategy = selector_->choose(*setup_.task, parent, rng_);
  if (!strategy) return Draw::no_move;
  context.strategy = *strategy;
  std::vector<Variant> drawn = mutator.apply({{&parent.variant, &parent.evaluation}}, 1, context);
  for (int move = 1; move < moves && !drawn.empty(); ++move) {
    const Variant reached = drawn.front();
    context.strategy = uniform_strategy(reached);
    std::vector<Variant> further = mutator.apply({{&reached, &parent.evaluation}}, 1, context);
    if (!further.empty()) drawn = std::move(further);
  }
  if (!drawn.empty()) {
    drawn.front().lineage.parent_ids = {parent.id};  // not the unmeasured steps in between
    drawn.front().lineage.strategy = *strategy;
  }
  const Draw draw = accept(drawn, out, seen);
  if (draw == Draw::added) selector_->expect(out.back().content_hash(), *strategy, parent);
  return draw;
}

std::string Island::uniform_strategy(const Variant& variant) {
  const auto names = operators::strategy::applicable_strategies(*setup_.task, variant);
  if (names.empty()) return "";
  std::uniform_int_distribution<std::size_t> pick(0, names.size() - 1);
  return *std::next(names.begin(), static_cast<std::ptrdiff_t>(pick(rng_)));
}

std::vector<operators::Parent> Island::pick_parents(int arity) {
  std::vector<operators::Parent> parents;
  for (int i = 0; i < arity; ++i) {
    const Individual& chosen = setup_.search.method == SearchMethod::greedy ? best() : tournament();
    parents.push_back({&chosen.variant, &chosen.evaluation});
  }
  return parents;
}

const Individual& Island::tournament() {
  std::uniform_int_distribution<std::size_t> pick(0, population_.size() - 1);
  const Individual* winner = &population_[pick(rng_)];
  for (int round = 1; round < setup_.search.tournament_size; ++round) {
    const Individual& contender = population_[pick(rng_)];
    if (fitter(contender, *winner)) winner = &contender;
  }
  return *winner;
}

// (mu + lambda) replacement: arrivals that work join the population and only
// the fittest `population_size` stay, so the elite is never lost. Greedy search
// keeps one member: hill climbing from the best.
bool Island::admit(const std::vector<Individual>& candidates) {
  std::vector<std::string> before;
  for (const auto& member : population_) before.push_back(member.id);
  for (auto candidate : candidates) {
    candidate.speedup = speedup_over(baseline_seconds_, candidate.evaluation);
    const bool present = std::any_of(population_.begin(), population_.end(),
                                     [&](const Individual& m) { return m.id == candidate.id; });
    if (candidate.speedup > 0 && !present) population_.push_back(std::move(candidate));
  }
  std::sort(population_.begin(), population_.end(), fitter);
  const int keep = setup_.search.method == SearchMethod::greedy ? 1 : setup_.search.population_size;
  if (static_cast<int>(population_.size()) > keep) population_.resize(static_cast<std::size_t>(keep));
  std::vector<std::string> after;
  for (const auto& member : population_) after.push_back(member.id);
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  return before != after;
}

int Island::send_migrants() {
  const int count = std::min<int>(setup_.migration.size, static_cast<int>(population_.size()));
  int sent = 0;
  for (int to : neighbours(setup_.migration.topology, setup_.id, links_.transport.island_count(), rng_)) {
    std::vector<Migrant> migrants;
    for (int i = 0; i < count; ++i) migrants.push_back({setup_.id, population_[static_cast<std::size_t>(i)].variant});
    sent += count;
    links_.transport.send(to, std::move(migrants));
  }
  return sent;
}

// Everything the generation measured is committed with it, also what another
// island measured but may not have committed yet: a member of this island's
// population must always be found in the archive.
void Island::commit(const std::vector<Individual>& measured) {
  std::vector<Variant> variants;
  std::vector<Evaluation> evaluations;
  for (const auto& individual : measured) {
    variants.push_back(individual.variant);
    evaluations.push_back(individual.evaluation);
  }
  std::ostringstream rng_text;
  rng_text << rng_;
  nlohmann::json members = nlohmann::json::array();
  for (const auto& member : population_) members.push_back(member.id);
  GenerationRecord record{variants, evaluations, {}};
  record.state.emplace_back(state_key(), nlohmann::json{{"generation", generation_},
                                                        {"rng", rng_text.str()},
                                                        {"members", members},
                                                        {"baseline", baseline_id_},
                                                        {"baseline_seconds", baseline_seconds_},
                                                        {"bandit", selector_ ? selector_->to_json() : nlohmann::json(nullptr)},
                                                        {"repairs", repairs_ ? repairs_->to_json() : nlohmann::json(nullptr)}});
  record.state.emplace_back(budget_state_key(setup_.task->name),
                            budget_to_json(links_.ledger.counters(), links_.ledger.elapsed_seconds()));
  // The campaign's LLM spending, with every generation: a killed run resumes
  // with what it had spent by its last commit (less, at most, the calls of
  // another island's generation in flight), not with what the last finished
  // task had.
  if (const auto* llm = setup_.services.llm; llm != nullptr)
    record.state.emplace_back(operators::llm::kUsageStateKey, operators::llm::usage_to_json(llm->usage()));
  links_.store.commit(record);
}

void Island::restore(const nlohmann::json& state) {
  generation_ = state.at("generation").get<int>();
  std::istringstream rng_text(state.at("rng").get<std::string>());
  rng_text >> rng_;
  baseline_id_ = state.at("baseline").get<std::string>();
  baseline_seconds_ = state.at("baseline_seconds").get<double>();
  if (selector_ && state.contains("bandit") && !state.at("bandit").is_null()) selector_->restore(state.at("bandit"));
  const auto from_archive = [&](const std::string& id) -> std::optional<Individual> {
    auto variant = links_.store.find_variant(id);
    auto evaluation = links_.service.known(id);
    if (!variant || !evaluation) return std::nullopt;
    return Individual{id, std::move(*variant), std::move(*evaluation)};
  };
  if (repairs_ && state.contains("repairs") && !state.at("repairs").is_null())
    repairs_->restore(state.at("repairs"), from_archive);
  std::vector<Individual> members;
  for (const auto& id_json : state.at("members")) {
    const auto id = id_json.get<std::string>();
    auto member = from_archive(id);
    if (!member) throw std::runtime_error(state_key() + ": member " + id + " is missing from the archive");
    members.push_back(std::move(*member));
  }
  admit(members);
}

}  // namespace kevo::engine
