#pragma once
// Facts about the host CPU that the protocol needs: a stable device id and
// the size of the last-level cache (for cache flushing between samples).
#include <cstddef>
#include <string>

namespace kevo::fitness::cpu {

// "model name" from /proc/cpuinfo (or "unknown-cpu").
std::string cpu_model_name();

// "cpu:" + the model name with every run of characters outside [A-Za-z0-9._-]
// turned into one '-', e.g. "cpu:AMD-EPYC-7B13".
std::string cpu_device_id();

// The last-level cache one core sees: sysfs first (it reports the share a core
// actually has, where sysconf may report the whole package), then
// sysconf(_SC_LEVEL3_CACHE_SIZE); 0 when unknown.
std::size_t last_level_cache_bytes();

// What to flush between timing samples: twice the last-level cache, at least 32 MiB.
std::size_t default_flush_bytes();

}  // namespace kevo::fitness::cpu
