// The HIP back end's side of GpuEvaluator (fitness/gpu/gpu_platform.hpp):
// the gfx target and ceilings from the device's hardware profile, hiprtc
// (in kevo-hiprtc), HIP seeds and the CUDA seeds that say
// `portable_to: [hip]`, compiled through the HIP prelude. No counters yet.
#include <algorithm>
#include <memory>

#include "fitness/gpu/gpu_platform.hpp"
#include "fitness/hardware/hardware_profile.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "fitness/hip/hip_device.hpp"
#include "fitness/hip/hiprtc_compiler.hpp"
#include "fitness/protocol/source_policy.hpp"

namespace kevo::fitness::hip {

namespace {

using population::Language;

bool portable_to_hip(const std::vector<Language>& languages) {
  return std::find(languages.begin(), languages.end(), Language::hip) != languages.end();
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

class HipPlatform final : public gpu::GpuPlatform {
 public:
  HipPlatform(const Context& context, const EvaluationProtocol& protocol, HipDeviceFacts facts)
      : facts_(std::move(facts)),
        profile_(device_profile(context, facts_)),
        hiprtc_(context, profile_.arch, protocol.compile_timeout_seconds) {}

  std::string device_id() const override { return facts_.id(); }
  std::string lock_key() const override { return "hip-" + facts_.pci_address; }
  std::size_t l2_bytes() const override { return static_cast<std::size_t>(facts_.l2_bytes); }
  std::string target() const override { return profile_.arch; }

  bool runs(Language language) const override { return language == Language::hip || language == Language::cuda; }
  bool runs_seed(const SeedSpec& seed) const override {
    return seed.language == Language::hip || (seed.language == Language::cuda && portable_to_hip(seed.portable_to));
  }
  std::optional<trial::ScreenRules> screen_rules(const Task& task, const population::Variant& variant,
                                                 population::Evaluation& evaluation) const override {
    if (const SeedSpec* seed = task.find_seed(variant.seed_name); seed != nullptr && !runs_seed(*seed)) {
      evaluation.status = population::EvalStatus::rejected;
      evaluation.error = "seed family '" + variant.seed_name + "' is not portable to HIP (its seed says no portable_to: [hip])";
      return std::nullopt;
    }
    return trial::ScreenRules{"hip", variant.language, protocol::check_cuda_source_policy};
  }
  bool builds(const GpuReference& reference) const override { return portable_to_hip(reference.portable_to); }

  std::vector<compile::KernelCompileResult> compile_all(const std::vector<compile::KernelCompileJob>& jobs) const override {
    return hiprtc_.compile_all(jobs);
  }

  std::optional<hardware::Ceilings> ceilings(const Task& task) const override {
    return hardware::ceilings(profile_, hardware::task_precision(task));
  }
  bool reads_counters() const override { return false; }
  pytorch::TorchDevice torch_device() const override { return {}; }

 private:
  HipDeviceFacts facts_;
  hardware::HardwareProfile profile_;  // its arch is the hiprtc target
  HiprtcCompiler hiprtc_;
};

}  // namespace

}  // namespace kevo::fitness::hip

namespace kevo::fitness::gpu {

std::unique_ptr<GpuPlatform> make_hip_platform(const Context& context, const EvaluationProtocol& protocol,
                                               const std::string& device_json) {
  return std::make_unique<hip::HipPlatform>(context, protocol, hip::hip_device_facts_from_json(device_json));
}

}  // namespace kevo::fitness::gpu
