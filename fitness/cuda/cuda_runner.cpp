#include "fitness/cuda/cuda_runner.hpp"

#include <fstream>
#include <iterator>

#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::cuda {

namespace {

using worker::RunMode;
using worker::RunReply;
using worker::RunRequest;

constexpr std::size_t kMaxLoadedModules = 64;


// Replays the launch plan as one graph; nullopt when capture is not possible
// (the plan then runs step by step, which only adds launch gaps).
class CapturedPlan {
 public:
  CapturedPlan(const DriverApi& api, CUstream stream, std::vector<PreparedLaunch>& launches)
      : api_(api) {
    if (api.cuStreamBeginCapture(stream, stream_capture_mode_thread_local) != result::success) return;
    bool launched = true;
    try {
      for (PreparedLaunch& launch : launches) launch.launch(api, stream);
    } catch (const std::exception&) {
      launched = false;
    }
    if (api.cuStreamEndCapture(stream, &graph_) != result::success || !launched) return;
    if (api.cuGraphInstantiateWithFlags(&exec_, graph_, 0) != result::success) exec_ = nullptr;
  }
  ~CapturedPlan() {
    if (exec_ != nullptr) api_.cuGraphExecDestroy(exec_);
    if (graph_ != nullptr) api_.cuGraphDestroy(graph_);
  }
  CapturedPlan(const CapturedPlan&) = delete;
  CapturedPlan& operator=(const CapturedPlan&) = delete;
  bool ready() const { return exec_ != nullptr; }
  void launch(CUstream stream) const { api_.check(api_.cuGraphLaunch(exec_, stream), "launch the captured plan"); }

 private:
  const DriverApi& api_;
  CUgraph graph_ = nullptr;
  CUgraphExec exec_ = nullptr;
};

// Start/stop events for every run, created once per request and recorded
// without synchronising, so the GPU never idles between samples.
class EventPairs {
 public:
  EventPairs(const DriverApi& api, std::size_t count) : api_(api) {
    for (std::size_t i = 0; i < 2 * count; ++i) {
      CUevent event = nullptr;
      api.check(api.cuEventCreate(&event, 0), "create a timing event");
      events_.push_back(event);
    }
  }
  ~EventPairs() {
    for (CUevent event : events_) api_.cuEventDestroy(event);
  }
  EventPairs(const EventPairs&) = delete;
  EventPairs& operator=(const EventPairs&) = delete;
  CUevent start(std::size_t i) const { return events_[2 * i]; }
  CUevent stop(std::size_t i) const { return events_[2 * i + 1]; }
  double seconds(std::size_t i) const {
    float milliseconds = 0;
    api_.check(api_.cuEventElapsedTime(&milliseconds, start(i), stop(i)), "read a timing event");
    return milliseconds * 1e-3;
  }

 private:
  const DriverApi& api_;
  std::vector<CUevent> events_;
};

}  // namespace

CudaDevice& CudaRunner::device() {
  if (!device_) {
    device_ = std::make_unique<CudaDevice>(ordinal_);
    region_ = std::make_unique<DeviceMemory>(device_->api());
    saved_ = std::make_unique<DeviceMemory>(device_->api());
    flush_ = std::make_unique<DeviceMemory>(device_->api());
    lock_ = std::make_unique<worker::DeviceLock>(worker::kDeviceLockDirectory, "cuda-" + device_->facts().pci_address);
  }
  return *device_;
}

std::string CudaRunner::describe_device() { return device().facts().to_json(); }

CUmodule CudaRunner::module(const std::string& path, bool reload) {
  const DriverApi& api = device().api();
  auto found = modules_.find(path);
  if (found != modules_.end() && !reload) return found->second;
  if (found != modules_.end()) {
    // A fresh load resets the module's __device__ globals: a kernel cannot
    // carry results from one evaluation into the next.
    api.check(api.cuModuleUnload(found->second), "unload module " + path);
    modules_.erase(found);
  }
  if (modules_.size() >= kMaxLoadedModules) {
    for (auto& [loaded_path, loaded] : modules_) api.cuModuleUnload(loaded);
    modules_.clear();
  }
  const std::string image = worker::read_module_image(path);
  CUmodule loaded = nullptr;
  api.check(api.cuModuleLoadData(&loaded, image.data()), "load module " + path);
  modules_[path] = loaded;
  return loaded;
}

std::vector<PreparedLaunch> CudaRunner::prepare(const RunRequest& request, CUmodule loaded) {
  std::vector<PreparedLaunch> launches;
  for (const worker::WorkerEntry& entry : request.entries) {
    launches.emplace_back(device(), loaded, entry, request, region_->pointer());
  }
  return launches;
}

void CudaRunner::launch_all(std::vector<PreparedLaunch>& launches) {
  for (PreparedLaunch& launch : launches) launch.launch(device().api(), device().stream());
}

void CudaRunner::save_outputs(const RunRequest& request) {
  std::size_t total = 0;
  for (const worker::PoisonTarget& target : request.poison) total += worker::checked_slot(request, target.buffer).bytes;
  const CUdeviceptr saved = saved_->ensure(total, "the poisoned outputs");
  std::size_t at = 0;
  for (const worker::PoisonTarget& target : request.poison) {
    const protocol::BufferSlot& slot = worker::checked_slot(request, target.buffer);
    device().api().check(device().api().cuMemcpyDtoDAsync(saved + at, region_->pointer() + slot.offset,
                                                          slot.bytes, device().stream()),
                         "save the poisoned outputs");
    at += slot.bytes;
  }
}

