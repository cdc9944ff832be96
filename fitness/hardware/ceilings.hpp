#pragma once
// The two roofs a roofline needs for one device and one precision, and where
// each came from: measured by `kevo calibrate` when it was, the datasheet
// otherwise. A measured roof is what the device really reaches, so fractions
// against it are honest; a datasheet roof flatters nobody but is never met.
#include <string>

#include "fitness/hardware/precision.hpp"

namespace kevo::fitness::hardware {

struct HardwareProfile;

struct Ceilings {
  Precision precision = Precision::fp32;
  double bytes_per_second = 0;
  double flops_per_second = 0;
  bool bandwidth_measured = false;
  bool flops_measured = false;
  std::string bandwidth_source;  // "measured 2026-11-25" or "datasheet"
  std::string flops_source;      // "measured 2026-11-25" or "datasheet"

  // "measured 2026-11-25" or "datasheet" when both roofs agree, else
  // "bandwidth measured 2026-11-25, fp32 peak datasheet".
  std::string source() const;
};

// Measured values where present (copy bandwidth; the peak of this precision),
// datasheet values otherwise. Throws ProfileError naming the profile and its
// file when neither has a peak for `precision`.
Ceilings ceilings(const HardwareProfile& profile, Precision precision);

}  // namespace kevo::fitness::hardware
