#pragma once
// Everything a component needs from its surroundings, passed explicitly:
// kevo keeps no global state.
#include <filesystem>
#include <functional>
#include <string>

namespace kevo::fitness {

struct Context {
  std::filesystem::path cache_dir;          // content-addressed compile cache
  std::filesystem::path worker_executable;  // kevo-worker
  std::filesystem::path hiprtc_executable;  // kevo-hiprtc; "" = locate_hiprtc_executable()
  std::filesystem::path scratch_dir = "/dev/shm";  // shared buffers between engine and worker
  unsigned compile_jobs = 2;                // parallel compiler processes
  std::string cpu_compiler;                 // CPU back end's compiler; "" = $CXX, else "c++"
  std::filesystem::path profiles_dir;       // hardware_profiles/; "" = no roofline positions
  std::string python = "python3";           // runs PyTorch references (KernelBench-format tasks); $KEVO_PYTHON
  std::function<void(const std::string&)> log = [](const std::string&) {};
};

// Finds kevo-worker beside the running executable (or in KEVO_WORKER), else throws.
std::filesystem::path locate_worker_executable();
// kevo-hiprtc, the HIP compile child, found the same way ($KEVO_HIPRTC).
std::filesystem::path locate_hiprtc_executable();

// hardware_profiles/: $KEVO_PROFILES_DIR, else beside the build's source
// tree, else ../hardware_profiles next to the executable; "" when none exists.
std::filesystem::path locate_profiles_dir();

}  // namespace kevo::fitness
