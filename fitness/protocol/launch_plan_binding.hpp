#pragma once
// Turns a launch plan's argument names into what a kernel receives: each arg
// is a task tensor (input or output), a scratch buffer, or an integer
// expression. Resolution is size independent (it decides the C types of the
// trampoline); binding evaluates sizes and expressions at one problem size.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/expr/expression.hpp"
#include "fitness/task.hpp"
#include "population/launch_plan.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::protocol {

// A plan the evaluator cannot launch (bad expression, unbound name, negative
// or oversized buffer). It is the variant's fault: status `rejected`.
struct PlanError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class ArgKind { input, output, scratch, integer };

struct ArgRef {
  ArgKind kind = ArgKind::integer;
  std::string text;             // as written in the plan
  std::size_t buffer = 0;       // task tensor index, or tensors.size() + scratch index
  DType dtype = DType::f32;     // tensors only
  expr::Expression expression;  // integers only
};

// GPU launch shape; CPU back ends ignore it.
struct ResolvedShape {
  std::array<expr::Expression, 3> grid;
  std::array<expr::Expression, 3> block;
  expr::Expression shared_bytes;
};

struct ResolvedStep {
  std::string kernel;
  std::vector<ArgRef> args;
  ResolvedShape shape;
};

struct ResolvedScratch {
  std::string name;
  expr::Expression bytes;
};

struct ResolvedPlan {
  std::vector<ResolvedStep> steps;
  std::vector<ResolvedScratch> scratch;
};

ResolvedPlan resolve_plan(const Task& task, const population::LaunchPlan& plan);
// The reference as a one-step plan: reference_function(interface...).
ResolvedPlan resolve_reference(const Task& task);

// One buffer at one size. Buffers are the task's tensors in declaration
// order, then the plan's scratch buffers.
struct BufferSpec {
  std::string name;
  ArgKind role = ArgKind::input;  // input, output or scratch
  DType dtype = DType::f32;       // tensors only
  std::int64_t elements = 0;      // tensors only
  std::size_t bytes = 0;
};

struct BoundArg {
  bool is_buffer = false;
  std::size_t buffer = 0;
  std::int64_t value = 0;
};

struct BoundShape {
  std::array<std::int64_t, 3> grid{1, 1, 1};
  std::array<std::int64_t, 3> block{1, 1, 1};
  std::int64_t shared_bytes = 0;
  bool operator==(const BoundShape&) const = default;
};

struct BoundStep {
  std::string kernel;
  std::vector<BoundArg> args;
  BoundShape shape;
};

struct BoundLaunch {
  std::vector<BufferSpec> buffers;
  std::vector<BoundStep> steps;
};

// Sizes and knobs, as the plan's expressions see them.
expr::Bindings plan_bindings(const SizePoint& size, const population::KnobValues& knobs);

// The buffers of `plan` at `size`; throws PlanError naming the step/arg/buffer.
BoundLaunch bind_launch(const Task& task, const ResolvedPlan& plan, const SizePoint& size,
                        const population::KnobValues& knobs);

// Binds only the steps (the reference runs on the candidate's buffers).
std::vector<BoundStep> bind_steps(const ResolvedPlan& plan, const expr::Bindings& bindings);

}  // namespace kevo::fitness::protocol
