#include "fitness/hip/hip_runner.hpp"

#include <fstream>
#include <iterator>

#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::hip {

namespace {

using worker::RunMode;
using worker::RunReply;
using worker::RunRequest;

constexpr std::size_t kMaxLoadedModules = 64;

// Start/stop events for every run, recorded without synchronising.
class EventPairs {
 public:
  EventPairs(const HipRuntimeApi& api, std::size_t count) : api_(api) {
    for (std::size_t i = 0; i < 2 * count; ++i) {
      hipEvent event = nullptr;
      api.check(api.hipEventCreate(&event), "create a timing event");
      events_.push_back(event);
    }
  }
  ~EventPairs() {
    for (hipEvent event : events_) api_.hipEventDestroy(event);
  }
  EventPairs(const EventPairs&) = delete;
  EventPairs& operator=(const EventPairs&) = delete;
  hipEvent start(std::size_t i) const { return events_[2 * i]; }
  hipEvent stop(std::size_t i) const { return events_[2 * i + 1]; }
  double seconds(std::size_t i) const {
    float milliseconds = 0;
    api_.check(api_.hipEventElapsedTime(&milliseconds, start(i), stop(i)), "read a timing event");
    return milliseconds * 1e-3;
  }

 private:
  const HipRuntimeApi& api_;
  std::vector<hipEvent> events_;
};

}  // namespace

HipMemory::~HipMemory() {
  if (pointer_ != nullptr) api_.hipFree(pointer_);
}

char* HipMemory::ensure(std::size_t bytes, const char* what) {
  if (bytes <= bytes_ && pointer_ != nullptr) return pointer_;
  if (pointer_ != nullptr) api_.check(api_.hipFree(pointer_), std::string("free ") + what);
  pointer_ = nullptr;
  bytes_ = 0;
  void* allocated = nullptr;
  api_.check(api_.hipMalloc(&allocated, bytes == 0 ? 1 : bytes),
             std::string("allocate ") + std::to_string(bytes) + " bytes for " + what);
  pointer_ = static_cast<char*>(allocated);
  bytes_ = bytes;
  return pointer_;
}

HipDevice& HipRunner::device() {
  if (!device_) {
    device_ = std::make_unique<HipDevice>(ordinal_);
    region_ = std::make_unique<HipMemory>(device_->api());
    saved_ = std::make_unique<HipMemory>(device_->api());
    flush_ = std::make_unique<HipMemory>(device_->api());
    lock_ = std::make_unique<worker::DeviceLock>(worker::kDeviceLockDirectory, "hip-" + device_->facts().pci_address);
  }
  return *device_;
}

std::string HipRunner::describe_device() { return device().facts().to_json(); }

hipModule HipRunner::module(const std::string& path, bool reload) {
  const HipRuntimeApi& api = device().api();
  auto found = modules_.find(path);
  if (found != modules_.end() && !reload) return found->second;
  if (found != modules_.end()) {  // fresh __device__ globals for every evaluation
    api.check(api.hipModuleUnload(found->second), "unload code object " + path);
    modules_.erase(found);
  }
  if (modules_.size() >= kMaxLoadedModules) {
    for (auto& [loaded_path, loaded] : modules_) api.hipModuleUnload(loaded);
    modules_.clear();
  }
  const std::string image = worker::read_module_image(path);
  hipModule loaded = nullptr;
  api.check(api.hipModuleLoadData(&loaded, image.data()), "load code object " + path);
  modules_[path] = loaded;
  return loaded;
}

void HipRunner::launch_all(std::vector<HipLaunch>& launches) {
  for (HipLaunch& launch : launches) launch.launch(device().api(), device().stream());
}

// save: the poisoned outputs into saved_; otherwise back from it.
void HipRunner::copy_outputs(const RunRequest& request, bool save) {
  const HipRuntimeApi& api = device().api();
  std::size_t total = 0;
  for (const worker::PoisonTarget& target : request.poison) total += worker::checked_slot(request, target.buffer).bytes;
  char* saved = save ? saved_->ensure(total, "the poisoned outputs") : saved_->pointer();
  std::size_t at = 0;
  for (const worker::PoisonTarget& target : request.poison) {
    const protocol::BufferSlot& slot = worker::checked_slot(request, target.buffer);
    char* output = region_->pointer() + slot.offset;
    api.check(save ? api.hipMemcpyDtoDAsync(saved + at, output, slot.bytes, device().stream())
                   : api.hipMemcpyDtoDAsync(output, saved + at, slot.bytes, device().stream()),
              save ? "save the poisoned outputs" : "re-poison the outputs");
    at += slot.bytes;
  }
}

std::vector<double> HipRunner::time(const RunRequest& request, std::vector<HipLaunch>& launches) {
  const HipRuntimeApi& api = device().api();
  const hipStream stream = device().stream();
  copy_outputs(request, /*save=*/true);
  char* flush = request.flush_bytes > 0 ? flush_->ensure(request.flush_bytes, "the L2 flush") : nullptr;
  const std::size_t runs = static_cast<std::size_t>(request.warmup + request.samples);
  const EventPairs events(api, runs);
  for (std::size_t run = 0; run < runs; ++run) {
    copy_outputs(request, /*save=*/false);
    if (flush != nullptr) {
      api.check(api.hipMemsetD8Async(flush, static_cast<unsigned char>(run), request.flush_bytes, stream),
                "flush the L2");
    }
    api.check(api.hipEventRecord(events.start(run), stream), "record a timing event");
    launch_all(launches);
    api.check(api.hipEventRecord(events.stop(run), stream), "record a timing event");
  }
  api.check(api.hipStreamSynchronize(stream), "run the kernels");
  std::vector<double> samples;
  for (std::size_t run = static_cast<std::size_t>(request.warmup); run < runs; ++run) {
    samples.push_back(events.seconds(run));
  }
  return samples;
}

RunReply HipRunner::run(const RunRequest& request) {
  if (request.mode == RunMode::profile) {
    return worker::failed_reply("unsupported", "no hardware counters on AMD GPUs yet (kevo reads CUPTI's on NVIDIA only)", false);
  }
  try {
    const HipRuntimeApi& api = device().api();
    const worker::DeviceLock::Hold exclusive = lock_->hold();
    const hipModule loaded = module(request.shared_object, request.reload);
    const worker::SharedMapping shared(request.shm_path, request.shm_size);
    char* region = region_->ensure(request.shm_size, "the shared buffers");
    api.check(api.hipMemcpyHtoD(region, shared.base(), request.shm_size), "copy the buffers to the device");
    api.check(api.hipDeviceSynchronize(), "copy the buffers to the device");
    std::vector<HipLaunch> launches;
    for (const worker::WorkerEntry& entry : request.entries) {
      launches.emplace_back(device(), loaded, entry, request, region);
    }
    RunReply reply;
    reply.ok = true;
    if (request.mode == RunMode::time) {
      reply.samples = time(request, launches);
    } else {
      launch_all(launches);
      api.check(api.hipStreamSynchronize(device().stream()), "run the kernels");
    }
    api.check(api.hipMemcpyDtoH(shared.base(), region, request.shm_size), "copy the buffers back");
    reply.resources = combine(launches);
    return reply;
  } catch (const HipLaunchRejected& error) {
    return worker::failed_reply("rejected", error.what(), false);
  } catch (const HipError& error) {
    return worker::failed_reply("crash", error.what(), error.sticky);
  }
}

}  // namespace kevo::fitness::hip
