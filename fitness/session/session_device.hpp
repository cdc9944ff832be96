#pragma once
// What a back end does for a timing session (fitness/session/session_driver),
// step by step. The CPU back end does each step when it is called; a GPU back
// end queues them on its stream and only waits in finish() and verify(), so
// the device never idles between runs.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/protocol/output_comparator.hpp"
#include "fitness/session/session_spec.hpp"

namespace kevo::fitness::session {

// A verdict against the kernel found while running it: it wrote an input
// ("rejected") or outside its buffers ("wrong_result"), in run `run`.
struct RunVerdict : std::runtime_error {
  RunVerdict(std::string status, int run, const std::string& message)
      : std::runtime_error(message), status(std::move(status)), run(run) {}
  std::string status;
  int run;
};

class SessionDevice {
 public:
  virtual ~SessionDevice() = default;
  // How many timed runs' outputs can be kept at once: the spec's budget and
  // the memory there is.
  virtual int stash_capacity(const SessionSpec& spec) = 0;
  // Before run `run`: draws every input from `seed`, poisons the outputs,
  // zeroes scratch and rewrites the guard bytes.
  virtual void prepare(int run, std::uint64_t seed) = 0;
  // Runs the launch plan once. A timed run flushes the caches first and is
  // timed around the plan alone.
  virtual void launch(int run, bool timed) = 0;
  // Checks that the run kept to its buffers and left its inputs alone, and
  // keeps its outputs in `stash_slot`, if any. May throw RunVerdict (or
  // report it from finish()).
  virtual void after_run(int run, std::optional<int> stash_slot) = 0;
  // Waits for everything launched; the timed runs' seconds, in order.
  virtual std::vector<double> finish() = 0;
  // Draws the inputs of `seed` again, runs the session's reference on them
  // and compares its outputs with those kept in `stash_slot`.
  virtual protocol::Comparison verify(std::uint64_t seed, int stash_slot) = 0;
  // Draws the inputs of `seed` again and writes them, with the outputs kept
  // in `stash_slot`, where the engine reads them (the shared buffers).
  virtual void export_run(std::uint64_t seed, int stash_slot) = 0;
};

}  // namespace kevo::fitness::session
