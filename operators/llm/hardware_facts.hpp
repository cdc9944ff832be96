#pragma once
// The device, as a prompt tells a model about it: the hardware profile's
// limits (threads, registers, shared memory, L2, warp size) and its roofs,
// measured by `kevo calibrate` where available, else the datasheet's.
#include <string>

#include "fitness/hardware/hardware_profile.hpp"

namespace kevo::operators::llm {

std::string hardware_facts(const fitness::hardware::HardwareProfile& profile);

}  // namespace kevo::operators::llm
