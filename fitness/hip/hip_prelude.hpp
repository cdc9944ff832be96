#pragma once
// The text kevo puts before every HIP source: CUDA spellings that kevo's
// seeds use and ROCm lacks, mapped to HIP's, so a kernel written once for
// CUDA also compiles for AMD GPUs. Warp shuffles keep CUDA's default width
// of 32 lanes, so warp-level code written for 32-lane warps means the same
// on 64-lane wavefronts; CUDA's streaming cache hints (__ldcs, __stcs) load
// and store the same values without the hint. A `#line 1` after it keeps compiler messages on the
// kernel's own line numbers.
#include <string>

namespace kevo::fitness::hip {

// `has_sync_shuffles`: ROCm >= 6.2 declares the *_sync shuffles itself.
std::string hip_prelude(bool has_sync_shuffles);

// The prelude, then the kernel source.
std::string with_hip_prelude(const std::string& source, bool has_sync_shuffles);

}  // namespace kevo::fitness::hip
