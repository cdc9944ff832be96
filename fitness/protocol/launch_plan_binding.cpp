#include "fitness/protocol/launch_plan_binding.hpp"

#include <regex>

namespace kevo::fitness::protocol {

namespace {

// Scratch beyond this is a runaway expression, not a real need: a kernel may
// use up to four times its tensors' bytes plus 64 MiB of scratch.
constexpr std::size_t kScratchSlack = std::size_t{64} << 20;
constexpr std::size_t kScratchFactor = 4;

std::string step_context(std::size_t step_index, const std::string& kernel) {
  return "launch step " + std::to_string(step_index) + " (" + kernel + ")";
}

expr::Expression parse_expression(const std::string& text, const std::string& context) {
  try {
    return expr::Expression::parse(text);
  } catch (const expr::ExprError& error) {
    throw PlanError(context + ": '" + text + "': " + error.what());
  }
}

std::int64_t evaluate(const expr::Expression& expression, const expr::Bindings& bindings,
                      const std::string& context) {
  try {
    return expression.evaluate(bindings);
  } catch (const expr::ExprError& error) {
    throw PlanError(context + ": '" + expression.text() + "': " + error.what());
  }
}

ArgRef resolve_arg(const Task& task, const std::vector<ResolvedScratch>& scratch,
                   const std::string& text, const std::string& context) {
  ArgRef arg;
  arg.text = text;
  for (std::size_t t = 0; t < task.tensors.size(); ++t) {
    if (task.tensors[t].name != text) continue;
    arg.kind = task.tensors[t].role == TensorRole::input ? ArgKind::input : ArgKind::output;
    arg.buffer = t;
    arg.dtype = task.tensors[t].dtype;
    return arg;
  }
  for (std::size_t s = 0; s < scratch.size(); ++s) {
    if (scratch[s].name != text) continue;
    arg.kind = ArgKind::scratch;
    arg.buffer = task.tensors.size() + s;
    return arg;
  }
  arg.kind = ArgKind::integer;
  arg.expression = parse_expression(text, context);
  return arg;
}

// The kernel name is pasted into generated code, so it must be a plain
// (possibly ::-qualified) identifier and nothing else.
bool is_qualified_identifier(const std::string& name) {
  const std::regex pattern("(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*");
  return std::regex_match(name, pattern);
}

ResolvedShape resolve_shape(const population::LaunchStep& step, const std::string& context) {
  ResolvedShape shape;
  for (std::size_t d = 0; d < 3; ++d) {
    shape.grid[d] = parse_expression(step.grid[d], context + " grid[" + std::to_string(d) + "]");
    shape.block[d] = parse_expression(step.block[d], context + " block[" + std::to_string(d) + "]");
  }
  shape.shared_bytes = parse_expression(step.shared_bytes, context + " shared_bytes");
  return shape;
}

// Launch dimensions must be positive: a zero grid would "pass" by doing nothing.
BoundShape bind_shape(const ResolvedShape& shape, const expr::Bindings& bindings,
                      const std::string& context) {
  BoundShape bound;
  for (std::size_t d = 0; d < 3; ++d) {
    const std::string axis = "[" + std::to_string(d) + "]";
    bound.grid[d] = evaluate(shape.grid[d], bindings, context + " grid" + axis);
    bound.block[d] = evaluate(shape.block[d], bindings, context + " block" + axis);
    if (bound.grid[d] < 1 || bound.block[d] < 1) {
      throw PlanError(context + ": grid" + axis + " = " + std::to_string(bound.grid[d]) +
                      ", block" + axis + " = " + std::to_string(bound.block[d]) +
                      "; launch dimensions must be at least 1");
    }
  }
  bound.shared_bytes = evaluate(shape.shared_bytes, bindings, context + " shared_bytes");
  if (bound.shared_bytes < 0) {
    throw PlanError(context + ": shared_bytes = " + std::to_string(bound.shared_bytes) + " is negative");
  }
  return bound;
}

ResolvedStep resolve_step(const Task& task, const std::vector<ResolvedScratch>& scratch,
                          const std::string& kernel, const std::vector<std::string>& args,
                          std::size_t step_index) {
  if (!is_qualified_identifier(kernel)) {
    throw PlanError(step_context(step_index, kernel) + ": kernel name '" + kernel +
                    "' is not a C++ identifier");
  }
  ResolvedStep step{kernel, {}};
  for (std::size_t a = 0; a < args.size(); ++a) {
    const std::string context = step_context(step_index, kernel) + " arg " + std::to_string(a);
    step.args.push_back(resolve_arg(task, scratch, args[a], context));
  }
  return step;
}

std::size_t tensor_bytes(const std::vector<BufferSpec>& buffers) {
  std::size_t total = 0;
  for (const BufferSpec& buffer : buffers) total += buffer.bytes;
  return total;
}

BufferSpec tensor_buffer(const Task& task, const TensorSpec& tensor, const SizePoint& size) {
  BufferSpec buffer;
  buffer.name = tensor.name;
  buffer.role = tensor.role == TensorRole::input ? ArgKind::input : ArgKind::output;
  buffer.dtype = tensor.dtype;
  buffer.elements = task.element_count(tensor, size);
  if (buffer.elements < 0) {
    throw std::runtime_error("task '" + task.name + "': tensor " + tensor.name +
                             " has a negative element count at size " + size.label());
  }
  buffer.bytes = static_cast<std::size_t>(buffer.elements) * dtype_size(tensor.dtype);
  return buffer;
}

BufferSpec scratch_buffer(const ResolvedScratch& scratch, const expr::Bindings& bindings,
                          std::size_t limit) {
  const std::string context = "scratch buffer " + scratch.name;
  const std::int64_t bytes = evaluate(scratch.bytes, bindings, context);
  if (bytes < 0 || static_cast<std::size_t>(bytes) > limit) {
    throw PlanError(context + ": " + std::to_string(bytes) + " bytes is outside [0, " +
                    std::to_string(limit) + "]");
  }
  BufferSpec buffer;
  buffer.name = scratch.name;
  buffer.role = ArgKind::scratch;
  buffer.bytes = static_cast<std::size_t>(bytes);
  return buffer;
}

}  // namespace

ResolvedPlan resolve_plan(const Task& task, const population::LaunchPlan& plan) {
  ResolvedPlan resolved;
  for (const population::ScratchBuffer& scratch : plan.scratch) {
    resolved.scratch.push_back(
        {scratch.name, parse_expression(scratch.bytes, "scratch buffer " + scratch.name)});
  }
  if (plan.steps.empty()) throw PlanError("the launch plan has no steps");
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const population::LaunchStep& step = plan.steps[i];
    resolved.steps.push_back(resolve_step(task, resolved.scratch, step.kernel, step.args, i));
    resolved.steps.back().shape = resolve_shape(step, step_context(i, step.kernel));
  }
  return resolved;
}

