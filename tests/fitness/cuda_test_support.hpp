#pragma once
// Fixtures for the CUDA back-end tests: the CUDA adversarial corpus, and the
// two questions a test asks before it runs: is NVRTC here (compile tests run
// in CI, which has the toolkit but no GPU), and is a GPU here ([gpu] tests).
#include <memory>
#include <string>

#include "cpu_test_support.hpp"
#include "fitness/cuda/nvrtc_api.hpp"
#include "fitness/evaluator.hpp"

namespace kevo::test {

inline std::string cuda_kernel(const std::string& name) {
  return read_text(adversarial_dir() / "cuda_kernels" / (name + ".cu"));
}

inline fitness::Task vadd_cuda_task() { return fitness::load_task(adversarial_dir() / "vadd_cuda"); }

inline bool nvrtc_available() {
  try {
    fitness::cuda::NvrtcApi api;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The evaluator on cuda:0, or nullptr (with the reason) where there is no
// driver or no GPU. Any other failure is a real error and throws.
inline std::unique_ptr<fitness::Evaluator> try_cuda_evaluator(const fitness::Context& context,
                                                             const fitness::Task& task,
                                                             const fitness::EvaluationProtocol& protocol,
                                                             std::string& why_not) {
  try {
    return fitness::make_cuda_evaluator(context, task, protocol, 0);
  } catch (const std::runtime_error& error) {
    const std::string text = error.what();
    if (text.find("no NVIDIA driver") != std::string::npos || text.find("no such device") != std::string::npos ||
        text.find("CUDA_ERROR_NO_DEVICE") != std::string::npos) {
      why_not = text;
      return nullptr;
    }
    throw;
  }
}

}  // namespace kevo::test
