// linear_relu: y[b][o] = relu(bias[o] + sum_i x[b][i] * weight[o][i]),
// one thread per output, fp32 accumulation (naive seed).
#ifndef BLOCK
#define BLOCK 16
#endif
extern "C" __global__ void linear_relu(const float* x, const float* weight, const float* bias, float* y,
                                       int batch, int in_features, int out_features) {
  const int o = blockIdx.x * BLOCK + threadIdx.x;
  const int b = blockIdx.y * BLOCK + threadIdx.y;
  if (b >= batch || o >= out_features) return;
  float acc = bias[o];
  for (int i = 0; i < in_features; ++i) acc += x[b * in_features + i] * weight[o * in_features + i];
  y[b * out_features + o] = acc > 0.0f ? acc : 0.0f;
}
