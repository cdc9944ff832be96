// seeds[i].launch: scratch buffers and kernel steps. Every expression is
// checked at every bench and check size with the seed's knob values, so that a
// plan that cannot even be computed never reaches the evaluator.
#include <algorithm>
#include <limits>
#include <set>

#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

constexpr std::int64_t kNoLowerBound = std::numeric_limits<std::int64_t>::min();

std::vector<std::string> knob_names(const SeedSpec& seed) {
  std::vector<std::string> names;
  for (const KnobSpec& knob : seed.knobs) names.push_back(knob.name);
  return names;
}

class LaunchReader {
 public:
  LaunchReader(const Task& task, const SeedSpec& seed) : task_(task) {
    scope_ = size_scope(task);
    for (const KnobSpec& knob : seed.knobs) scope_.names.insert(knob.name);
    scope_.description += " and knobs (" + join_names(knob_names(seed)) + ")";
    for (const SizePoint& size : all_sizes(task)) {
      SizePoint bound = size;
      for (const KnobSpec& knob : seed.knobs) bound.values[knob.name] = knob.seed_value;
      bindings_.push_back(std::move(bound));
    }
  }

  population::LaunchPlan read(const Field& launch) {
    launch.allow_keys({"scratch", "steps"});
    population::LaunchPlan plan;
    if (const std::optional<Field> scratch = launch.optional("scratch")) {
      for (const Field& buffer : scratch->items()) plan.scratch.push_back(read_scratch(buffer));
    }
    const Field steps = launch.required("steps");
    for (const Field& step : steps.items()) plan.steps.push_back(read_step(step));
    if (plan.steps.empty()) steps.fail("no steps", "add a step: {kernel: <function>, args: [...]}");
    return plan;
  }

 private:
  population::ScratchBuffer read_scratch(const Field& buffer) {
    buffer.allow_keys({"name", "bytes"});
    const Field name_field = buffer.required("name");
    const std::string name = name_field.identifier();
    if (scope_.names.count(name) != 0 || task_.find_tensor(name) != nullptr || is_scratch(name)) {
      name_field.fail("'" + name + "' is already a size parameter, knob, tensor or scratch buffer",
                      "give the scratch buffer its own name");
    }
    scratch_names_.push_back(name);
    return population::ScratchBuffer{name, expression_text(buffer.required("bytes"), 0)};
  }

  population::LaunchStep read_step(const Field& step) {
    step.allow_keys({"kernel", "args", "grid", "block", "shared_bytes"});
    population::LaunchStep result;
    result.kernel = step.required("kernel").identifier();
    for (const Field& arg : step.required("args").items()) result.args.push_back(argument(arg));
    if (const std::optional<Field> grid = step.optional("grid")) result.grid = dimensions(*grid);
    if (const std::optional<Field> block = step.optional("block")) result.block = dimensions(*block);
    if (const std::optional<Field> shared = step.optional("shared_bytes")) result.shared_bytes = expression_text(*shared, 0);
    return result;
  }

  // A tensor or scratch name passes a buffer; anything else is an int64 expression.
  std::string argument(const Field& arg) {
    const std::string text = arg.text();
    if (task_.find_tensor(text) != nullptr || is_scratch(text)) return text;
    NameScope scope = scope_;
    scope.description = "tensors (" + join_names(tensor_names()) + "), scratch buffers (" +
                        join_names(scratch_names_) + "), or expressions over " + scope_.description;
    check_at_sizes(arg, arg.expression(scope), kNoLowerBound);
    return text;
  }

  std::array<std::string, 3> dimensions(const Field& field) {
    const std::vector<Field> items = field.items();
    if (items.empty() || items.size() > 3) {
      field.fail("expected 1 to 3 dimensions, found " + std::to_string(items.size()), "write [x], [x, y] or [x, y, z]");
    }
    std::array<std::string, 3> result{"1", "1", "1"};
    for (std::size_t i = 0; i < items.size(); ++i) result[i] = expression_text(items[i], 1);
    return result;
  }

  std::string expression_text(const Field& field, std::int64_t lowest) {
    check_at_sizes(field, field.expression(scope_), lowest);
    return field.text();
  }

  void check_at_sizes(const Field& field, const expr::Expression& expression, std::int64_t lowest) {
    // Plans repeat expressions (and YAML aliases repeat whole lists): each
    // distinct (text, bound) pair is checked once, so loading stays linear.
    if (!checked_.insert(expression.text() + '\n' + std::to_string(lowest)).second) return;
    for (const SizePoint& bound : bindings_) {
      std::int64_t value = 0;
      try {
        value = expression.evaluate(bound.values);
      } catch (const expr::ExprError& error) {
        field.fail("with " + bound.label() + " (size and seed knobs): " + error.what(),
                   "make the expression valid at every bench and check size");
      }
      if (value < lowest) {
        field.fail("is " + std::to_string(value) + " with " + bound.label() + " (size and seed knobs)",
                   "make it at least " + std::to_string(lowest));
      }
    }
  }

  bool is_scratch(const std::string& name) const {
    return std::find(scratch_names_.begin(), scratch_names_.end(), name) != scratch_names_.end();
  }

  std::vector<std::string> tensor_names() const {
    std::vector<std::string> names;
    for (const TensorSpec& tensor : task_.tensors) names.push_back(tensor.name);
    return names;
  }

  const Task& task_;
  NameScope scope_;                   // size parameters and knobs
  std::vector<SizePoint> bindings_;   // every size, with the seed's knob values
  std::vector<std::string> scratch_names_;
  std::set<std::string> checked_;     // "<expression text>\n<lowest>" already checked
};

}  // namespace

population::LaunchPlan read_launch(const Field& launch, const Task& task, const SeedSpec& seed) {
  return LaunchReader(task, seed).read(launch);
}

}  // namespace kevo::fitness::loader
