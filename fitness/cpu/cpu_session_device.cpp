#include "fitness/cpu/cpu_session_device.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/poison.hpp"
#include "fitness/protocol/random.hpp"

namespace kevo::fitness::cpu {

unsigned char* HostStash::slot(std::size_t index, std::size_t bytes) {
  if (bytes != slot_bytes_) {
    slots_.clear();
    slot_bytes_ = bytes;
  }
  while (slots_.size() <= index) slots_.push_back(std::make_unique_for_overwrite<unsigned char[]>(std::max<std::size_t>(bytes, 1)));
  return slots_[index].get();
}

CpuSessionDevice::CpuSessionDevice(const worker::RunRequest& request, HostStash& stash)
    : request_(request),
      spec_(request.session.value()),
      shared_(request.shm_path, request.shm_size),
      layout_{request.buffers, request.shm_size},
      host_(std::make_unique<KernelHostProcess>(request_)),
      stash_(stash) {
  for (const session::OutputCheck& output : spec_.outputs) {
    outputs_bytes_ += worker::checked_slot(request_, output.buffer).bytes;
  }
}

unsigned char* CpuSessionDevice::buffer(std::size_t index) const {
  return shared_.base() + worker::checked_slot(request_, index).offset;
}

int CpuSessionDevice::stash_capacity(const session::SessionSpec& spec) {
  if (outputs_bytes_ == 0) return spec.samples;
  return static_cast<int>(std::clamp<std::size_t>(spec.stash_bytes / outputs_bytes_, 1, static_cast<std::size_t>(spec.samples)));
}

void CpuSessionDevice::draw_inputs(std::uint64_t seed) {
  for (const session::InputDraw& input : spec_.inputs) {
    protocol::generate_values(input.init, input.dtype, protocol::tensor_stream_seed(seed, input.tensor),
                              buffer(input.buffer), input.elements);
  }
}

void CpuSessionDevice::prepare(int, std::uint64_t seed) {
  draw_inputs(seed);
  for (const session::OutputCheck& output : spec_.outputs) protocol::poison(output.dtype, buffer(output.buffer), output.elements);
  for (const std::size_t scratch : spec_.scratch) {
    std::memset(buffer(scratch), 0, worker::checked_slot(request_, scratch).bytes);
  }
  protocol::fill_guards(shared_.base(), layout_);
}

void CpuSessionDevice::launch(int run, bool timed) {
  runs_ = run + 1;
  try {
    const double seconds = host_->run(timed ? request_.flush_bytes : 0);
    if (timed) samples_.push_back(seconds);
  } catch (const KernelHostFailure& failure) {
    if (failure.status == "rejected") throw session::RunVerdict("rejected", run, failure.what());
    throw;
  }
}

void CpuSessionDevice::after_run(int run, std::optional<int> stash_slot) {
  const std::string damage = protocol::describe_guard_damage(shared_.base(), layout_, request_.buffer_names);
  if (!damage.empty()) throw session::RunVerdict("wrong_result", run, damage);
  if (!stash_slot) return;
  unsigned char* kept = stash_.slot(static_cast<std::size_t>(*stash_slot), outputs_bytes_);
  for (const session::OutputCheck& output : spec_.outputs) {
    const std::size_t bytes = worker::checked_slot(request_, output.buffer).bytes;
    std::memcpy(kept, buffer(output.buffer), bytes);
    kept += bytes;
  }
}

std::vector<double> CpuSessionDevice::finish() {
  try {
    host_->finish();
  } catch (const KernelHostFailure& failure) {
    if (failure.status == "rejected") throw session::RunVerdict("rejected", runs_ - 1, failure.what());
    throw;
  }
  return samples_;
}

protocol::Comparison CpuSessionDevice::verify(std::uint64_t, int) {
  throw std::logic_error("CPU sessions are verified by the engine (export), not in the worker");
}

void CpuSessionDevice::export_run(std::uint64_t seed, int stash_slot) {
  draw_inputs(seed);
  const unsigned char* kept = stash_.slot(static_cast<std::size_t>(stash_slot), outputs_bytes_);
  for (const session::OutputCheck& output : spec_.outputs) {
    const std::size_t bytes = worker::checked_slot(request_, output.buffer).bytes;
    std::memcpy(buffer(output.buffer), kept, bytes);
    kept += bytes;
  }
}

}  // namespace kevo::fitness::cpu
