#include "fitness/trial/size_workspace.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "fitness/protocol/bfloat16.hpp"
#include "fitness/protocol/checksum.hpp"
#include "fitness/protocol/poison.hpp"

namespace kevo::fitness::trial {

namespace {

using protocol::ArgKind;

std::vector<std::size_t> buffer_sizes(const protocol::BoundLaunch& launch) {
  std::vector<std::size_t> sizes;
  for (const protocol::BufferSpec& buffer : launch.buffers) sizes.push_back(buffer.bytes);
  return sizes;
}

std::string element_text(DType dtype, const unsigned char* data, std::int64_t index) {
  char text[48];
  const auto* at = data + static_cast<std::size_t>(index) * dtype_size(dtype);
  switch (dtype) {
    case DType::f32: { float v; std::memcpy(&v, at, 4); std::snprintf(text, sizeof text, "%.9g", v); break; }
    case DType::f64: { double v; std::memcpy(&v, at, 8); std::snprintf(text, sizeof text, "%.17g", v); break; }
    case DType::i32: { std::int32_t v; std::memcpy(&v, at, 4); std::snprintf(text, sizeof text, "%d", v); break; }
    case DType::i64: { std::int64_t v; std::memcpy(&v, at, 8); std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v)); break; }
    case DType::bf16: { std::uint16_t v; std::memcpy(&v, at, 2); std::snprintf(text, sizeof text, "%.4g", protocol::from_bfloat16(v)); break; }
  }
  return text;
}

// The first element where `now` differs from `was`, by bytes.
std::int64_t first_difference(const unsigned char* now, const unsigned char* was,
                              std::size_t bytes, std::size_t element_bytes) {
  for (std::size_t i = 0; i < bytes; ++i) {
    if (now[i] != was[i]) return static_cast<std::int64_t>(i / element_bytes);
  }
  return -1;
}


}  // namespace

SizeWorkspace::SizeWorkspace(const Task& task, protocol::BoundLaunch launch,
                             const std::filesystem::path& scratch_dir)
    : task_(task),
      launch_(std::move(launch)),
      layout_(protocol::layout_buffers(buffer_sizes(launch_))),
      shared_(std::make_unique<worker::SharedBuffers>(scratch_dir, layout_.total_bytes)),
      input_checksums_(launch_.buffers.size(), 0) {}

const unsigned char* SizeWorkspace::buffer(std::size_t index) const {
  return shared_->data() + layout_.slots[index].offset;
}
unsigned char* SizeWorkspace::buffer(std::size_t index) {
  return shared_->data() + layout_.slots[index].offset;
}

void SizeWorkspace::write_inputs(const protocol::InputGenerator& generator, std::uint64_t size_seed) {
  size_seed_ = size_seed;
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::input) continue;
    generator.fill(task_.tensors[t], t, size_seed, buffer(t), spec.elements);
    input_checksums_[t] = protocol::checksum(buffer(t), spec.bytes);
  }
}

void SizeWorkspace::reset_outputs() {
  for (std::size_t b = 0; b < launch_.buffers.size(); ++b) {
    const protocol::BufferSpec& spec = launch_.buffers[b];
    if (spec.role == ArgKind::output) protocol::poison(spec.dtype, buffer(b), spec.elements);
    if (spec.role == ArgKind::scratch) std::memset(buffer(b), 0, spec.bytes);
  }
  protocol::fill_guards(shared_->data(), layout_);
}

RunRequest SizeWorkspace::request(const ModuleEntryPoints& module,
                                  const std::vector<protocol::BoundStep>& steps,
                                  RunMode mode) const {
  if (module.symbols.size() != steps.size()) {
    throw std::logic_error("module " + module.path + " has " + std::to_string(module.symbols.size()) +
                           " entry points for " + std::to_string(steps.size()) + " steps");
  }
  RunRequest request;
  request.shared_object = module.path;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    request.entries.push_back({module.symbols[i], steps[i].args, steps[i].shape});
  }
  request.shm_path = shared_->path().string();
  request.shm_size = shared_->size();
  request.buffers = layout_.slots;
  request.mode = mode;
  if (mode == RunMode::time) {
    for (std::size_t b = 0; b < launch_.buffers.size(); ++b) {
      const protocol::BufferSpec& spec = launch_.buffers[b];
      if (spec.role == ArgKind::output) request.poison.push_back({b, spec.dtype, spec.elements});
    }
  }
  return request;
}

std::string SizeWorkspace::changed_input(const protocol::InputGenerator& generator) const {
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::input) continue;
    if (protocol::checksum(buffer(t), spec.bytes) == input_checksums_[t]) continue;
    // Regenerate the original only now, to say which element changed.
    std::vector<unsigned char> original(spec.bytes);
    generator.fill(task_.tensors[t], t, size_seed_, original.data(), spec.elements);
    const std::int64_t at = first_difference(buffer(t), original.data(), spec.bytes, dtype_size(spec.dtype));
    std::string message = "kernel wrote its input " + spec.name;
    if (at >= 0) {
      message += " (" + spec.name + "[" + std::to_string(at) + "] was " +
                 element_text(spec.dtype, original.data(), at) + ", now " +
                 element_text(spec.dtype, buffer(t), at) + ")";
    }
    return message;
  }
  return "";
}

std::string SizeWorkspace::guard_damage() const {
  const auto damage = protocol::find_guard_damage(shared_->data(), layout_);
  if (!damage) return "";
  if (!damage->after_buffer) {
    return "kernel wrote outside its buffers: before the start of " + launch_.buffers.front().name;
  }
  const protocol::BufferSpec& before = launch_.buffers[*damage->after_buffer];
  std::string message = "kernel wrote outside its buffers: byte " +
                        std::to_string(before.bytes + damage->byte_offset) + " of " + before.name +
                        ", which has " + std::to_string(before.bytes) + " bytes";
  if (*damage->after_buffer + 1 < launch_.buffers.size()) {
    message += " (or before the start of " + launch_.buffers[*damage->after_buffer + 1].name + ")";
  }
  return message;
}

protocol::ReferenceOutputs SizeWorkspace::copy_outputs() const {
  protocol::ReferenceOutputs outputs;
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::output) continue;
    outputs.emplace_back(buffer(t), buffer(t) + spec.bytes);
  }
  return outputs;
}

protocol::Comparison SizeWorkspace::compare(const protocol::ReferenceOutputs& reference,
                                            const Tolerance& tolerance) const {
  protocol::Comparison total;
  std::size_t output_index = 0;
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::output) continue;
    const auto& expected = reference.at(output_index++);
    protocol::merge_into(total, protocol::compare_output(spec.name, spec.dtype, buffer(t),
                                                         expected.data(), spec.elements, tolerance));
  }
  return total;
}

std::string SizeWorkspace::invalid_output() const { return invalid_output(copy_outputs()); }

std::string SizeWorkspace::invalid_output(const protocol::ReferenceOutputs& outputs) const {
  // Compared with itself, an output fails only where it is poison or not finite.
  const protocol::Comparison self = compare(outputs, Tolerance{});
  return self.pass ? "" : self.failure;
}

}  // namespace kevo::fitness::trial
