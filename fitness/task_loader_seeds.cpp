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

SeedSpec read_seed(const Field& field, const Task& task) {
  field.allow_keys({"name", "file", "language", "knobs", "constraints", "launch"});
  SeedSpec seed;
  seed.name = read_seed_name(field.required("name"));
  seed.source = read_named_file(field.required("file"), task.dir, seed.file);
  if (const std::optional<Field> language = field.optional("language")) seed.language = read_language(*language);
  if (const std::optional<Field> knobs = field.optional("knobs")) seed.knobs = read_knobs(*knobs, task);
  if (const std::optional<Field> constraints = field.optional("constraints")) {
    seed.constraints = read_constraints(*constraints, seed);
  }
  seed.launch = read_launch(field.required("launch"), task, seed);
  return seed;
}

}  // namespace

std::vector<SeedSpec> read_seeds(const Field& seeds, const Task& task) {
  std::vector<SeedSpec> specs;
  for (const Field& item : seeds.items()) {
    SeedSpec seed = read_seed(item, task);
    reject_redeclared(specs, "seed", seed.name, item.required("name"), "give each seed its own name");
    specs.push_back(std::move(seed));
  }
  if (specs.empty()) seeds.fail("no seeds", "add at least one seed kernel");
  return specs;
}

}  // namespace kevo::fitness::loader

namespace kevo::fitness::loader {

GpuReference read_gpu_reference(const Field& field, const Task& task) {
  field.allow_keys({"file", "language", "launch"});
  GpuReference reference;
  if (const std::optional<Field> language = field.optional("language")) {
    reference.language = read_language(*language);
    if (reference.language == population::Language::cpp) {
      language->fail("a GPU reference cannot be cpp", "use cuda or hip; the CPU reference is `reference`");
    }
  }
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
