#include "fitness/cpu/cpu_runner.hpp"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fitness/cpu/cpu_info.hpp"
#include "fitness/protocol/poison.hpp"
#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::cpu {

namespace {

using worker::RunMode;
using worker::RunReply;
using worker::RunRequest;
using worker::WorkerEntry;
using EntryFunction = void (*)(void**);

// One launch step, with its argument array built before any clock starts.
struct PreparedCall {
  EntryFunction function = nullptr;
  std::vector<std::int64_t> integers;  // storage the int slots point into
  std::vector<void*> slots;
};

void* buffer_address(const RunRequest& request, unsigned char* base, std::size_t index) {
  return base + worker::checked_slot(request, index).offset;
}

PreparedCall prepare_call(const RunRequest& request, const WorkerEntry& entry,
                          unsigned char* base, LibraryCache& libraries) {
  PreparedCall call;
  call.function = reinterpret_cast<EntryFunction>(libraries.symbol(request.shared_object, entry.symbol));
  call.integers.reserve(entry.args.size());  // no reallocation: slots point into it
  for (const worker::WorkerArg& arg : entry.args) {
    if (arg.is_buffer) {
      call.slots.push_back(buffer_address(request, base, arg.buffer));
    } else {
      call.integers.push_back(arg.value);
      call.slots.push_back(&call.integers.back());
    }
  }
  return call;
}

void run_calls(std::vector<PreparedCall>& calls) {
  for (PreparedCall& call : calls) call.function(call.slots.data());
}

void repoison(const RunRequest& request, unsigned char* base) {
  for (const worker::PoisonTarget& target : request.poison) {
    protocol::poison(target.dtype, buffer_address(request, base, target.buffer), target.elements);
  }
}

}  // namespace

int count_threads() {
  std::error_code error;
  int threads = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/task", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++threads;
  }
  return threads;
}

std::string CpuRunner::describe_device() {
  return nlohmann::json{{"backend", "cpu"}, {"id", cpu_device_id()}}.dump();
}

RunReply CpuRunner::run(const RunRequest& request) {
  if (request.mode == RunMode::profile) {
    return worker::failed_reply("unsupported", "the CPU worker reads no hardware counters");
  }
  if (request.reload) libraries_.unload(request.shared_object);
  worker::SharedMapping shared(request.shm_path, request.shm_size);
  std::vector<PreparedCall> calls;
  for (const WorkerEntry& entry : request.entries) {
    calls.push_back(prepare_call(request, entry, shared.base(), libraries_));
  }
  const int threads_before = count_threads();
  RunReply reply;
  reply.ok = true;
  try {
    const int runs = request.mode == RunMode::time ? request.warmup + request.samples : 1;
    for (int run = 0; run < runs; ++run) {
      if (request.mode == RunMode::time) {
        repoison(request, shared.base());
        flusher_.flush(request.flush_bytes);
      }
      const auto start = std::chrono::steady_clock::now();
      run_calls(calls);
      const auto stop = std::chrono::steady_clock::now();
      if (request.mode == RunMode::time && run >= request.warmup) {
        reply.samples.push_back(std::chrono::duration<double>(stop - start).count());
      }
    }
  } catch (const std::exception& error) {
    return worker::failed_reply("crash", std::string("kernel threw an exception: ") + error.what(), true);
  } catch (...) {
    return worker::failed_reply("crash", "kernel threw an exception", true);
  }
  if (const int left = count_threads() - threads_before; left > 0) {
    return worker::failed_reply("rejected", "kernel left " + std::to_string(left) + " thread(s) running", true);
  }
  return reply;
}

}  // namespace kevo::fitness::cpu
