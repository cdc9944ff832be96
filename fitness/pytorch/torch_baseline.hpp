#pragma once
// PyTorch's own time for a KernelBench-format problem at the bench size, on
// the device kevo searches: eager, and torch.compile where it works. The
// field reports kernels as speedups over eager ("fast_1": correct and faster
// than eager); kevo reports them beside its own seed-relative speedups.
#include <optional>
#include <string>

namespace kevo::fitness::pytorch {

struct TorchBaseline {
  double eager_seconds = 0;
  std::optional<double> compile_seconds;
  std::string compile_error;  // why torch.compile could not be timed
  std::string torch_version;
  std::string device;         // "cuda" or "cpu"
};

}  // namespace kevo::fitness::pytorch
