#pragma once
// A device as a campaign names it: "cpu", "cuda" (= "cuda:0"), "cuda:<N>",
// "hip" (= "hip:0") or "hip:<N>".
#include <memory>
#include <optional>
#include <string>

#include "fitness/evaluator.hpp"

namespace kevo::fitness {

struct DeviceSpec {
  enum class Backend { cpu, cuda, hip };
  Backend backend = Backend::cpu;
  int ordinal = 0;
};

// nullopt when `text` names no device kevo knows.
std::optional<DeviceSpec> parse_device_spec(const std::string& text);

// The evaluator for `device`; throws std::runtime_error when the device cannot
// be opened, and for HIP devices, which kevo compiles for but cannot run yet.
std::unique_ptr<Evaluator> make_evaluator(const DeviceSpec& device, const Context& context, const Task& task,
                                          const EvaluationProtocol& protocol);

}  // namespace kevo::fitness
