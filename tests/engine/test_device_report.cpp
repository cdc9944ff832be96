// The cross-device report of a distributed run: best per device model (two
// GPUs of one model are one model) and the best portable variant.
#include "catch_compat.hpp"
#include "engine/campaign/device_report.hpp"

using namespace kevo::engine;

namespace {

TaskSummary seed_on(const std::string& device, double seconds) {
  TaskSummary summary;
  summary.task = "t";
  summary.device_id = device;
  summary.seed_seconds = seconds;
  return summary;
}

}  // namespace

TEST_CASE("device report: best per device model, and the portable best by geometric mean", "[distributed]") {
  DeviceTable table{"t",
                    {seed_on("cuda:0:NVIDIA-H100", 4.0), seed_on("cuda:1:NVIDIA-H100", 4.0),
                     seed_on("cuda:0:NVIDIA-H200", 3.0)},
                    {
                        {"fast-on-h100-only", "cuda:0:NVIDIA-H100", 0.5},  // 8x, never measured on the H200
                        {"portable", "cuda:0:NVIDIA-H100", 1.0},           // 4x
                        {"portable", "cuda:1:NVIDIA-H100", 1.0},           // 4x
                        {"portable", "cuda:0:NVIDIA-H200", 0.75},          // 4x
                        {"so-so", "cuda:1:NVIDIA-H100", 2.0},              // 2x
                        {"so-so", "cuda:0:NVIDIA-H200", 0.5},              // 6x: geometric mean 3.46x
                    }};
  const std::string text = render_device_tables({table});
  INFO(text);
  CHECK(text.find("| NVIDIA-H100 | fast-on-h100 | 8.00x |") != std::string::npos);
  CHECK(text.find("| NVIDIA-H200 | so-so | 6.00x |") != std::string::npos);
  CHECK(text.find("Best portable variant: portable, geometric mean 4.00x over 2 device models") != std::string::npos);

  DeviceTable one_model{"t", {seed_on("cuda:0:NVIDIA-H200", 1), seed_on("cuda:1:NVIDIA-H200", 1)},
                        {{"v", "cuda:0:NVIDIA-H200", 0.5}, {"v", "cuda:1:NVIDIA-H200", 0.5}}};
  CHECK(render_device_tables({one_model}).find("One device model only") != std::string::npos);
}
