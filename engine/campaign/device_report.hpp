#pragma once
// The cross-device part of a distributed run's report: for each task, the
// best variant on each device model, and the best portable variant, the one
// with the highest geometric mean of its speedups over each device's own
// seed across every device model of the run (migrants are re-measured where
// they arrive, so good variants are measured on several devices).
#include <filesystem>
#include <string>
#include <vector>

#include "engine/campaign/task_summary.hpp"

namespace kevo::engine {

struct DeviceMeasurement {
  std::string variant_id;
  std::string device_id;
  double seconds = 0;
};

struct DeviceTable {
  std::string task;
  std::vector<TaskSummary> per_device;         // the seed time of each device comes from here
  std::vector<DeviceMeasurement> measurements;  // correct variants only, from every shard
};

// Reads every shard's summaries and correct measurements for `tasks`.
std::vector<DeviceTable> read_device_tables(const std::vector<std::filesystem::path>& archives,
                                            const std::vector<std::string>& tasks);
std::string render_device_tables(const std::vector<DeviceTable>& tables);

}  // namespace kevo::engine
