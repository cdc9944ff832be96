#include "fitness/trial/bench_session.hpp"

#include <algorithm>

namespace kevo::fitness::trial {

int extra_verified_runs(int samples) { return std::max(0, samples / 8); }

session::SessionSpec bench_session_spec(const Task& task, const EvaluationProtocol& protocol,
                                        const protocol::BoundLaunch& launch, std::size_t stash_bytes,
                                        const std::optional<TrustedKernel>& worker_reference) {
  session::SessionSpec spec;
  spec.size_label = task.bench.label();
  for (std::size_t b = 0; b < launch.buffers.size(); ++b) {
    const protocol::BufferSpec& buffer = launch.buffers[b];
    switch (buffer.role) {
      case protocol::ArgKind::input:
        spec.inputs.push_back({b, b, buffer.name, buffer.dtype, buffer.elements, task.tensors.at(b).init});
        break;
      case protocol::ArgKind::output:
        spec.outputs.push_back({b, buffer.name, buffer.dtype, buffer.elements});
        break;
      case protocol::ArgKind::scratch:
        spec.scratch.push_back(b);
        break;
      case protocol::ArgKind::integer:
        break;
    }
  }
  spec.warmup = protocol.warmup;
  spec.samples = std::max(1, protocol.samples);
  spec.extra_verified = extra_verified_runs(spec.samples);
  spec.stash_bytes = stash_bytes;
  spec.tolerance = task.tolerance;
  if (worker_reference) {
    spec.check_run = true;
    const std::vector<protocol::BoundStep> steps =
        protocol::bind_steps(worker_reference->plan, protocol::plan_bindings(task.bench, {}));
    spec.reference = session::ReferenceLaunch{worker_reference->module.path, steps, worker_reference->module.symbols};
  }
  return spec;
}

}  // namespace kevo::fitness::trial
