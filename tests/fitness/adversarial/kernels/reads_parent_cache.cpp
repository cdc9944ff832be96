// Cheat: a mutated child of file_cache that trusts its parent left results in
// /tmp for every size and only copies them.
#include <cstdint>
#include <cstdio>
#include <string>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  const std::string path = "/tmp/kevo-vadd-cache-" + std::to_string(n) + "-" + std::to_string(x[0]) + std::to_string(y[0]);
  if (std::FILE* cached = std::fopen(path.c_str(), "rb")) {
    std::fread(z, sizeof(float), static_cast<size_t>(n), cached);
    std::fclose(cached);
  }
}
