#include "fitness/gpu/gpu_session_device.hpp"

#include <algorithm>
#include <cstring>

#include "fitness/protocol/changed_input.hpp"
#include "fitness/protocol/random.hpp"
#include "fitness/worker/shared_mapping.hpp"

namespace kevo::fitness::gpu {

namespace {

constexpr std::uint64_t kNoDamage = ~0ULL;

double from_bits(unsigned long long bits) {
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::vector<std::unique_ptr<KernelLaunch>> prepare_steps(GpuRuntime& runtime, ModuleHandle module,
                                                         const std::vector<worker::WorkerEntry>& entries,
                                                         const std::vector<DevicePointer>& buffers) {
  std::vector<std::unique_ptr<KernelLaunch>> launches;
  for (const worker::WorkerEntry& entry : entries) launches.push_back(runtime.prepare(module, entry, buffers));
  return launches;
}

std::vector<worker::WorkerEntry> reference_entries(const session::ReferenceLaunch& reference) {
  std::vector<worker::WorkerEntry> entries;
  for (std::size_t i = 0; i < reference.steps.size(); ++i) {
    entries.push_back({reference.symbols.at(i), reference.steps[i].args, reference.steps[i].shape});
  }
  return entries;
}

}  // namespace

GpuSessionDevice::GpuSessionDevice(GpuRuntime& runtime, const worker::RunRequest& request,
                                   const SessionModules& modules)
    : runtime_(runtime),
      request_(request),
      spec_(request.session.value()),
      layout_{request.buffers, request.shm_size},
      protocol_(runtime, modules.protocol),
      region_(runtime),
      stash_(runtime),
      flush_(runtime),
      gaps_(runtime),
      checks_(runtime),
      comparisons_(runtime),
      scratch_copy_(runtime) {
  const DevicePointer region = region_.ensure(request_.shm_size, "the session's buffers");
  for (const protocol::BufferSlot& slot : request_.buffers) buffer_addresses_.push_back(region + slot.offset);
  candidate_ = prepare_steps(runtime_, modules.candidate, request_.entries, buffer_addresses_);
  replay_ = runtime_.record_plan(candidate_);
  if (modules.reference != nullptr && spec_.reference) {
    try {
      reference_ = prepare_steps(runtime_, modules.reference, reference_entries(*spec_.reference), buffer_addresses_);
    } catch (const LaunchRejected& error) {
      throw std::runtime_error(std::string("the task's GPU reference cannot be launched: ") + error.what());
    }
  }
  // Each output starts 256-byte aligned in a slot, so the compare kernel's typed loads are aligned.
  for (const session::OutputCheck& output : spec_.outputs) {
    kept_offsets_.push_back(outputs_bytes_);
    outputs_bytes_ += (request_.buffers.at(output.buffer).bytes + 255) / 256 * 256;
  }
  stash_.ensure(std::max<std::size_t>(outputs_bytes_, 1), "a run's kept outputs");
  if (request_.flush_bytes > 0) flush_.ensure(request_.flush_bytes, "the L2 flush");
  std::vector<std::uint64_t> gaps;
  for (const auto& [begin, end] : protocol::guard_gaps(layout_)) {
    gaps.push_back(begin);
    gaps.push_back(end);
  }
  gap_count_ = static_cast<int>(gaps.size() / 2);
  if (!gaps.empty()) runtime_.upload(gaps_.ensure(gaps.size() * 8, "the guard table"), gaps.data(), gaps.size() * 8);
  const int runs = (spec_.check_run ? 1 : 0) + spec_.warmup + std::max(1, spec_.samples);
  const std::size_t checksum_words = static_cast<std::size_t>(runs) * 2 * spec_.inputs.size();
  const DevicePointer checks = checks_.ensure((checksum_words + static_cast<std::size_t>(runs)) * 8, "the runs' checks");
  runtime_.fill(checks, 0, checksum_words * 8);
  runtime_.fill(checks + checksum_words * 8, 0xFF, static_cast<std::size_t>(runs) * 8);
  comparisons_.ensure(std::max<std::size_t>(spec_.outputs.size(), 1) * sizeof(DeviceComparison), "comparisons");
  events_ = runtime_.timing_events(static_cast<std::size_t>(std::max(1, spec_.samples)));
}

population::KernelResources GpuSessionDevice::resources() const {
  std::vector<population::KernelResources> steps;
  for (const auto& launch : candidate_) steps.push_back(launch->resources());
  return population::most_demanding(steps);
}

DevicePointer GpuSessionDevice::check_word(int run, std::size_t index) const {
  const std::size_t inputs = spec_.inputs.size();
  if (index < 2 * inputs) return checks_.pointer() + (static_cast<std::size_t>(run) * 2 * inputs + index) * 8;
  const int runs = (spec_.check_run ? 1 : 0) + spec_.warmup + std::max(1, spec_.samples);
  return checks_.pointer() + (static_cast<std::size_t>(runs) * 2 * inputs + static_cast<std::size_t>(run)) * 8;
}

DevicePointer GpuSessionDevice::kept_output(int slot, std::size_t output) const {
  return stash_.pointer() + static_cast<std::size_t>(slot) * outputs_bytes_ + kept_offsets_.at(output);
}

int GpuSessionDevice::stash_capacity(const session::SessionSpec& spec) {
  const int samples = std::max(1, spec.samples);
  if (outputs_bytes_ == 0) return samples;
  const std::size_t budget = std::min(spec.stash_bytes, runtime_.free_bytes() / 2);
  const int capacity = static_cast<int>(std::clamp<std::size_t>(budget / outputs_bytes_, 1, static_cast<std::size_t>(samples)));
  stash_.ensure(static_cast<std::size_t>(capacity) * outputs_bytes_, "the timed runs' kept outputs");
  return capacity;
}

void GpuSessionDevice::draw_inputs(std::uint64_t seed) {
  for (const session::InputDraw& input : spec_.inputs) {
    protocol_.draw(address(input.buffer), input.elements, input.dtype, input.init,
                   protocol::tensor_stream_seed(seed, input.tensor));
  }
}

void GpuSessionDevice::prepare(int run, std::uint64_t seed) {
  if (run_seeds_.size() <= static_cast<std::size_t>(run)) run_seeds_.resize(static_cast<std::size_t>(run) + 1);
  run_seeds_[static_cast<std::size_t>(run)] = seed;
  runs_ = std::max(runs_, run + 1);
  draw_inputs(seed);
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
    const session::InputDraw& input = spec_.inputs[i];
    protocol_.checksum(address(input.buffer), static_cast<std::int64_t>(request_.buffers.at(input.buffer).bytes),
                       check_word(run, i));
  }
  for (const session::OutputCheck& output : spec_.outputs) protocol_.poison(address(output.buffer), output.elements, output.dtype);
  for (const std::size_t scratch : spec_.scratch) runtime_.fill(address(scratch), 0, request_.buffers.at(scratch).bytes);
  for (const auto& [begin, end] : protocol::guard_gaps(layout_)) {
    runtime_.fill(region_.pointer() + begin, protocol::guard_canary(), end - begin);
  }
}

void GpuSessionDevice::run_plan() {
  if (replay_) {
    replay_->launch();
    return;
  }
  for (auto& launch : candidate_) launch->launch();
}

void GpuSessionDevice::launch(int, bool timed) {
  if (!timed) {
    run_plan();
    return;
  }
  // The flush and everything before it are outside the events.
  if (request_.flush_bytes > 0) {
    runtime_.fill(flush_.pointer(), static_cast<unsigned char>(timed_), request_.flush_bytes);
  }
  events_->record_start(static_cast<std::size_t>(timed_));
  run_plan();
  events_->record_stop(static_cast<std::size_t>(timed_));
  ++timed_;
}

void GpuSessionDevice::after_run(int run, std::optional<int> stash_slot_index) {
  const std::size_t inputs = spec_.inputs.size();
  for (std::size_t i = 0; i < inputs; ++i) {
    const session::InputDraw& input = spec_.inputs[i];
    protocol_.checksum(address(input.buffer), static_cast<std::int64_t>(request_.buffers.at(input.buffer).bytes),
                       check_word(run, inputs + i));
  }
  if (gap_count_ > 0) {
    protocol_.check_guards(region_.pointer(), gaps_.pointer(), gap_count_, protocol::guard_canary(),
                           check_word(run, 2 * inputs));
  }
  if (!stash_slot_index) return;
  for (std::size_t o = 0; o < spec_.outputs.size(); ++o) {
    const session::OutputCheck& output = spec_.outputs[o];
    runtime_.copy(kept_output(*stash_slot_index, o), address(output.buffer), request_.buffers.at(output.buffer).bytes);
  }
}

std::vector<double> GpuSessionDevice::finish() {
  runtime_.synchronize("run the kernels");
  check_runs_up_to(runs_);
  std::vector<double> samples;
  for (int k = 0; k < timed_; ++k) samples.push_back(events_->seconds(static_cast<std::size_t>(k)));
  return samples;
}

void GpuSessionDevice::check_runs_up_to(int end) {
  if (end <= checked_) return;
  const std::size_t inputs = spec_.inputs.size();
  const auto first = static_cast<std::size_t>(checked_);
  const auto count = static_cast<std::size_t>(end - checked_);
  // Two copies back for all the runs at once: the checksums, then the guards' verdicts.
  std::vector<std::uint64_t> sums(count * 2 * inputs);
  std::vector<std::uint64_t> first_bad(count, kNoDamage);
  if (!sums.empty()) runtime_.download(sums.data(), check_word(checked_, 0), sums.size() * 8);
  if (gap_count_ > 0) runtime_.download(first_bad.data(), check_word(checked_, 2 * inputs), count * 8);
  for (std::size_t k = 0; k < count; ++k) {
    const int run = static_cast<int>(first + k);
    const std::uint64_t* run_sums = sums.data() + k * 2 * inputs;
    for (std::size_t i = 0; i < inputs; ++i) {
      if (run_sums[i] != run_sums[inputs + i]) throw session::RunVerdict("rejected", run, changed_input(run, i));
    }
    if (first_bad[k] != kNoDamage) {
      throw session::RunVerdict("wrong_result", run,
                                protocol::describe_guard_damage(protocol::guard_damage_at(layout_, first_bad[k]),
                                                                layout_, request_.buffer_names));
    }
  }
  checked_ = end;
}

std::string GpuSessionDevice::changed_input(int run, std::size_t index) {
  const session::InputDraw& input = spec_.inputs[index];
  const std::string name = input.name;
  if (run + 1 != runs_) return "kernel wrote its input " + name;  // later runs drew it again: no element to name
  const std::size_t bytes = request_.buffers.at(input.buffer).bytes;
  const DevicePointer was = scratch_copy_.ensure(bytes, "an input drawn again");
  protocol_.draw(was, input.elements, input.dtype, input.init,
                 protocol::tensor_stream_seed(run_seeds_.at(static_cast<std::size_t>(run)), input.tensor));
  std::vector<unsigned char> drawn(bytes), now(bytes);
  runtime_.download(drawn.data(), was, bytes);
  runtime_.download(now.data(), address(input.buffer), bytes);
  return protocol::describe_changed_input(name, input.dtype, drawn.data(), now.data(), bytes);
}

protocol::Comparison GpuSessionDevice::verify(std::uint64_t seed, int slot) {
  draw_inputs(seed);
  for (const session::OutputCheck& output : spec_.outputs) protocol_.poison(address(output.buffer), output.elements, output.dtype);
  for (auto& launch : reference_) launch->launch();
  std::vector<DeviceComparison> fresh(spec_.outputs.size());
  runtime_.synchronize("run the GPU reference");
  if (!fresh.empty()) runtime_.upload(comparisons_.pointer(), fresh.data(), fresh.size() * sizeof(DeviceComparison));
  protocol::Comparison total;
  for (std::size_t o = 0; o < spec_.outputs.size(); ++o) {
    protocol::merge_into(total, compare_output(spec_.outputs[o], kept_output(slot, o),
                                               comparisons_.pointer() + o * sizeof(DeviceComparison)));
  }
  return total;
}

protocol::Comparison GpuSessionDevice::compare_output(const session::OutputCheck& output, DevicePointer kept,
                                                      DevicePointer result) {
  protocol_.compare(kept, address(output.buffer), output.elements, output.dtype, spec_.tolerance, result);
  DeviceComparison counted;
  runtime_.download(&counted, result, sizeof counted);
  protocol::ComparisonCounts counts;
  counts.failing = static_cast<std::int64_t>(counted.failing);
  counts.diff_squared = counted.diff_squared;
  counts.ref_squared = counted.ref_squared;
  counts.max_abs = from_bits(counted.max_abs_bits);
  counts.max_rel = from_bits(counted.max_rel_bits);
  if (counted.failing > 0) {
    // Only the first failing element crosses to the host, to name it.
    const std::size_t width = dtype_size(output.dtype);
    const std::size_t at = static_cast<std::size_t>(counted.first_failing) * width;
    unsigned char got[8] = {};
    unsigned char expected[8] = {};
    runtime_.download(got, kept + at, width);
    runtime_.download(expected, address(output.buffer) + at, width);
    counts.first_failure = protocol::element_failure(output.name, output.dtype, got,
                                                     static_cast<std::int64_t>(counted.first_failing),
                                                     protocol::load_element(output.dtype, expected, 0), spec_.tolerance);
  }
  return protocol::comparison_from_counts(output.name, output.elements, counts, spec_.tolerance);
}

void GpuSessionDevice::export_run(std::uint64_t seed, int slot) {
  draw_inputs(seed);
  for (std::size_t o = 0; o < spec_.outputs.size(); ++o) {
    const session::OutputCheck& output = spec_.outputs[o];
    runtime_.copy(address(output.buffer), kept_output(slot, o), request_.buffers.at(output.buffer).bytes);
  }
  const worker::SharedMapping shared(request_.shm_path, request_.shm_size);
  runtime_.download(shared.base(), region_.pointer(), request_.shm_size);
}

}  // namespace kevo::fitness::gpu
