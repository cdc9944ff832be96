// softmax_rows draft B: one warp per row, max and sum reduced with shuffles
extern "C" __global__ void softmax_warp(const float* x, float* y, long long rows, long long cols) {
  const long long row = static_cast<long long>(blockIdx.x) * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= rows) return;  // whole warps leave together: a warp owns one row
  const float* in = x + row * cols;
  float* out = y + row * cols;
  float m = __int_as_float(0xff800000);  // -inf
  for (long long c = lane; c < cols; c += 32) m = fmaxf(m, in[c]);
  for (int offset = 16; offset > 0; offset /= 2) m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, offset));
  float s = 0.0f;
  for (long long c = lane; c < cols; c += 32) s += __expf(in[c] - m);
  for (int offset = 16; offset > 0; offset /= 2) s += __shfl_xor_sync(0xffffffffu, s, offset);
  const float inverse = 1.0f / s;
  for (long long c = lane; c < cols; c += 32) out[c] = __expf(in[c] - m) * inverse;
}
