#pragma once
// StopSignal: SIGINT/SIGTERM ask the run to stop after the generation in
// flight (commit, then exit 0). A second signal acts as usual and ends the
// process at once. This is the only process-wide state in kevo: a signal
// handler cannot be handed a Context.
#include <atomic>

namespace kevo::engine {

class StopSignal {
 public:
  StopSignal();   // installs the handlers
  ~StopSignal();  // restores the previous ones
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;
  const std::atomic<bool>& requested() const;
};

}  // namespace kevo::engine
