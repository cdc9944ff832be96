// softmax_rows draft A: one thread per row, three passes over the row
extern "C" __global__ void softmax_rowwise(const float* x, float* y, long long rows, long long cols) {
  const long long row = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (row >= rows) return;
  const float* in = x + row * cols;
  float* out = y + row * cols;
  float m = in[0];
  for (long long c = 1; c < cols; ++c) m = fmaxf(m, in[c]);
  float s = 0.0f;
  for (long long c = 0; c < cols; ++c) s += expf(in[c] - m);
  for (long long c = 0; c < cols; ++c) out[c] = expf(in[c] - m) / s;
}
