#include "fitness/cuda/cuda_evaluator.hpp"

#include <stdexcept>

#include "fitness/cpu/cpu_reference.hpp"
#include "fitness/trial/task_reference.hpp"
#include "fitness/pytorch/pytorch_reference.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/trial/batch_evaluation.hpp"
#include "fitness/trial/counter_trial.hpp"
#include "fitness/trial/variant_screen.hpp"
#include "fitness/worker/device_lock.hpp"

namespace kevo::fitness::cuda {

namespace {

using population::EvalStatus;
using population::Evaluation;

// Opening a device and creating its context can take seconds on a busy node.
constexpr double kDeviceOpenSeconds = 120;

DeviceFacts open_device(worker::WorkerClient& worker, int ordinal) {
  try {
    return device_facts_from_json(worker.describe_device(kDeviceOpenSeconds));
  } catch (const std::exception& error) {
    throw std::runtime_error("device cuda:" + std::to_string(ordinal) + ": " + error.what());
  }
}

std::optional<hardware::Ceilings> device_ceilings(const Context& context, const DeviceFacts& facts,
                                                  const Task& task) {
  if (context.profiles_dir.empty()) return std::nullopt;
  const hardware::ProfileCatalog catalog = hardware::ProfileCatalog::load(context.profiles_dir);
  try {
    return hardware::ceilings(catalog.match(facts.name, hardware::Vendor::nvidia),
                              hardware::task_precision(task));
  } catch (const hardware::ProfileError& error) {
    context.log(std::string("no roofline positions on ") + facts.id() + ": " + error.what());
    return std::nullopt;
  }
}

std::size_t flush_bytes(const EvaluationProtocol& protocol, const DeviceFacts& facts) {
  return protocol.flush_cache ? 2 * static_cast<std::size_t>(facts.l2_bytes) : 0;
}

}  // namespace

CudaEvaluator::CudaEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol,
                             int ordinal)
    : context_(context),
      task_(task),
      protocol_(protocol),
      gpu_worker_(context_.worker_executable.empty() ? locate_worker_executable() : context_.worker_executable,
                  context_.log, {"--cuda", std::to_string(ordinal)}),
      facts_(open_device(gpu_worker_, ordinal)),
      ceilings_(device_ceilings(context_, facts_, task_)),
      nvrtc_(context_, facts_.arch),
      cpu_compiler_(context_, protocol_.compile_timeout_seconds),
      cpu_worker_(context_.worker_executable.empty() ? locate_worker_executable() : context_.worker_executable,
                  context_.log),
      cpu_reference_(trial::make_task_reference(
          context_, task_, cpu_compiler_, cpu_worker_, cpu::reference_timeout(protocol_),
          {"cuda:" + std::to_string(ordinal), worker::device_lock_path("cuda-" + facts_.pci_address)})),
      setup_{task_,
             protocol_,
             context_.scratch_dir,
             flush_bytes(protocol_, facts_),
             gpu_worker_,
             reference_source(),
             protocol::InputGenerator(protocol_.seed)} {}

std::optional<trial::TrustedKernel> CudaEvaluator::compile_gpu_reference() const {
  if (!task_.gpu_reference) return std::nullopt;
  const GpuReference& reference = *task_.gpu_reference;
  const std::string where = reference.file.string() + ": the GPU reference of task '" + task_.name + "'";
  protocol::ResolvedPlan plan;
  try {
    plan = protocol::resolve_plan(task_, reference.launch);
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error(where + " cannot be launched: " + error.what());
  }
  const CudaCompileResult result =
      nvrtc_.compile({"GPU reference of " + task_.name, reference.source, {}, compile::kernel_names(reference.launch)});
  if (!result.ok) throw std::runtime_error(where + " does not compile:\n" + result.log);
  return trial::TrustedKernel{reference.file, plan, {result.object.string(), result.symbols}};
}

// Called while constructing setup_: the GPU reference (if any) is compiled
// here, after nvrtc_ and cpu_reference_ exist.
trial::ReferenceSource& CudaEvaluator::reference_source() {
  // A PyTorch reference runs on the GPU already: it serves every size.
  if (task_.reference_kind == ReferenceKind::pytorch) return *cpu_reference_;
  std::optional<trial::TrustedKernel> gpu = compile_gpu_reference();
  if (!gpu) return *cpu_reference_;
  gpu_reference_.emplace(task_, std::move(*gpu), gpu_worker_, cpu::reference_timeout(protocol_));
  split_reference_ = std::make_unique<trial::BenchSizeSplit>(task_.bench, *cpu_reference_, *gpu_reference_);
  return *split_reference_;
}

std::optional<CudaEvaluator::Screened> CudaEvaluator::screen(const population::Variant& variant,
                                                             std::size_t index, Evaluation& evaluation) const {
  const trial::ScreenRules rules{"cuda", population::Language::cuda, protocol::check_cuda_source_policy};
  return trial::screen_gpu_variant(task_, variant, rules, index, evaluation);
}

std::vector<Evaluation> CudaEvaluator::evaluate(const std::vector<population::Variant>& variants) {
  if (variants.empty()) return {};
  return trial::evaluate_batch(
      variants, device_id(),
      [&](const population::Variant& variant, std::size_t index, Evaluation& evaluation) {
        return screen(variant, index, evaluation);
      },
      [&](const auto& jobs) { return nvrtc_.compile_all(jobs); },
      [&](Screened& screened, const CudaCompileResult& compiled, Evaluation& evaluation) {
        trial::run_compiled_gpu_variant(setup_, screened, compiled, ceilings_, evaluation);
      });
}

std::optional<pytorch::TorchBaseline> CudaEvaluator::torch_baseline() {
  if (task_.reference_kind != ReferenceKind::pytorch) return std::nullopt;
  return pytorch::time_torch_baseline(task_, setup_, dynamic_cast<pytorch::PytorchReference&>(*cpu_reference_));
}

std::string CudaEvaluator::profile(const population::Variant& variant, Evaluation& evaluation) {
  if (!no_counters_.empty()) return no_counters_;
  if (!evaluation.ok()) return "variant " + evaluation.variant_id + " did not pass its checks: nothing to profile";
  Evaluation screening;
  screening.variant_id = evaluation.variant_id;
  std::optional<Screened> screened = screen(variant, 0, screening);
  if (!screened) return "variant " + evaluation.variant_id + ": " + screening.error;
  const CudaCompileResult compiled = nvrtc_.compile_all({screened->job}).front();  // a cache hit
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

}  // namespace kevo::fitness::cuda

namespace kevo::fitness {

std::unique_ptr<Evaluator> make_cuda_evaluator(const Context& context, const Task& task,
                                               const EvaluationProtocol& protocol, int ordinal) {
  return std::make_unique<cuda::CudaEvaluator>(context, task, protocol, ordinal);
}

}  // namespace kevo::fitness
