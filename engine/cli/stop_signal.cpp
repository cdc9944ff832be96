#include "engine/cli/stop_signal.hpp"

#include <csignal>

namespace kevo::engine {
namespace {

std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is written from a signal handler");

struct sigaction previous_int;
struct sigaction previous_term;

extern "C" void request_stop(int) { stop_requested.store(true); }

}  // namespace

StopSignal::StopSignal() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal gets the default action
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

StopSignal::~StopSignal() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

const std::atomic<bool>& StopSignal::requested() const { return stop_requested; }

}  // namespace kevo::engine
