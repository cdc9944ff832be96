#include "fitness/gpu/gpu_evaluator.hpp"

#include <stdexcept>

#include "fitness/cpu/cpu_reference.hpp"
#include "fitness/gpu/protocol_kernels.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/pytorch/pytorch_reference.hpp"
#include "fitness/trial/batch_evaluation.hpp"
#include "fitness/trial/counter_trial.hpp"
#include "fitness/trial/task_reference.hpp"
#include "fitness/trial/variant_screen.hpp"

namespace kevo::fitness::gpu {

namespace {

using population::EvalStatus;
using population::Evaluation;

// Opening a device and creating its context can take seconds on a busy node.
constexpr double kDeviceOpenSeconds = 120;
// Device memory a worker may keep timed runs' outputs in (it also stays
// within half of what is free).
constexpr std::size_t kStashBytes = std::size_t{16} << 30;

std::string backend_name(Backend backend) { return backend == Backend::cuda ? "cuda" : "hip"; }

std::filesystem::path worker_path(const Context& context) {
  return context.worker_executable.empty() ? locate_worker_executable() : context.worker_executable;
}

std::unique_ptr<GpuPlatform> open_platform(const Context& context, const EvaluationProtocol& protocol,
                                           worker::WorkerClient& worker, Backend backend, int ordinal) {
  const std::string device = backend_name(backend) + ":" + std::to_string(ordinal);
  std::string facts;
  try {
    facts = worker.describe_device(kDeviceOpenSeconds);
  } catch (const std::exception& error) {
    const std::string text = error.what();
    // The worker names the device itself when it could open the runtime.
    throw std::runtime_error(text.rfind(device, 0) == 0 ? text : "device " + device + ": " + text);
  }
  return backend == Backend::cuda ? make_cuda_platform(context, protocol, facts)
                                  : make_hip_platform(context, protocol, facts);
}

}  // namespace

GpuEvaluator::GpuEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol,
                           Backend backend, int ordinal)
    : context_(context),
      task_(task),
      protocol_(protocol),
      gpu_worker_(worker_path(context_), context_.log, {"--" + backend_name(backend), std::to_string(ordinal)}),
      platform_(open_platform(context_, protocol_, gpu_worker_, backend, ordinal)),
      ceilings_(platform_->ceilings(task_)),
      cpu_compiler_(context_, protocol_.compile_timeout_seconds),
      cpu_worker_(worker_path(context_), context_.log),
      reference_(trial::make_task_reference(context_, task_, cpu_compiler_, cpu_worker_,
                                            cpu::reference_timeout(protocol_), platform_->torch_device())),
      gpu_reference_(compile_gpu_reference()),
      protocol_module_(compile_protocol_kernels()),
      setup_{task_,
             protocol_,
             context_.scratch_dir,
             protocol_.flush_cache ? 2 * platform_->l2_bytes() : 0,
             gpu_worker_,
             *reference_,
             protocol::InputGenerator(protocol_.seed),
             gpu_reference_,
             kStashBytes,
             protocol_module_} {}

compile::KernelCompileResult GpuEvaluator::compile_one(const compile::KernelCompileJob& job) const {
  return platform_->compile_all({job}).front();
}

std::optional<trial::TrustedKernel> GpuEvaluator::compile_gpu_reference() const {
  // A PyTorch reference serves every size; so does the C++ one where the device cannot build the GPU reference.
  if (task_.reference_kind == ReferenceKind::pytorch || !task_.gpu_reference) return std::nullopt;
  const GpuReference& reference = *task_.gpu_reference;
  if (!platform_->builds(reference)) return std::nullopt;
  const std::string where = reference.file.string() + ": the GPU reference of task '" + task_.name + "'";
  protocol::ResolvedPlan plan;
  try {
    plan = protocol::resolve_plan(task_, reference.launch);
    protocol::bind_steps(plan, protocol::plan_bindings(task_.bench, {}));
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error(where + " cannot be launched: " + error.what());
  }
  if (!plan.scratch.empty()) {
    // The reference runs in the candidate's session, whose scratch buffers hold what the candidate left there.
    throw std::runtime_error(where + " declares scratch buffers; a reference may use only the task's tensors");
  }
  const compile::KernelCompileResult result =
      compile_one({"GPU reference of " + task_.name, reference.source, {}, compile::kernel_names(reference.launch)});
  if (!result.ok) throw std::runtime_error(where + " does not compile for " + platform_->target() + ":\n" + result.log);
  return trial::TrustedKernel{reference.file, plan, {result.object.string(), result.symbols}};
}

