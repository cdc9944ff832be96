#include "fitness/hardware/ceilings.hpp"

#include "fitness/hardware/hardware_profile.hpp"

namespace kevo::fitness::hardware {

namespace {

constexpr double kGiga = 1e9;
constexpr double kTera = 1e12;

std::string known_peaks(const HardwareProfile& profile) {
  std::string names;
  auto add = [&](Precision precision) {
    const std::string name = to_string(precision);
    if (names.find(name) == std::string::npos) names += (names.empty() ? "" : ", ") + name;
  };
  for (const auto& entry : profile.peak_tflops) add(entry.first);
  if (profile.measured) {
    for (const auto& entry : profile.measured->peak_tflops) add(entry.first);
  }
  return names;
}

}  // namespace

std::string Ceilings::source() const {
  if (bandwidth_source == flops_source) return bandwidth_source;
  return "bandwidth " + bandwidth_source + ", " + to_string(precision) + " peak " + flops_source;
}

Ceilings ceilings(const HardwareProfile& profile, Precision precision) {
  Ceilings result;
  result.precision = precision;
  const std::string measured_label = profile.measured ? "measured " + profile.measured->measured_on : "";

  if (profile.measured && profile.measured->copy_bandwidth_gbs) {
    result.bytes_per_second = *profile.measured->copy_bandwidth_gbs * kGiga;
    result.bandwidth_measured = true;
    result.bandwidth_source = measured_label;
  } else {
    result.bytes_per_second = profile.memory_bandwidth_gbs * kGiga;
    result.bandwidth_source = "datasheet";
  }

  const std::map<Precision, double>* measured_peaks = profile.measured ? &profile.measured->peak_tflops : nullptr;
  if (measured_peaks != nullptr && measured_peaks->contains(precision)) {
    result.flops_per_second = measured_peaks->at(precision) * kTera;
    result.flops_measured = true;
    result.flops_source = measured_label;
  } else if (auto datasheet = profile.peak_tflops.find(precision); datasheet != profile.peak_tflops.end()) {
    result.flops_per_second = datasheet->second * kTera;
    result.flops_source = "datasheet";
  } else {
    throw ProfileError("hardware profile '" + profile.id + "' (" + profile.file + ") has no " + to_string(precision) +
                       " peak (it has: " + known_peaks(profile) + "); add " + to_string(precision) +
                       " to its peak_tflops if the device supports it, or measure it with `kevo calibrate`");
  }
  return result;
}

}  // namespace kevo::fitness::hardware
