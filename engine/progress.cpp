#include "engine/progress.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace kevo::engine {

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

std::string format_speedup(double speedup) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", speedup);
  return text;
}

std::string format_failures(const BudgetCounters& counters) {
  static constexpr const char* kNames[] = {"ok", "compile", "wrong", "crash", "timeout", "rejected"};
  std::string text;
  for (std::size_t status = 1; status < counters.by_status.size(); ++status) {
    if (counters.by_status[status] == 0) continue;
    if (!text.empty()) text += ", ";
    text += std::string(kNames[status]) + " " + std::to_string(counters.by_status[status]);
  }
  return text.empty() ? "none" : text;
}

namespace {

// Remaining time, from whichever budget is closer to running out.
std::string eta(const ProgressSnapshot& s) {
  double fraction = 0;
  if (s.budget.evaluations > 0)
    fraction = static_cast<double>(s.counters.evaluations) / static_cast<double>(s.budget.evaluations);
  if (s.budget.wall_seconds > 0) fraction = std::max(fraction, s.elapsed_seconds / s.budget.wall_seconds);
  if (fraction <= 0.0 || fraction >= 1.0) return "--";
  return format_duration(s.elapsed_seconds * (1.0 - fraction) / fraction);
}

}  // namespace

Progress::Progress(std::ostream& out, bool live, double log_interval_seconds)
    : out_(out), live_(live), log_interval_(log_interval_seconds) {}

std::string Progress::render(const ProgressSnapshot& s) const {
  std::ostringstream line;
  line << "[" << s.task << "] gen " << s.generation << " | evals " << s.counters.evaluations;
  if (s.budget.evaluations > 0) line << "/" << s.budget.evaluations;
  line << " | best " << format_speedup(s.best_speedup) << " | failed: " << format_failures(s.counters)
       << " | reused " << s.counters.archive_hits << ", dup " << s.counters.duplicates
       << " | " << format_duration(s.elapsed_seconds) << " elapsed, ETA " << eta(s);
  return line.str();
}

void Progress::update(const ProgressSnapshot& snapshot) {
  std::lock_guard lock(mutex_);
  latest_ = snapshot;
  if (live_) {
    out_ << "\r\033[K" << render(snapshot) << std::flush;
    line_open_ = true;
    return;
  }
  if (snapshot.elapsed_seconds - last_logged_ < log_interval_) return;
  last_logged_ = snapshot.elapsed_seconds;
  out_ << render(snapshot) << "\n" << std::flush;
}

ProgressSnapshot Progress::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

void Progress::finish(const ProgressSnapshot& snapshot) {
  std::lock_guard lock(mutex_);
  if (line_open_) out_ << "\r\033[K";
  line_open_ = false;
  out_ << render(snapshot) << "\n" << std::flush;
}

void Progress::message(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (line_open_) out_ << "\r\033[K";
  line_open_ = false;
  out_ << line << "\n" << std::flush;
}

}  // namespace kevo::engine
