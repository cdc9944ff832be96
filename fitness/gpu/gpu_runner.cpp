#include "fitness/gpu/gpu_runner.hpp"

#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::gpu {

namespace {

using worker::RunMode;
using worker::RunReply;
using worker::RunRequest;

constexpr std::size_t kMaxLoadedModules = 64;

RunReply ok_reply(const std::vector<std::unique_ptr<KernelLaunch>>& launches) {
  RunReply reply;
  reply.ok = true;
  std::vector<population::KernelResources> steps;
  for (const auto& launch : launches) steps.push_back(launch->resources());
  if (!steps.empty()) reply.resources = population::most_demanding(steps);
  return reply;
}

std::vector<std::string> kernel_symbols(const RunRequest& request) {
  std::vector<std::string> symbols;
  for (const worker::WorkerEntry& entry : request.entries) symbols.push_back(entry.symbol);
  return symbols;
}

}  // namespace

GpuRunner::~GpuRunner() {
  driver_.reset();
  session_.reset();
  region_.reset();
  flush_.reset();
  if (runtime_) {
    for (auto& [path, loaded] : modules_) runtime_->unload_module(loaded);
  }
}

GpuRuntime& GpuRunner::runtime() {
  if (!runtime_) {
    runtime_ = open_();
    region_ = std::make_unique<DeviceBuffer>(*runtime_);
    flush_ = std::make_unique<DeviceBuffer>(*runtime_);
    lock_ = std::make_unique<worker::DeviceLock>(worker::kDeviceLockDirectory, runtime_->lock_name());
  }
  return *runtime_;
}

ModuleHandle GpuRunner::module(const std::string& path, bool reload, bool pinned) {
  GpuRuntime& gpu = runtime();
  if (pinned) pinned_.insert(path);
  auto found = modules_.find(path);
  if (found != modules_.end() && !reload) return found->second;
  if (found != modules_.end()) {
    // A fresh load resets the module's __device__ globals: a kernel cannot
    // carry results from one evaluation into the next.
    end_session();
    gpu.unload_module(found->second);
    modules_.erase(found);
  }
  if (modules_.size() >= kMaxLoadedModules) evict_unpinned();
  const ModuleHandle loaded = gpu.load_module(path);
  modules_[path] = loaded;
  return loaded;
}

// Candidates come and go; the protocol kernels and references stay, so that
// loading a candidate never unloads a module the session is about to use.
void GpuRunner::evict_unpinned() {
  end_session();
  for (auto it = modules_.begin(); it != modules_.end();) {
    if (pinned_.count(it->first) > 0) {
      ++it;
      continue;
    }
    runtime_->unload_module(it->second);
    it = modules_.erase(it);
  }
}

void GpuRunner::end_session() {
  driver_.reset();
  session_.reset();
}

RunReply GpuRunner::run(const RunRequest& request) {
  try {
    GpuRuntime& gpu = runtime();
    const worker::DeviceLock::Hold exclusive = lock_->hold();
    (void)gpu;
    switch (request.mode) {
      case RunMode::check: return check(request);
      case RunMode::profile: return profile(request);
      case RunMode::session: return start_session(request);
      case RunMode::export_run: return export_run(request);
    }
    return worker::failed_reply("error", "unknown run mode");
  } catch (const LaunchRejected& error) {
    return worker::failed_reply("rejected", error.what(), false);
  } catch (const GpuError& error) {
    // A sticky error leaves the context unusable: exit, and let the engine
    // start a fresh worker for the next variant.
    return worker::failed_reply("crash", error.what(), error.sticky);
  }
}

// The engine's shared buffers on the device; the address of each buffer.
std::vector<DevicePointer> GpuRunner::copy_in(const RunRequest& request) {
  const worker::SharedMapping shared(request.shm_path, request.shm_size);
  const DevicePointer region = region_->ensure(request.shm_size, "the shared buffers");
  runtime().upload(region, shared.base(), request.shm_size);
  std::vector<DevicePointer> buffers;
  for (std::size_t b = 0; b < request.buffers.size(); ++b) buffers.push_back(region + worker::checked_slot(request, b).offset);
  return buffers;
}

RunReply GpuRunner::check(const RunRequest& request) {
  const ModuleHandle loaded = module(request.shared_object, request.reload);
  const std::vector<DevicePointer> buffers = copy_in(request);
  std::vector<std::unique_ptr<KernelLaunch>> launches;
  for (const worker::WorkerEntry& entry : request.entries) launches.push_back(runtime().prepare(loaded, entry, buffers));
  for (auto& launch : launches) launch->launch();
  runtime().synchronize("run the kernels");
  const worker::SharedMapping shared(request.shm_path, request.shm_size);
  runtime().download(shared.base(), region_->pointer(), request.shm_size);
  return ok_reply(launches);
}

RunReply GpuRunner::profile(const RunRequest& request) {
  const ModuleHandle loaded = module(request.shared_object, request.reload);
  const std::vector<DevicePointer> buffers = copy_in(request);
  std::vector<std::unique_ptr<KernelLaunch>> launches;
  for (const worker::WorkerEntry& entry : request.entries) launches.push_back(runtime().prepare(loaded, entry, buffers));
  if (request.flush_bytes > 0) {  // start cold, as the timed runs do, before the profiler is on
    runtime().fill(flush_->ensure(request.flush_bytes, "the L2 flush"), 0, request.flush_bytes);
    runtime().synchronize("flush the L2");
  }
  RunReply reply = ok_reply(launches);
  try {
    reply.counters = runtime().read_counters(
        request.metrics,
        [&] {
          for (auto& launch : launches) launch->launch();
          runtime().synchronize("run the kernels");
        },
        kernel_symbols(request));
  } catch (const CountersUnavailable& error) {
    return worker::failed_reply("unsupported", error.what(), false);
  }
  return reply;
}

RunReply GpuRunner::start_session(const RunRequest& request) {
  end_session();
  if (!request.session) return worker::failed_reply("error", "a session request without its session");
  if (request.protocol_module.empty()) return worker::failed_reply("error", "a GPU session needs the protocol kernels' module");
  SessionModules modules;
  modules.protocol = module(request.protocol_module, false, /*pinned=*/true);
  if (request.session->reference) modules.reference = module(request.session->reference->module, false, true);
  modules.candidate = module(request.shared_object, request.reload);
  try {
    session_ = std::make_unique<GpuSessionDevice>(runtime(), request, modules);
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const GpuError*>(&error) != nullptr || dynamic_cast<const LaunchRejected*>(&error) != nullptr) throw;
    return worker::failed_reply("error", error.what());
  }
  const session::SessionSpec& spec = session_->spec();
  driver_ = std::make_unique<session::SessionDriver>(*session_, spec, spec.seed ? *spec.seed : session::fresh_entropy(),
                                                     session::fresh_entropy());
  RunReply reply;
  reply.ok = true;
  reply.session = driver_->run();
  reply.resources = session_->resources();
  // A session the worker verified itself has nothing left to export: give its memory back.
  if (spec.reference) end_session();
  return reply;
}

RunReply GpuRunner::export_run(const RunRequest& request) {
  if (!driver_) return worker::failed_reply("error", "export asked for, but no session was kept");
  driver_->export_run(request.export_run);
  RunReply reply;
  reply.ok = true;
  return reply;
}

}  // namespace kevo::fitness::gpu
