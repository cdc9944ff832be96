#pragma once
// The engine <-> kevo-worker protocol: one JSON object per line.
//
//   -> {"op":"ping"}
//   <- {"ok":true}
//   -> {"op":"device"}
//   <- {"ok":true, "device":{...}}     (the device this worker runs on: name, arch, ...)
//   -> {"op":"run", "so":PATH, "reload":BOOL, "trusted":BOOL,
//       "entries":[{"symbol":"kevo_entry_0","args":[{"buffer":0},{"int":37}],
//                   "grid":[g,g,g], "block":[b,b,b], "shared_bytes":N}],
//       "shm":{"path":PATH,"size":BYTES}, "buffers":[{"offset":4096,"bytes":148}],
//       "buffer_names":["x","y","z"], "read_only":[0,1],
//       "mode":"check"|"session"|"export"|"profile", "flush_bytes":BYTES,
//       "session":{...}, "protocol_module":PATH,             (session mode: SessionSpec; GPU module)
//       "export_run":N,                                      (export mode)
//       "metrics":["dram__bytes_read.sum", ...]}              (profile mode)
//   <- {"ok":true}                                            (check, export)
//       (+ "session":{"seed":S, "samples":[seconds...], "verified":[...],
//                     "failure_status":..., "failure":...}   (session mode)
//       (+ "resources":{...} from GPU workers: what the kernels ask of the device)
//       (+ "counters":{"kernels":[{"kernel":NAME,"values":{...}}],"passes":N} in profile mode)
//   <- {"ok":false, "error":TEXT, "status":"rejected"|"crash"|"error"|"unsupported", "fatal":BOOL}
//
// check mode runs the entries once on the engine's bytes (inputs drawn and
// outputs poisoned by the engine). session mode is the timing session
// (fitness/session/session_spec.hpp): the worker draws fresh inputs for
// every run itself, times the samples with the caches flushed (when
// flush_bytes > 0), and verifies the chosen runs, or keeps them for export
// mode, which writes one kept run's inputs and outputs to the shared buffers
// for the engine to judge. A verdict found in a session (a wrong output, a
// written input) is a successful reply with "failure_status" set: the
// request ran, the kernel failed. profile mode runs the entries under the
// hardware-counter profiler (CUDA workers with CUPTI), one range per entry,
// replayed as often as the metrics need; nothing is timed. "unsupported":
// this worker cannot read counters (no CUPTI, no permission), which says
// nothing about the kernel.
// "so" is the module: a shared object (CPU) or a cubin or code object (GPU);
// "symbol" the name to look up in it. GPU workers copy the shared buffers to
// the device before a check run and back after it, so the engine judges the
// same bytes for every back end; their sessions need no shared buffers when
// they verify the runs themselves.
// "fatal" replies are followed by the worker exiting (its state is suspect).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/session/session_spec.hpp"
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

enum class RunMode { check, session, export_run, profile };

struct RunRequest {
  std::string shared_object;
  bool reload = false;  // GPU workers: load the module again, fresh __device__ globals
  // The engine's own trusted reference: a CPU worker runs it in its own
  // process instead of a sandboxed kernel host (no process to start per run).
  bool trusted = false;
  std::vector<WorkerEntry> entries;
  std::string shm_path;
  std::size_t shm_size = 0;
  std::vector<protocol::BufferSlot> buffers;
  std::vector<std::string> buffer_names;  // for messages, one per buffer
  std::vector<std::size_t> read_only;     // buffers a kernel may not write (its inputs)
  RunMode mode = RunMode::check;
  std::size_t flush_bytes = 0;  // 0: no flush
  std::optional<session::SessionSpec> session;  // session mode
  std::string protocol_module;                  // session mode on a GPU: the evaluator's own kernels
  int export_run = -1;                          // export mode: a verified run of the last session
  std::vector<std::string> metrics;  // profile mode: the counters to read
};

struct RunReply {
  bool ok = false;
  std::optional<session::SessionOutcome> session;        // session mode
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