std::string GpuEvaluator::compile_protocol_kernels() const {
  const compile::KernelCompileResult result =
      compile_one({"kevo protocol kernels", protocol_kernels_source(), {}, protocol_kernel_names()});
  if (!result.ok) {
    throw std::runtime_error("kevo's own protocol kernels do not compile for " + platform_->target() + " (a bug in kevo):\n" +
                             result.log);
  }
  return result.object.string();
}

std::optional<GpuEvaluator::Screened> GpuEvaluator::screen(const population::Variant& variant, std::size_t index,
                                                           Evaluation& evaluation) const {
  const std::optional<trial::ScreenRules> rules = platform_->screen_rules(task_, variant, evaluation);
  if (!rules) return std::nullopt;
  return trial::screen_gpu_variant(task_, variant, *rules, index, evaluation);
}

std::vector<Evaluation> GpuEvaluator::evaluate(const std::vector<population::Variant>& variants) {
  if (variants.empty()) return {};
  return trial::evaluate_batch(
      variants, device_id(),
      [&](const population::Variant& variant, std::size_t index, Evaluation& evaluation) {
        return screen(variant, index, evaluation);
      },
      [&](const auto& jobs) { return platform_->compile_all(jobs); },
      [&](Screened& screened, const compile::KernelCompileResult& compiled, Evaluation& evaluation) {
        trial::run_compiled_gpu_variant(setup_, screened, compiled, ceilings_, evaluation);
      });
}

std::optional<pytorch::TorchBaseline> GpuEvaluator::torch_baseline() {
  if (task_.reference_kind != ReferenceKind::pytorch) return std::nullopt;
  return pytorch::time_torch_baseline(task_, setup_, dynamic_cast<pytorch::PytorchReference&>(*reference_));
}

std::string GpuEvaluator::profile(const population::Variant& variant, Evaluation& evaluation) {
  if (!platform_->reads_counters()) return "device " + device_id() + " has no hardware-counter profiler";
  if (!no_counters_.empty()) return no_counters_;
  if (!evaluation.ok()) return "variant " + evaluation.variant_id + " did not pass its checks: nothing to profile";
  Evaluation screening;
  screening.variant_id = evaluation.variant_id;
  std::optional<Screened> screened = screen(variant, 0, screening);
  if (!screened) return "variant " + evaluation.variant_id + ": " + screening.error;
  const compile::KernelCompileResult compiled = compile_one(screened->job);  // a cache hit
  if (!compiled.ok) return "variant " + evaluation.variant_id + " no longer compiles:\n" + compiled.log;
  screened->compiled.module = {compiled.object.string(), compiled.symbols};
  const trial::CounterOutcome outcome = trial::read_counters(setup_, screened->compiled, evaluation);
  if (!outcome.ok) {
    const std::string reason = device_id() + ": " + outcome.message;
    if (outcome.unsupported) no_counters_ = reason;
    return reason;
  }
  evaluation.counters->bound_by_formula = evaluation.bound;
  if (ceilings_) hardware::annotate_roofline(evaluation, task_, *ceilings_);
  return "";
}

}  // namespace kevo::fitness::gpu

namespace kevo::fitness {

std::unique_ptr<Evaluator> make_cuda_evaluator(const Context& context, const Task& task,
                                               const EvaluationProtocol& protocol, int ordinal) {
  return std::make_unique<gpu::GpuEvaluator>(context, task, protocol, gpu::Backend::cuda, ordinal);
}

std::unique_ptr<Evaluator> make_hip_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol, int ordinal) {
  return std::make_unique<gpu::GpuEvaluator>(context, task, protocol, gpu::Backend::hip, ordinal);
}

}  // namespace kevo::fitness
