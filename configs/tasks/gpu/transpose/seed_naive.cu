// transpose: y[j][i] = x[i][j], fp32, x row-major [R, C], y row-major [C, R].
// One thread per element on a 2-D grid: thread (tx, ty) of block (bx, by) copies
// x[by * BY + ty][bx * BX + tx]. Reads are coalesced along a row of x; writes go down a
// column of y (stride R floats), one cache line per thread.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BX  block width (threads along a row of x)
//   BY  block height (rows of x per block)
#ifndef BX
#define BX 32
#endif
#ifndef BY
#define BY 8
#endif

extern "C" __global__ void __launch_bounds__(BX * BY) transpose(const float* x, float* y, long long R, long long C) {
  const long long j = static_cast<long long>(blockIdx.x) * BX + threadIdx.x;
  const long long i = static_cast<long long>(blockIdx.y) * BY + threadIdx.y;
  if (i < R && j < C) y[j * R + i] = x[i * C + j];
}