void CudaRunner::restore_outputs(const RunRequest& request) {
  std::size_t at = 0;
  for (const worker::PoisonTarget& target : request.poison) {
    const protocol::BufferSlot& slot = worker::checked_slot(request, target.buffer);
    device().api().check(device().api().cuMemcpyDtoDAsync(region_->pointer() + slot.offset,
                                                          saved_->pointer() + at, slot.bytes,
                                                          device().stream()),
                         "re-poison the outputs");
    at += slot.bytes;
  }
}

std::vector<double> CudaRunner::time(const RunRequest& request, std::vector<PreparedLaunch>& launches) {
  const DriverApi& api = device().api();
  const CUstream stream = device().stream();
  save_outputs(request);
  const CUdeviceptr flush = request.flush_bytes > 0 ? flush_->ensure(request.flush_bytes, "the L2 flush") : 0;
  const std::optional<CapturedPlan> graph =
      launches.size() > 1 ? std::make_optional<CapturedPlan>(api, stream, launches) : std::nullopt;
  const std::size_t runs = static_cast<std::size_t>(request.warmup + request.samples);
  const EventPairs events(api, runs);
  for (std::size_t run = 0; run < runs; ++run) {
    restore_outputs(request);
    if (flush != 0) {
      api.check(api.cuMemsetD8Async(flush, static_cast<unsigned char>(run), request.flush_bytes, stream),
                "flush the L2");
    }
    api.check(api.cuEventRecord(events.start(run), stream), "record a timing event");
    if (graph && graph->ready()) graph->launch(stream);
    else launch_all(launches);
    api.check(api.cuEventRecord(events.stop(run), stream), "record a timing event");
  }
  api.check(api.cuStreamSynchronize(stream), "run the kernels");
  std::vector<double> samples;
  for (std::size_t run = static_cast<std::size_t>(request.warmup); run < runs; ++run) {
    samples.push_back(events.seconds(run));
  }
  return samples;
}

namespace {

// CUPTI numbers its ranges; the counters are named after the plan's kernels.
std::vector<std::string> kernel_symbols(const RunRequest& request) {
  std::vector<std::string> symbols;
  for (const worker::WorkerEntry& entry : request.entries) symbols.push_back(entry.symbol);
  return symbols;
}

}  // namespace

RunReply CudaRunner::profile(const RunRequest& request, std::vector<PreparedLaunch>& launches) {
  try {
    if (!profiler_ && profiler_error_.empty()) profiler_ = std::make_unique<CounterProfiler>(device().context(), ordinal_);
    if (!profiler_) return worker::failed_reply("unsupported", profiler_error_, false);
    if (request.flush_bytes > 0) {  // start cold, as the timed runs do, before the profiler is on
      const CUdeviceptr flush = flush_->ensure(request.flush_bytes, "the L2 flush");
      device().api().check(device().api().cuMemsetD8Async(flush, 0, request.flush_bytes, device().stream()),
                           "flush the L2");
      device().api().check(device().api().cuStreamSynchronize(device().stream()), "flush the L2");
    }
    RunReply reply;
    reply.ok = true;
    reply.counters = profiler_->profile(
        request.metrics,
        [&] {
          launch_all(launches);
          device().api().check(device().api().cuStreamSynchronize(device().stream()), "run the kernels");
        },
        kernel_symbols(request));
    reply.resources = combine(launches);
    return reply;
  } catch (const CuptiUnavailable& error) {
    std::string message = std::string("no hardware counters on this GPU: ") + error.what();
    // A missing or forbidden CUPTI stays so for this process: later requests get the same answer at once.
    if (!profiler_) profiler_error_ = message;
    return worker::failed_reply("unsupported", std::move(message), false);
  }
}

RunReply CudaRunner::run(const RunRequest& request) {
  try {
    const DriverApi& api = device().api();
    const worker::DeviceLock::Hold exclusive = lock_->hold();
    const CUmodule loaded = module(request.shared_object, request.reload);
    const worker::SharedMapping shared(request.shm_path, request.shm_size);
    const CUdeviceptr region = region_->ensure(request.shm_size, "the shared buffers");
    api.check(api.cuMemcpyHtoD(region, shared.base(), request.shm_size), "copy the buffers to the device");
    // A copy from pageable memory may return before its DMA has finished.
    api.check(api.cuCtxSynchronize(), "copy the buffers to the device");
    std::vector<PreparedLaunch> launches = prepare(request, loaded);
    if (request.mode == RunMode::profile) return profile(request, launches);
    RunReply reply;
    reply.ok = true;
    if (request.mode == RunMode::time) {
      reply.samples = time(request, launches);
    } else {
      launch_all(launches);
      api.check(api.cuStreamSynchronize(device().stream()), "run the kernels");
    }
    api.check(api.cuMemcpyDtoH(shared.base(), region, request.shm_size), "copy the buffers back");
    reply.resources = combine(launches);
    return reply;
  } catch (const LaunchRejected& error) {
    return worker::failed_reply("rejected", error.what(), false);
  } catch (const DriverError& error) {
    // A sticky error leaves the context unusable: exit, and let the engine
    // start a fresh worker for the next variant.
    return worker::failed_reply("crash", error.what(), error.sticky);
  }
}

}  // namespace kevo::fitness::cuda
