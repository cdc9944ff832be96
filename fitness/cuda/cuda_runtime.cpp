#include "fitness/cuda/cuda_runtime.hpp"

#include "fitness/cuda/prepared_launch.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::cuda {

namespace {

class CudaLaunch final : public gpu::KernelLaunch {
 public:
  CudaLaunch(const CudaDevice& device, PreparedLaunch launch) : device_(device), launch_(std::move(launch)) {}
  void launch() override { launch_.launch(device_.api(), device_.stream()); }
  const population::KernelResources& resources() const override { return launch_.resources(); }

 private:
  const CudaDevice& device_;
  PreparedLaunch launch_;
};

// Start/stop events for every run, created once per request and recorded
// without synchronising, so the GPU never idles between samples.
class CudaEvents final : public gpu::TimingEvents {
 public:
  CudaEvents(const CudaDevice& device, std::size_t pairs) : device_(device) {
    for (std::size_t i = 0; i < 2 * pairs; ++i) {
      CUevent event = nullptr;
      api().check(api().cuEventCreate(&event, 0), "create a timing event");
      events_.push_back(event);
    }
  }
  ~CudaEvents() override {
    for (CUevent event : events_) api().cuEventDestroy(event);
  }
  CudaEvents(const CudaEvents&) = delete;
  CudaEvents& operator=(const CudaEvents&) = delete;
  void record_start(std::size_t pair) override { record(events_.at(2 * pair)); }
  void record_stop(std::size_t pair) override { record(events_.at(2 * pair + 1)); }
  double seconds(std::size_t pair) const override {
    float milliseconds = 0;
    api().check(api().cuEventElapsedTime(&milliseconds, events_.at(2 * pair), events_.at(2 * pair + 1)),
                "read a timing event");
    return milliseconds * 1e-3;
  }

 private:
  const DriverApi& api() const { return device_.api(); }
  void record(CUevent event) { api().check(api().cuEventRecord(event, device_.stream()), "record a timing event"); }

  const CudaDevice& device_;
  std::vector<CUevent> events_;
};

// A multi-step plan captured into a CUDA graph and replayed as one launch.
class CapturedPlan final : public gpu::PlanReplay {
 public:
  CapturedPlan(const CudaDevice& device, std::vector<std::unique_ptr<gpu::KernelLaunch>>& launches)
      : device_(device) {
    const DriverApi& api = device.api();
    if (api.cuStreamBeginCapture(device.stream(), stream_capture_mode_thread_local) != result::success) return;
    bool launched = true;
    try {
      for (auto& launch : launches) launch->launch();
    } catch (const std::exception&) {
      launched = false;
    }
    if (api.cuStreamEndCapture(device.stream(), &graph_) != result::success || !launched) return;
    if (api.cuGraphInstantiateWithFlags(&exec_, graph_, 0) != result::success) exec_ = nullptr;
  }
  ~CapturedPlan() override {
    if (exec_ != nullptr) device_.api().cuGraphExecDestroy(exec_);
    if (graph_ != nullptr) device_.api().cuGraphDestroy(graph_);
  }
  CapturedPlan(const CapturedPlan&) = delete;
  CapturedPlan& operator=(const CapturedPlan&) = delete;
  bool ready() const { return exec_ != nullptr; }
  void launch() override {
    device_.api().check(device_.api().cuGraphLaunch(exec_, device_.stream()), "launch the captured plan");
  }

 private:
  const CudaDevice& device_;
  CUgraph graph_ = nullptr;
  CUgraphExec exec_ = nullptr;
};

}  // namespace

CudaRuntime::CudaRuntime(int ordinal) : ordinal_(ordinal), device_(ordinal) {}

gpu::DevicePointer CudaRuntime::allocate(std::size_t bytes, const std::string& what) {
  CUdeviceptr pointer = 0;
  device_.api().check(device_.api().cuMemAlloc(&pointer, bytes),
                      "allocate " + std::to_string(bytes) + " bytes for " + what);
  return pointer;
}

void CudaRuntime::release(gpu::DevicePointer pointer) noexcept { device_.api().cuMemFree(pointer); }

std::size_t CudaRuntime::free_bytes() {
  std::size_t free = 0, total = 0;
  device_.api().check(device_.api().cuMemGetInfo(&free, &total), "read the free device memory");
  return free;
}

