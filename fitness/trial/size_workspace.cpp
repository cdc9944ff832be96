#include "fitness/trial/size_workspace.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "fitness/protocol/changed_input.hpp"
#include "fitness/protocol/checksum.hpp"
#include "fitness/protocol/poison.hpp"

namespace kevo::fitness::trial {

namespace {

using protocol::ArgKind;

}  // namespace

SizeWorkspace::SizeWorkspace(const Task& task, protocol::BoundLaunch launch,
                             const std::filesystem::path& scratch_dir)
    : task_(task),
      launch_(std::move(launch)),
      layout_(layout_for(launch_)),
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
  inputs_checksummed_ = true;
}

void SizeWorkspace::reset_outputs() {
  for (std::size_t b = 0; b < launch_.buffers.size(); ++b) {
    const protocol::BufferSpec& spec = launch_.buffers[b];
    if (spec.role == ArgKind::output) protocol::poison(spec.dtype, buffer(b), spec.elements);
    if (spec.role == ArgKind::scratch) std::memset(buffer(b), 0, spec.bytes);
  }
  protocol::fill_guards(shared_->data(), layout_);
}

protocol::BufferLayout layout_for(const protocol::BoundLaunch& launch) {
  std::vector<std::size_t> sizes;
  for (const protocol::BufferSpec& buffer : launch.buffers) sizes.push_back(buffer.bytes);
  return protocol::layout_buffers(sizes);
}

RunRequest layout_request(const ModuleEntryPoints& module, const std::vector<protocol::BoundStep>& steps,
                          const std::vector<protocol::BufferSpec>& buffers, const protocol::BufferLayout& layout,
                          RunMode mode) {
  if (module.symbols.size() != steps.size()) {
    throw std::logic_error("module " + module.path + " has " + std::to_string(module.symbols.size()) +
                           " entry points for " + std::to_string(steps.size()) + " steps");
  }
  RunRequest request;
  request.shared_object = module.path;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    request.entries.push_back({module.symbols[i], steps[i].args, steps[i].shape});
  }
  request.shm_size = layout.total_bytes;
  request.buffers = layout.slots;
  for (std::size_t b = 0; b < buffers.size(); ++b) {
    request.buffer_names.push_back(buffers[b].name);
    if (buffers[b].role == ArgKind::input) request.read_only.push_back(b);
  }
  request.mode = mode;
  return request;
}

RunRequest SizeWorkspace::request(const ModuleEntryPoints& module,
                                  const std::vector<protocol::BoundStep>& steps,
                                  RunMode mode) const {
  RunRequest request = layout_request(module, steps, launch_.buffers, layout_, mode);
  request.shm_path = shared_->path().string();
  return request;
}

void SizeWorkspace::adopt_inputs(std::uint64_t size_seed) {
  size_seed_ = size_seed;
  inputs_checksummed_ = false;
}

std::string SizeWorkspace::changed_input(const protocol::InputGenerator& generator) const {
  if (!inputs_checksummed_) return "";
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::input) continue;
    if (protocol::checksum(buffer(t), spec.bytes) == input_checksums_[t]) continue;
    // Regenerate the original only now, to say which element changed.
    std::vector<unsigned char> original(spec.bytes);
    generator.fill(task_.tensors[t], t, size_seed_, original.data(), spec.elements);
    return protocol::describe_changed_input(spec.name, spec.dtype, original.data(), buffer(t), spec.bytes);
  }
  return "";
}

std::string SizeWorkspace::guard_damage() const {
  std::vector<std::string> names;
  for (const protocol::BufferSpec& buffer : launch_.buffers) names.push_back(buffer.name);
  return protocol::describe_guard_damage(shared_->data(), layout_, names);
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

template <typename Got, typename Expected>
protocol::Comparison SizeWorkspace::compare_outputs(const Tolerance& tolerance, Got got, Expected expected) const {
  protocol::Comparison total;
  std::size_t output_index = 0;
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::output) continue;
    protocol::merge_into(total, protocol::compare_output(spec.name, spec.dtype, got(t, output_index),
                                                         expected(t, output_index), spec.elements, tolerance));
    ++output_index;
  }
  return total;
}

protocol::Comparison SizeWorkspace::compare(const protocol::ReferenceOutputs& reference,
                                            const Tolerance& tolerance) const {
  return compare_outputs(
      tolerance, [&](std::size_t t, std::size_t) { return buffer(t); },
      [&](std::size_t, std::size_t o) { return reference.at(o).data(); });
}

protocol::Comparison SizeWorkspace::compare_kept(const protocol::ReferenceOutputs& candidate,
                                                 const Tolerance& tolerance) const {
  return compare_outputs(
      tolerance, [&](std::size_t, std::size_t o) { return candidate.at(o).data(); },
      [&](std::size_t t, std::size_t) { return buffer(t); });
}

void SizeWorkspace::copy_outputs_into(protocol::ReferenceOutputs& kept) const {
  std::size_t output_index = 0;
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::output) continue;
    if (kept.size() <= output_index) kept.emplace_back();
    kept[output_index].assign(buffer(t), buffer(t) + spec.bytes);
    ++output_index;
  }
}

std::string SizeWorkspace::invalid_output() const {
  for (std::size_t t = 0; t < task_.tensors.size(); ++t) {
    const protocol::BufferSpec& spec = launch_.buffers[t];
    if (spec.role != ArgKind::output) continue;
    const std::string bad = protocol::invalid_element(spec.name, spec.dtype, buffer(t), spec.elements);
    if (!bad.empty()) return bad;
  }
  return "";
}

}  // namespace kevo::fitness::trial
