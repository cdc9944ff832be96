#pragma once
// The engine <-> kevo-worker protocol: one JSON object per line.
//
//   -> {"op":"ping"}
//   <- {"ok":true}
//   -> {"op":"run", "so":PATH, "reload":BOOL,
//       "entries":[{"symbol":"kevo_entry_0","args":[{"buffer":0},{"int":37}]}],
//       "shm":{"path":PATH,"size":BYTES}, "buffers":[{"offset":64,"bytes":148}],
//       "mode":"check"|"time", "warmup":N, "samples":N, "flush_bytes":BYTES,
//       "poison":[{"buffer":2,"dtype":"f32","elements":37}]}
//   <- {"ok":true, "samples":[seconds...]}            (time mode; [] in check mode)
//   <- {"ok":false, "error":TEXT, "status":"rejected"|"error", "fatal":BOOL}
//
// check mode runs the entries once. time mode runs them warmup + samples
// times; before every run it re-poisons the listed outputs and (when
// flush_bytes > 0) flushes the caches, both outside the timed region, so the
// outputs after the last run are that run's own work.
// "fatal" replies are followed by the worker exiting (its state is suspect).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::cpu {

// An entry argument travels exactly as the launch plan bound it.
using WorkerArg = protocol::BoundArg;

struct WorkerEntry {
  std::string symbol;
  std::vector<WorkerArg> args;
};

struct PoisonTarget {
  std::size_t buffer = 0;
  DType dtype = DType::f32;
  std::int64_t elements = 0;
};

enum class RunMode { check, time };

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
};

struct RunReply {
  bool ok = false;
  std::vector<double> samples;
  std::string error;
  std::string status;  // on failure: "rejected" (the kernel broke a rule) or "error"
  bool fatal = false;  // the worker exits after this reply
};

std::string ping_line();
std::string encode_request(const RunRequest& request);
std::string encode_reply(const RunReply& reply);

// Decoding throws std::runtime_error on malformed input.
// Returns "ping" or "run" and fills `request` for "run".
std::string decode_request(const std::string& line, RunRequest& request);
RunReply decode_reply(const std::string& line);

}  // namespace kevo::fitness::cpu
