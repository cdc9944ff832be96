#include "fitness/device_spec.hpp"

#include <cctype>
#include <stdexcept>

namespace kevo::fitness {

namespace {

// "<kind>" or "<kind>:<N>" with up to four digits.
std::optional<int> ordinal_of(const std::string& text, const std::string& kind) {
  if (text == kind) return 0;
  const std::string prefix = kind + ":";
  if (text.rfind(prefix, 0) != 0 || text.size() == prefix.size() || text.size() > prefix.size() + 4) return std::nullopt;
  int ordinal = 0;
  for (std::size_t i = prefix.size(); i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    ordinal = ordinal * 10 + (text[i] - '0');
  }
  return ordinal;
}

}  // namespace

std::optional<DeviceSpec> parse_device_spec(const std::string& text) {
  if (text == "cpu") return DeviceSpec{DeviceSpec::Backend::cpu, 0};
  if (const auto ordinal = ordinal_of(text, "cuda")) return DeviceSpec{DeviceSpec::Backend::cuda, *ordinal};
  if (const auto ordinal = ordinal_of(text, "hip")) return DeviceSpec{DeviceSpec::Backend::hip, *ordinal};
  return std::nullopt;
}

std::unique_ptr<Evaluator> make_evaluator(const DeviceSpec& device, const Context& context, const Task& task,
                                          const EvaluationProtocol& protocol) {
  switch (device.backend) {
    case DeviceSpec::Backend::cpu: return make_cpu_evaluator(context, task, protocol);
    case DeviceSpec::Backend::cuda: return make_cuda_evaluator(context, task, protocol, device.ordinal);
    case DeviceSpec::Backend::hip: return make_hip_evaluator(context, task, protocol, device.ordinal);
  }
  throw std::logic_error("unknown device back end");
}

}  // namespace kevo::fitness
