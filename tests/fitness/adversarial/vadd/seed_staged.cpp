// The honest kernel in two launch steps through a scratch buffer the plan
// declares: t = 2*y, then z = x + t. Scratch is zeroed before every run; its
// first 64 bytes are left for a header (the corpus's scratch cheats use it).
#include <cstdint>

namespace {
float* twice_of(void* t) { return reinterpret_cast<float*>(static_cast<char*>(t) + 64); }
}  // namespace

void vadd_stage(const float* y, void* t, int64_t n) {
  float* twice = twice_of(t);
  for (int64_t i = 0; i < n; ++i) twice[i] = 2.0f * y[i];
}

void vadd_finish(const float* x, void* t, float* z, int64_t n) {
  const float* twice = twice_of(t);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + twice[i];
}
