#include "fitness/hip/hip_runtime.hpp"

#include "fitness/hip/hip_launch.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::hip {

namespace {

void* device_address(gpu::DevicePointer pointer) { return reinterpret_cast<void*>(pointer); }

class HipKernelLaunch final : public gpu::KernelLaunch {
 public:
  HipKernelLaunch(const HipDevice& device, HipLaunch launch) : device_(device), launch_(std::move(launch)) {}
  void launch() override { launch_.launch(device_.api(), device_.stream()); }
  const population::KernelResources& resources() const override { return launch_.resources(); }

 private:
  const HipDevice& device_;
  HipLaunch launch_;
};

// Start/stop events for every run, recorded without synchronising.
class HipEvents final : public gpu::TimingEvents {
 public:
  HipEvents(const HipDevice& device, std::size_t pairs) : device_(device) {
    for (std::size_t i = 0; i < 2 * pairs; ++i) {
      hipEvent event = nullptr;
      api().check(api().hipEventCreate(&event), "create a timing event");
      events_.push_back(event);
    }
  }
  ~HipEvents() override {
    for (hipEvent event : events_) api().hipEventDestroy(event);
  }
  HipEvents(const HipEvents&) = delete;
  HipEvents& operator=(const HipEvents&) = delete;
  void record_start(std::size_t pair) override { record(events_.at(2 * pair)); }
  void record_stop(std::size_t pair) override { record(events_.at(2 * pair + 1)); }
  double seconds(std::size_t pair) const override {
    float milliseconds = 0;
    api().check(api().hipEventElapsedTime(&milliseconds, events_.at(2 * pair), events_.at(2 * pair + 1)),
                "read a timing event");
    return milliseconds * 1e-3;
  }

 private:
  const HipRuntimeApi& api() const { return device_.api(); }
  void record(hipEvent event) { api().check(api().hipEventRecord(event, device_.stream()), "record a timing event"); }

  const HipDevice& device_;
  std::vector<hipEvent> events_;
};

}  // namespace

gpu::DevicePointer HipRuntime::allocate(std::size_t bytes, const std::string& what) {
  void* pointer = nullptr;
  device_.api().check(device_.api().hipMalloc(&pointer, bytes), "allocate " + std::to_string(bytes) + " bytes for " + what);
  return reinterpret_cast<gpu::DevicePointer>(pointer);
}

void HipRuntime::release(gpu::DevicePointer pointer) noexcept { device_.api().hipFree(device_address(pointer)); }

std::size_t HipRuntime::free_bytes() {
  std::size_t free = 0, total = 0;
  device_.api().check(device_.api().hipMemGetInfo(&free, &total), "read the free device memory");
  return free;
}

void HipRuntime::upload(gpu::DevicePointer to, const void* from, std::size_t bytes) {
  const HipRuntimeApi& api = device_.api();
  api.check(api.hipMemcpyHtoD(device_address(to), const_cast<void*>(from), bytes), "copy to the device");
  api.check(api.hipDeviceSynchronize(), "copy to the device");
}

void HipRuntime::download(void* to, gpu::DevicePointer from, std::size_t bytes) {
  synchronize("the work before a copy back");
  device_.api().check(device_.api().hipMemcpyDtoH(to, device_address(from), bytes), "copy back from the device");
}

void HipRuntime::copy(gpu::DevicePointer to, gpu::DevicePointer from, std::size_t bytes) {
  device_.api().check(device_.api().hipMemcpyDtoDAsync(device_address(to), device_address(from), bytes, device_.stream()),
                      "copy on the device");
}

void HipRuntime::fill(gpu::DevicePointer to, unsigned char value, std::size_t bytes) {
  device_.api().check(device_.api().hipMemsetD8Async(device_address(to), value, bytes, device_.stream()),
                      "fill device memory");
}

void HipRuntime::synchronize(const std::string& what) {
  device_.api().check(device_.api().hipStreamSynchronize(device_.stream()), what);
}

gpu::ModuleHandle HipRuntime::load_module(const std::string& path) {
  const std::string image = worker::read_module_image(path);
  hipModule loaded = nullptr;
  device_.api().check(device_.api().hipModuleLoadData(&loaded, image.data()), "load code object " + path);
  return loaded;
}

void HipRuntime::unload_module(gpu::ModuleHandle module) noexcept {
  for (auto it = functions_.begin(); it != functions_.end();) {
    it = it->first.first == module ? functions_.erase(it) : std::next(it);
  }
  device_.api().hipModuleUnload(static_cast<hipModule>(module));
}

std::unique_ptr<gpu::KernelLaunch> HipRuntime::prepare(gpu::ModuleHandle module, const worker::WorkerEntry& entry,
                                                       const std::vector<gpu::DevicePointer>& buffers) {
  return std::make_unique<HipKernelLaunch>(device_, HipLaunch(device_, static_cast<hipModule>(module), entry, buffers));
}

hipFunction HipRuntime::function(gpu::ModuleHandle module, const std::string& name) {
  const auto key = std::make_pair(module, name);
  if (const auto found = functions_.find(key); found != functions_.end()) return found->second;
  hipFunction function = nullptr;
  device_.api().check(device_.api().hipModuleGetFunction(&function, static_cast<hipModule>(module), name.c_str()),
                      "find kernel " + name);
  functions_[key] = function;
  return function;
}

void HipRuntime::launch_kernel(gpu::ModuleHandle module, const std::string& name, unsigned blocks, unsigned threads,
                               void** parameters) {
  device_.api().check(device_.api().hipModuleLaunchKernel(function(module, name), blocks, 1, 1, threads, 1, 1, 0,
                                                          device_.stream(), parameters, nullptr),
                      "launch " + name);
}

std::unique_ptr<gpu::TimingEvents> HipRuntime::timing_events(std::size_t pairs) {
  return std::make_unique<HipEvents>(device_, pairs);
}

}  // namespace kevo::fitness::hip
