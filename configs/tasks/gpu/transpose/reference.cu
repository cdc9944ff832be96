// GPU reference for transpose: y[j][i] = x[i][j], one thread per element (x [R, C], y [C, R]).
extern "C" __global__ void transpose_reference(const float* x, float* y, long long R, long long C) {
  const long long e = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (e >= R * C) return;
  const long long i = e / C, j = e % C;
  y[j * R + i] = x[e];
}
