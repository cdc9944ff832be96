// The CUDA back end's side of GpuEvaluator (fitness/gpu/gpu_platform.hpp):
// NVRTC for the device's own arch, ceilings from the device's hardware
// profile, CUPTI counters, and PyTorch references on the same GPU under its
// kevo device lock.
#include <memory>

#include "fitness/cuda/cuda_device.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"
#include "fitness/gpu/gpu_platform.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/worker/device_lock.hpp"

namespace kevo::fitness::cuda {

namespace {

class CudaPlatform final : public gpu::GpuPlatform {
 public:
  CudaPlatform(const Context& context, DeviceFacts facts)
      : context_(context), facts_(std::move(facts)), nvrtc_(context_, facts_.arch) {}

  std::string device_id() const override { return facts_.id(); }
  std::string lock_key() const override { return "cuda-" + facts_.pci_address; }
  std::size_t l2_bytes() const override { return static_cast<std::size_t>(facts_.l2_bytes); }
  std::string target() const override { return facts_.arch; }

  bool runs(population::Language language) const override { return language == population::Language::cuda; }
  bool runs_seed(const SeedSpec& seed) const override { return runs(seed.language); }
  std::optional<trial::ScreenRules> screen_rules(const Task&, const population::Variant&,
                                                 population::Evaluation&) const override {
    return trial::ScreenRules{"cuda", population::Language::cuda, protocol::check_cuda_source_policy};
  }
  bool builds(const GpuReference&) const override { return true; }

  std::vector<compile::KernelCompileResult> compile_all(const std::vector<compile::KernelCompileJob>& jobs) const override {
    return nvrtc_.compile_all(jobs);
  }

  std::optional<hardware::Ceilings> ceilings(const Task& task) const override {
    if (context_.profiles_dir.empty()) return std::nullopt;
    const hardware::ProfileCatalog catalog = hardware::ProfileCatalog::load(context_.profiles_dir);
    try {
      return hardware::ceilings(catalog.match(facts_.name, hardware::Vendor::nvidia), hardware::task_precision(task));
    } catch (const hardware::ProfileError& error) {
      context_.log(std::string("no roofline positions on ") + facts_.id() + ": " + error.what());
      return std::nullopt;
    }
  }
  bool reads_counters() const override { return true; }
  pytorch::TorchDevice torch_device() const override {
    return {"cuda:" + std::to_string(facts_.ordinal), worker::device_lock_path(lock_key())};
  }

 private:
  Context context_;
  DeviceFacts facts_;
  NvrtcCompiler nvrtc_;
};

}  // namespace

}  // namespace kevo::fitness::cuda

namespace kevo::fitness::gpu {

std::unique_ptr<GpuPlatform> make_cuda_platform(const Context& context, const EvaluationProtocol&,
                                                const std::string& device_json) {
  return std::make_unique<cuda::CudaPlatform>(context, cuda::device_facts_from_json(device_json));
}

}  // namespace kevo::fitness::gpu