ResolvedPlan resolve_reference(const Task& task) {
  ResolvedPlan resolved;
  resolved.steps.push_back(resolve_step(task, {}, task.reference_function, task.interface, 0));
  resolved.steps.back().shape = resolve_shape(population::LaunchStep{}, "reference");
  return resolved;
}

expr::Bindings plan_bindings(const SizePoint& size, const population::KnobValues& knobs) {
  expr::Bindings bindings(knobs.begin(), knobs.end());
  for (const auto& [name, value] : size.values) bindings[name] = value;
  return bindings;
}

std::vector<BoundStep> bind_steps(const ResolvedPlan& plan, const expr::Bindings& bindings) {
  std::vector<BoundStep> steps;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const ResolvedStep& step = plan.steps[i];
    BoundStep bound{step.kernel, {}, bind_shape(step.shape, bindings, step_context(i, step.kernel))};
    for (std::size_t a = 0; a < step.args.size(); ++a) {
      const ArgRef& arg = step.args[a];
      if (arg.kind != ArgKind::integer) {
        bound.args.push_back({true, arg.buffer, 0});
        continue;
      }
      const std::string context = step_context(i, step.kernel) + " arg " + std::to_string(a);
      bound.args.push_back({false, 0, evaluate(arg.expression, bindings, context)});
    }
    steps.push_back(std::move(bound));
  }
  return steps;
}

BoundLaunch bind_launch(const Task& task, const ResolvedPlan& plan, const SizePoint& size,
                        const population::KnobValues& knobs) {
  const expr::Bindings bindings = plan_bindings(size, knobs);
  BoundLaunch launch;
  for (const TensorSpec& tensor : task.tensors) {
    launch.buffers.push_back(tensor_buffer(task, tensor, size));
  }
  const std::size_t scratch_limit = kScratchFactor * tensor_bytes(launch.buffers) + kScratchSlack;
  for (const ResolvedScratch& scratch : plan.scratch) {
    launch.buffers.push_back(scratch_buffer(scratch, bindings, scratch_limit));
  }
  launch.steps = bind_steps(plan, bindings);
  return launch;
}

}  // namespace kevo::fitness::protocol
