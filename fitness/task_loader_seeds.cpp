// seeds: each a source file with its language, knobs, constraints and launch plan.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

bool is_seed_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// Seed names end up in archive rows and file names.
std::string read_seed_name(const Field& field) {
  const std::string name = field.text();
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_seed_name_char)) {
    field.fail("'" + printable(name) + "' is not a valid seed name", "use letters, digits, '_', '-' and '.'");
  }
  return name;
}

population::Language read_language(const Field& field) {
  const std::string text = field.text();
  try {
    return population::language_from_string(text);
  } catch (const std::invalid_argument&) {
    field.fail("unknown language '" + printable(text) + "'", "use cpp, cuda or hip");
  }
}

population::KnobValues seed_knob_values(const SeedSpec& seed) {
  population::KnobValues values;
  for (const KnobSpec& knob : seed.knobs) values[knob.name] = knob.seed_value;
  return values;
}

std::string describe_values(const population::KnobValues& values) {
  std::string text;
  for (const auto& [name, value] : values) text += (text.empty() ? "" : ", ") + name + "=" + std::to_string(value);
  return text.empty() ? "no knobs" : text;
}

std::vector<expr::Expression> read_constraints(const Field& constraints, const SeedSpec& seed) {
  NameScope scope{{}, "knobs ("};
  std::vector<std::string> names;
  for (const KnobSpec& knob : seed.knobs) {
    scope.names.insert(knob.name);
    names.push_back(knob.name);
  }
  scope.description += join_names(names) + ")";
  const population::KnobValues seed_values = seed_knob_values(seed);
  std::vector<expr::Expression> result;
  for (const Field& item : constraints.items()) {
    const expr::Expression constraint = item.expression(scope);
    std::int64_t holds = 0;
    try {
      holds = constraint.evaluate(seed_values);
    } catch (const expr::ExprError& error) {
      item.fail(std::string("at the seed values (") + describe_values(seed_values) + "): " + error.what(),
                "make the constraint valid for every knob setting");
    }
    if (holds == 0) {
      item.fail("constraint '" + printable(constraint.text()) + "' is false at the seed values (" +
                    describe_values(seed_values) + ")",
                "change the knobs' seed values or the constraint");
    }
    result.push_back(constraint);
  }
  return result;
}

StrategyMove read_strategy_move(const Field& field, const SeedSpec& seed) {
  field.allow_keys({"knobs", "seed"});
  StrategyMove move;
  if (const std::optional<Field> knobs = field.optional("knobs")) {
    for (const Field& knob : knobs->items()) {
      const std::string name = knob.identifier();
      const bool known = std::any_of(seed.knobs.begin(), seed.knobs.end(),
                                     [&](const KnobSpec& k) { return k.name == name; });
      if (!known) knob.fail("'" + name + "' is not a knob of seed '" + seed.name + "'", "name one of its knobs");
      move.knobs.push_back(name);
    }
  }
  if (const std::optional<Field> other = field.optional("seed")) move.seed = other->text();
  if (move.knobs.empty() == move.seed.empty()) {
    field.fail("a strategy moves knobs or switches seed, exactly one of them",
               "write {knobs: [A, B]} or {seed: other_family}");
  }
  return move;
}

std::map<std::string, StrategyMove> read_strategy_moves(const Field& field, const SeedSpec& seed) {
  std::map<std::string, StrategyMove> moves;
  for (const auto& [name, value] : field.entries()) moves[name] = read_strategy_move(value, seed);
  return moves;
}

// `portable_to: [hip]`: only a GPU source can be, and only to the other GPU language.
std::vector<population::Language> read_portable_to(const Field& field, population::Language language) {
  std::vector<population::Language> languages;
  for (const Field& item : field.items()) {
    const population::Language other = read_language(item);
    if (language != population::Language::cuda || other != population::Language::hip)
      item.fail("a " + population::to_string(language) + " source cannot be declared portable to " +
                    population::to_string(other),
                "only CUDA sources are portable, to hip (through kevo's HIP prelude)");
    languages.push_back(other);
  }
  return languages;
}

SeedSpec read_seed(const Field& field, const Task& task) {
  field.allow_keys({"name", "file", "language", "portable_to", "knobs", "constraints", "launch", "strategies"});
  SeedSpec seed;
  seed.name = read_seed_name(field.required("name"));
  seed.source = read_named_file(field.required("file"), task.dir, seed.file);
  if (const std::optional<Field> language = field.optional("language")) seed.language = read_language(*language);
  if (const std::optional<Field> portable = field.optional("portable_to"))
    seed.portable_to = read_portable_to(*portable, seed.language);
  if (const std::optional<Field> knobs = field.optional("knobs")) seed.knobs = read_knobs(*knobs, task);
  if (const std::optional<Field> constraints = field.optional("constraints")) {
    seed.constraints = read_constraints(*constraints, seed);
  }
  seed.launch = read_launch(field.required("launch"), task, seed);
  if (const std::optional<Field> strategies = field.optional("strategies")) {
    seed.strategies = read_strategy_moves(*strategies, seed);
  }
  return seed;
}

// A strategy that switches seed must name a seed of this task (possibly declared later).
void check_strategy_seeds(const Field& seeds, const std::vector<SeedSpec>& specs) {
  const std::vector<Field> items = seeds.items();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    for (const auto& entry : specs[i].strategies) {
      const std::string& target = entry.second.seed;
      if (target.empty()) continue;
      const bool known = std::any_of(specs.begin(), specs.end(), [&](const SeedSpec& s) { return s.name == target; });
      if (!known || target == specs[i].name) {
        items[i].required("strategies").required(entry.first).required("seed").fail(
            "'" + target + "' is not another seed of this task", "name a different seed family");
      }
    }
  }
}

}  // namespace

std::vector<SeedSpec> read_seeds(const Field& seeds, const Task& task) {
  std::vector<SeedSpec> specs;
  for (const Field& item : seeds.items()) {
    SeedSpec seed = read_seed(item, task);
    reject_redeclared(specs, "seed", seed.name, item.required("name"), "give each seed its own name");
    specs.push_back(std::move(seed));
  }
  check_strategy_seeds(seeds, specs);
  return specs;
}

}  // namespace kevo::fitness::loader

namespace kevo::fitness::loader {

GpuReference read_gpu_reference(const Field& field, const Task& task) {
  field.allow_keys({"file", "language", "portable_to", "launch"});
  GpuReference reference;
  if (const std::optional<Field> language = field.optional("language")) {
    reference.language = read_language(*language);
    if (reference.language == population::Language::cpp) {
      language->fail("a GPU reference cannot be cpp", "use cuda or hip; the CPU reference is `reference`");
    }
  }
  if (const std::optional<Field> portable = field.optional("portable_to"))
    reference.portable_to = read_portable_to(*portable, reference.language);
  reference.source = read_named_file(field.required("file"), task.dir, reference.file);
  reference.launch = read_launch(field.required("launch"), task, SeedSpec{});
  return reference;
}

std::string read_compute(const Field& field) {
  const std::string text = field.text();
  std::string known;
  for (const char* kind : kComputeKinds) {
    if (text == kind) return text;
    known += (known.empty() ? "" : ", ") + std::string(kind);
  }
  field.fail("unknown compute kind '" + printable(text) + "'", "use one of " + known);
}

}  // namespace kevo::fitness::loader
