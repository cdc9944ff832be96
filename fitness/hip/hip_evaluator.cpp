#include "fitness/hip/hip_evaluator.hpp"

#include <algorithm>
#include <stdexcept>

#include "fitness/cpu/cpu_reference.hpp"
#include "fitness/trial/task_reference.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/trial/batch_evaluation.hpp"
#include "fitness/trial/variant_screen.hpp"

namespace kevo::fitness::hip {

namespace {

using population::EvalStatus;
using population::Evaluation;
using population::Language;

constexpr double kDeviceOpenSeconds = 120;

HipDeviceFacts open_device(worker::WorkerClient& worker, int ordinal) {
  try {
    return hip_device_facts_from_json(worker.describe_device(kDeviceOpenSeconds));
  } catch (const std::exception& error) {
    const std::string text = error.what();
    // The worker names hip:N itself when it could open the runtime.
    throw std::runtime_error(text.rfind("hip:", 0) == 0 ? text : "device hip:" + std::to_string(ordinal) + ": " + text);
  }
}

// The device's hardware profile: its arch is the hiprtc target.
hardware::HardwareProfile device_profile(const Context& context, const HipDeviceFacts& facts) {
  const std::string where = facts.id() + " (" + facts.name + ")";
  if (context.profiles_dir.empty()) {
    throw std::runtime_error(where + ": no hardware_profiles folder, so its gfx target is unknown");
  }
  try {
    return hardware::ProfileCatalog::load(context.profiles_dir).match(facts.name, hardware::Vendor::amd);
  } catch (const hardware::ProfileError& error) {
    throw std::runtime_error(where + ": " + error.what() +
                             "; add a profile whose `match` names this GPU and whose `arch` is its gfx target");
  }
}

bool portable_to_hip(const std::vector<Language>& languages) {
  return std::find(languages.begin(), languages.end(), Language::hip) != languages.end();
}

}  // namespace

HipEvaluator::HipEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol, int ordinal)
    : context_(context),
      task_(task),
      protocol_(protocol),
      gpu_worker_(context_.worker_executable.empty() ? locate_worker_executable() : context_.worker_executable,
                  context_.log, {"--hip", std::to_string(ordinal)}),
      facts_(open_device(gpu_worker_, ordinal)),
      profile_(device_profile(context_, facts_)),
      arch_(profile_.arch),
      ceilings_(hardware::ceilings(profile_, hardware::task_precision(task_))),
      hiprtc_(context_, arch_, protocol_.compile_timeout_seconds),
      cpu_compiler_(context_, protocol_.compile_timeout_seconds),
      cpu_worker_(context_.worker_executable.empty() ? locate_worker_executable() : context_.worker_executable,
                  context_.log),
      cpu_reference_(trial::make_task_reference(context_, task_, cpu_compiler_, cpu_worker_,
                                                cpu::reference_timeout(protocol_))),
      setup_{task_,
             protocol_,
             context_.scratch_dir,
             protocol_.flush_cache ? 2 * static_cast<std::size_t>(facts_.l2_bytes) : 0,
             gpu_worker_,
             reference_source(),
             protocol::InputGenerator(protocol_.seed)} {}

bool HipEvaluator::runs(Language language) const { return language == Language::hip || language == Language::cuda; }

bool HipEvaluator::runs_seed(const SeedSpec& seed) const {
  return seed.language == Language::hip || (seed.language == Language::cuda && portable_to_hip(seed.portable_to));
}

std::optional<trial::TrustedKernel> HipEvaluator::compile_gpu_reference() const {
  if (!task_.gpu_reference || !portable_to_hip(task_.gpu_reference->portable_to)) return std::nullopt;
  const GpuReference& reference = *task_.gpu_reference;
  const std::string where = reference.file.string() + ": the GPU reference of task '" + task_.name + "' (as HIP)";
  protocol::ResolvedPlan plan;
  try {
    plan = protocol::resolve_plan(task_, reference.launch);
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error(where + " cannot be launched: " + error.what());
  }
  const HipCompileResult result =
      hiprtc_.compile({"GPU reference of " + task_.name, reference.source, {}, compile::kernel_names(reference.launch)});
  if (!result.ok) throw std::runtime_error(where + " does not compile for " + arch_ + ":\n" + result.log);
  return trial::TrustedKernel{reference.file, plan, {result.object.string(), result.symbols}};
}

// Called while constructing setup_, after hiprtc_ and cpu_reference_ exist.
trial::ReferenceSource& HipEvaluator::reference_source() {
  // A PyTorch reference runs on the GPU already: it serves every size.
  if (task_.reference_kind == ReferenceKind::pytorch) return *cpu_reference_;
  std::optional<trial::TrustedKernel> gpu = compile_gpu_reference();
  if (!gpu) return *cpu_reference_;
  gpu_reference_.emplace(task_, std::move(*gpu), gpu_worker_, cpu::reference_timeout(protocol_));
  split_reference_ = std::make_unique<trial::BenchSizeSplit>(task_.bench, *cpu_reference_, *gpu_reference_);
  return *split_reference_;
}

std::optional<HipEvaluator::Screened> HipEvaluator::screen(const population::Variant& variant, std::size_t index,
                                                           Evaluation& evaluation) const {
  if (const SeedSpec* seed = task_.find_seed(variant.seed_name); seed != nullptr && !runs_seed(*seed)) {
    evaluation.status = EvalStatus::rejected;
    evaluation.error = "seed family '" + variant.seed_name + "' is not portable to HIP (its seed says no portable_to: [hip])";
    return std::nullopt;
  }
  const trial::ScreenRules rules{"hip", variant.language, protocol::check_cuda_source_policy};
  return trial::screen_gpu_variant(task_, variant, rules, index, evaluation);
}

std::vector<Evaluation> HipEvaluator::evaluate(const std::vector<population::Variant>& variants) {
  if (variants.empty()) return {};
  return trial::evaluate_batch(
      variants, device_id(),
      [&](const population::Variant& variant, std::size_t index, Evaluation& evaluation) {
        return screen(variant, index, evaluation);
      },
      [&](const auto& jobs) { return hiprtc_.compile_all(jobs); },
      [&](Screened& screened, const HipCompileResult& compiled, Evaluation& evaluation) {
        trial::run_compiled_gpu_variant(setup_, screened, compiled, ceilings_, evaluation);
      });
}

}  // namespace kevo::fitness::hip

namespace kevo::fitness {

std::unique_ptr<Evaluator> make_hip_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol, int ordinal) {
  return std::make_unique<hip::HipEvaluator>(context, task, protocol, ordinal);
}

}  // namespace kevo::fitness
