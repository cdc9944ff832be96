#pragma once
// Roofs measured on one device by `kevo calibrate`, stored beside the
// datasheet profiles as hardware_profiles/measured/<id>.yaml. They replace
// the datasheet roofs they cover, because a datasheet peak is rarely reached.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "fitness/hardware/precision.hpp"

namespace kevo::fitness::hardware {

struct MeasuredCeilings {
  std::string id;            // the profile these belong to (and the file's stem)
  std::string device_name;   // as the driver reported it
  std::string measured_on;   // "YYYY-MM-DD"
  std::string host;
  // (bytes read + bytes written) / time of a large device-to-device copy, GB/s.
  std::optional<double> copy_bandwidth_gbs;
  std::map<Precision, double> peak_tflops;  // any subset
  bool operator==(const MeasuredCeilings&) const = default;
};

// Strict: unknown, repeated or missing keys, bad values, an id that is not the
// file's stem, or a file that measures nothing throw ProfileError naming
// "<file>:<line>:<col>" and the key.
MeasuredCeilings load_measured(const std::filesystem::path& path);

// Validates like load_measured, creates the parent directories, and writes
// atomically (a temporary file in the same directory, renamed over `path`),
// so a reader never sees half a file. Throws ProfileError naming the path.
void save_measured(const std::filesystem::path& path, const MeasuredCeilings& measured);

}  // namespace kevo::fitness::hardware
