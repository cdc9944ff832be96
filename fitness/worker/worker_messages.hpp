#pragma once
// The engine <-> kevo-worker protocol: one JSON object per line.
//
//   -> {"op":"ping"}
//   <- {"ok":true}
//   -> {"op":"device"}
//   <- {"ok":true, "device":{...}}     (the device this worker runs on: name, arch, ...)
//   -> {"op":"run", "so":PATH, "reload":BOOL,
//       "entries":[{"symbol":"kevo_entry_0","args":[{"buffer":0},{"int":37}],
//                   "grid":[g,g,g], "block":[b,b,b], "shared_bytes":N}],
//       "shm":{"path":PATH,"size":BYTES}, "buffers":[{"offset":64,"bytes":148}],
//       "mode":"check"|"time"|"profile", "warmup":N, "samples":N, "flush_bytes":BYTES,
//       "poison":[{"buffer":2,"dtype":"f32","elements":37}],
//       "metrics":["dram__bytes_read.sum", ...]}              (profile mode)
//   <- {"ok":true, "samples":[seconds...]}            (time mode; [] in check mode)
//       (+ "resources":{...} from GPU workers: what the kernels ask of the device)
//       (+ "counters":{"kernels":[{"kernel":NAME,"values":{...}}],"passes":N} in profile mode)
//   <- {"ok":false, "error":TEXT, "status":"rejected"|"error"|"unsupported", "fatal":BOOL}
//
// profile mode runs the entries under the hardware-counter profiler (CUDA
// workers with CUPTI), one range per entry, replayed as often as the metrics
// need; nothing is timed. "unsupported": this worker cannot read counters
// (no CUPTI, no permission), which says nothing about the kernel.
// check mode runs the entries once. time mode runs them warmup + samples
// times; before every run it re-poisons the listed outputs and (when
// flush_bytes > 0) flushes the caches, both outside the timed region, so the
// outputs after the last run are that run's own work.
// "so" is the module: a shared object (CPU) or a cubin (CUDA); "symbol" the
// name to look up in it. GPU workers copy the shared buffers to the device
// before the first run and back after the last, so the engine judges the
// same bytes for every back end.
// "fatal" replies are followed by the worker exiting (its state is suspect).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/task.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::worker {

// An entry argument travels exactly as the launch plan bound it.
using WorkerArg = protocol::BoundArg;

struct WorkerEntry {
  std::string symbol;
  std::vector<WorkerArg> args;
  protocol::BoundShape shape;  // GPU launch shape
};

struct PoisonTarget {
  std::size_t buffer = 0;
  DType dtype = DType::f32;
  std::int64_t elements = 0;
};

enum class RunMode { check, time, profile };

struct RunRequest {
  std::string shared_object;
  bool reload = false;  // dlclose and dlopen again: fresh statics
  std::vector<WorkerEntry> entries;
  std::string shm_path;
  std::size_t shm_size = 0;
  std::vector<protocol::BufferSlot> buffers;
  RunMode mode = RunMode::check;
  int warmup = 0;
  int samples = 1;
  std::size_t flush_bytes = 0;  // 0: no flush
  std::vector<PoisonTarget> poison;
  std::vector<std::string> metrics;  // profile mode: the counters to read
};

struct RunReply {
  bool ok = false;
  std::vector<double> samples;
  std::optional<population::KernelResources> resources;  // GPU workers
  std::optional<population::CounterProfile> counters;    // profile mode
  std::string device_json;  // reply to "device": a JSON object
  std::string error;
  std::string status;  // on failure: "rejected" (the kernel broke a rule), "unsupported" (profile mode) or "error"
  bool fatal = false;  // the worker exits after this reply
};

std::string ping_line();
std::string device_query_line();
std::string encode_request(const RunRequest& request);
std::string encode_reply(const RunReply& reply);

// Decoding throws std::runtime_error on malformed input.
// Returns "ping", "device" or "run" and fills `request` for "run".
std::string decode_request(const std::string& line, RunRequest& request);
RunReply decode_reply(const std::string& line);

}  // namespace kevo::fitness::worker
