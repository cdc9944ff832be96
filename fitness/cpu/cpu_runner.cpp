#include "fitness/cpu/cpu_runner.hpp"

#include <nlohmann/json.hpp>

#include "fitness/cpu/cpu_info.hpp"
#include "fitness/cpu/kernel_host_process.hpp"

namespace kevo::fitness::cpu {

namespace {

using worker::RunMode;
using worker::RunReply;
using worker::RunRequest;

RunReply ok_reply() {
  RunReply reply;
  reply.ok = true;
  return reply;
}

}  // namespace

std::string CpuRunner::describe_device() {
  return nlohmann::json{{"backend", "cpu"}, {"id", cpu_device_id()}}.dump();
}

RunReply CpuRunner::run(const RunRequest& request) {
  try {
    switch (request.mode) {
      case RunMode::check: return check(request);
      case RunMode::session: return start_session(request);
      case RunMode::export_run: return export_run(request);
      case RunMode::profile: break;
    }
    return worker::failed_reply("unsupported", "the CPU worker reads no hardware counters");
  } catch (const KernelHostFailure& failure) {
    // The kernel's process is gone; this one never ran its code and carries on.
    return worker::failed_reply(failure.status, failure.what());
  }
}

RunReply CpuRunner::check(const RunRequest& request) {
  // The last session stays: the engine's reference may run on this worker between its exports.
  if (request.trusted) {
    trusted_.run(request);
    return ok_reply();
  }
  KernelHostProcess host(request);
  host.run(0);
  host.finish();
  return ok_reply();
}

RunReply CpuRunner::start_session(const RunRequest& request) {
  driver_.reset();
  session_ = std::make_unique<CpuSessionDevice>(request, stash_);
  const session::SessionSpec& spec = session_->spec();
  driver_ = std::make_unique<session::SessionDriver>(*session_, spec, spec.seed ? *spec.seed : session::fresh_entropy(),
                                                     session::fresh_entropy());
  RunReply reply = ok_reply();
  reply.session = driver_->run();
  session_->end_runs();
  return reply;
}

RunReply CpuRunner::export_run(const RunRequest& request) {
  if (!driver_) return worker::failed_reply("error", "export asked for, but no session was run");
  driver_->export_run(request.export_run);
  return ok_reply();
}

}  // namespace kevo::fitness::cpu
