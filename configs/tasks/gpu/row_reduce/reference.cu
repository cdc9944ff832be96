// GPU reference for row_reduce: out[r] = sum_j x[r][j] in double. One warp per row:
// lane l sums columns l, l + 32, ... in double, then the 32 partial sums are added by
// a butterfly of shuffles (all in double).
extern "C" __global__ void row_reduce_reference(const float* x, float* out, long long R, long long C) {
  const long long row = static_cast<long long>(blockIdx.x) * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= R) return;  // the whole warp leaves together
  double acc = 0.0;
  for (long long j = lane; j < C; j += 32) acc += static_cast<double>(x[row * C + j]);
  for (int offset = 16; offset > 0; offset /= 2) acc += __shfl_xor_sync(0xffffffffu, acc, offset);
  if (lane == 0) out[row] = static_cast<float>(acc);
}
