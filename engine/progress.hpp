#pragma once
// Progress: what a user watching a campaign sees. On a terminal one line is
// redrawn in place; otherwise (logs, CI, pipes) plain lines are written, at
// most one every `log_interval_seconds`, so that long runs stay readable.
#include <mutex>
#include <ostream>
#include <string>

#include "engine/budget.hpp"

namespace kevo::engine {

struct ProgressSnapshot {
  std::string task;
  int island = 0;
  int generation = 0;
  BudgetCounters counters;
  Budget budget;
  double best_speedup = 0;
  double elapsed_seconds = 0;
};

class Progress {
 public:
  Progress(std::ostream& out, bool live, double log_interval_seconds = 5.0);
  void update(const ProgressSnapshot& snapshot);
  // Ends the live line and prints a final line for the task.
  void finish(const ProgressSnapshot& snapshot);
  void message(const std::string& line);
  // The last snapshot given to update(): what a distributed rank reports to rank 0.
  ProgressSnapshot latest() const;

 private:
  std::string render(const ProgressSnapshot& snapshot) const;
  std::ostream& out_;
  bool live_;
  double log_interval_;
  double last_logged_ = -1e9;
  bool line_open_ = false;
  ProgressSnapshot latest_;
  mutable std::mutex mutex_;
};

// "1:05" style clock for durations.
std::string format_duration(double seconds);
// "3.14x": a speedup as every line and table of kevo shows it.
std::string format_speedup(double speedup);
// "wrong 2, crash 1" from the failure counters ("none" when clean).
std::string format_failures(const BudgetCounters& counters);

}  // namespace kevo::engine
