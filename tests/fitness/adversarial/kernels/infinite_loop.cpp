// Hang: never returns (volatile, so the loop is not undefined behaviour).
#include <cstdint>

void vadd(const float*, const float*, float*, int64_t) {
  volatile int64_t spin = 0;
  for (;;) spin = spin + 1;
}