void CudaRuntime::upload(gpu::DevicePointer to, const void* from, std::size_t bytes) {
  const DriverApi& api = device_.api();
  api.check(api.cuMemcpyHtoD(to, from, bytes), "copy to the device");
  // A copy from pageable memory may return before its DMA has finished.
  api.check(api.cuCtxSynchronize(), "copy to the device");
}

void CudaRuntime::download(void* to, gpu::DevicePointer from, std::size_t bytes) {
  synchronize("the work before a copy back");
  device_.api().check(device_.api().cuMemcpyDtoH(to, from, bytes), "copy back from the device");
}

void CudaRuntime::copy(gpu::DevicePointer to, gpu::DevicePointer from, std::size_t bytes) {
  device_.api().check(device_.api().cuMemcpyDtoDAsync(to, from, bytes, device_.stream()), "copy on the device");
}

void CudaRuntime::fill(gpu::DevicePointer to, unsigned char value, std::size_t bytes) {
  device_.api().check(device_.api().cuMemsetD8Async(to, value, bytes, device_.stream()), "fill device memory");
}

void CudaRuntime::synchronize(const std::string& what) {
  device_.api().check(device_.api().cuStreamSynchronize(device_.stream()), what);
}

gpu::ModuleHandle CudaRuntime::load_module(const std::string& path) {
  const std::string image = worker::read_module_image(path);
  CUmodule loaded = nullptr;
  device_.api().check(device_.api().cuModuleLoadData(&loaded, image.data()), "load module " + path);
  return loaded;
}

void CudaRuntime::unload_module(gpu::ModuleHandle module) noexcept {
  for (auto it = functions_.begin(); it != functions_.end();) {
    it = it->first.first == module ? functions_.erase(it) : std::next(it);
  }
  device_.api().cuModuleUnload(static_cast<CUmodule>(module));
}

std::unique_ptr<gpu::KernelLaunch> CudaRuntime::prepare(gpu::ModuleHandle module, const worker::WorkerEntry& entry,
                                                        const std::vector<gpu::DevicePointer>& buffers) {
  return std::make_unique<CudaLaunch>(device_, PreparedLaunch(device_, static_cast<CUmodule>(module), entry, buffers));
}

CUfunction CudaRuntime::function(gpu::ModuleHandle module, const std::string& name) {
  const auto key = std::make_pair(module, name);
  if (const auto found = functions_.find(key); found != functions_.end()) return found->second;
  CUfunction function = nullptr;
  device_.api().check(device_.api().cuModuleGetFunction(&function, static_cast<CUmodule>(module), name.c_str()),
                      "find kernel " + name);
  functions_[key] = function;
  return function;
}

void CudaRuntime::launch_kernel(gpu::ModuleHandle module, const std::string& name, unsigned blocks, unsigned threads,
                                void** parameters) {
  device_.api().check(device_.api().cuLaunchKernel(function(module, name), blocks, 1, 1, threads, 1, 1, 0,
                                                   device_.stream(), parameters, nullptr),
                      "launch " + name);
}

std::unique_ptr<gpu::TimingEvents> CudaRuntime::timing_events(std::size_t pairs) {
  return std::make_unique<CudaEvents>(device_, pairs);
}

std::unique_ptr<gpu::PlanReplay> CudaRuntime::record_plan(std::vector<std::unique_ptr<gpu::KernelLaunch>>& launches) {
  if (launches.size() < 2) return nullptr;
  auto plan = std::make_unique<CapturedPlan>(device_, launches);
  if (!plan->ready()) return nullptr;
  return plan;
}

population::CounterProfile CudaRuntime::read_counters(const std::vector<std::string>& metrics,
                                                      const std::function<void()>& run_plan,
                                                      const std::vector<std::string>& kernels) {
  if (!profiler_error_.empty()) throw gpu::CountersUnavailable(profiler_error_);
  try {
    if (!profiler_) profiler_ = std::make_unique<CounterProfiler>(device_.context(), ordinal_);
    return profiler_->profile(metrics, run_plan, kernels);
  } catch (const CuptiUnavailable& error) {
    std::string message = std::string("no hardware counters on this GPU: ") + error.what();
    // A missing or forbidden CUPTI stays so for this process: later requests get the same answer at once.
    if (!profiler_) profiler_error_ = message;
    throw gpu::CountersUnavailable(message);
  }
}

}  // namespace kevo::fitness::cuda
