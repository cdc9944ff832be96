#include "fitness/gpu/protocol_kernels.hpp"

namespace kevo::fitness::gpu {

namespace {

// dtype codes (device_dtype): 0 f32, 1 f64, 2 i32, 3 i64, 4 bf16.
// distribution codes (device_distribution): 0 uniform, 1 normal, 2 integers, 3 constant.
const char* const kSource = R"KEVO(
typedef unsigned long long kv_u64;
typedef long long kv_i64;

#define KV_GOLDEN 0x9E3779B97F4A7C15ull
#define KV_THREADS 256

__device__ inline kv_u64 kv_mix64(kv_u64 v) {
  v += KV_GOLDEN;
  v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
  v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
  return v ^ (v >> 31);
}
__device__ inline kv_u64 kv_bits(kv_u64 stream, kv_u64 counter) { return kv_mix64(stream + counter * KV_GOLDEN); }
__device__ inline double kv_unit(kv_u64 bits) { return (double)(bits >> 11) * 1.1102230246251565404e-16; }
__device__ inline double kv_open_unit(kv_u64 bits) { return ((double)(bits >> 11) + 0.5) * 1.1102230246251565404e-16; }

struct kv_draws {
  kv_u64 stream, element, used;
  __device__ kv_u64 next() {
    const kv_u64 k = used++;
    return k < 8 ? kv_bits(stream, element * 8 + k) : kv_bits(kv_mix64(stream ^ kv_mix64(element)), k);
  }
};

#define KV_TAIL_START 3.6541528853610088

// The ziggurat of fitness/protocol/normal_draw.cpp, with the host's tables:
// x (layer edges), inner (x[i+1]/x[i]) and f (the density at each edge).
__device__ double kv_normal(kv_u64 stream, kv_u64 element, const double* x, const double* inner, const double* f) {
  kv_draws draws = {stream, element, 0};
  for (;;) {
    const kv_u64 bits = draws.next();
    const double u = 2.0 * kv_unit(bits) - 1.0;
    const int layer = (int)(bits & 0xFF);
    if (fabs(u) < inner[layer]) return __dmul_rn(u, x[layer]);
    if (layer == 0) {
      double t = 0, y = 0;
      do {
        t = log(kv_open_unit(draws.next())) / KV_TAIL_START;
        y = log(kv_open_unit(draws.next()));
      } while (-2.0 * y < t * t);
      return u < 0 ? t - KV_TAIL_START : KV_TAIL_START - t;
    }
    const double v = __dmul_rn(u, x[layer]);
    if (__dadd_rn(f[layer + 1], __dmul_rn(kv_unit(draws.next()), __dadd_rn(f[layer], -f[layer + 1]))) <
        exp(__dmul_rn(-0.5, __dmul_rn(v, v))))
      return v;
  }
}

__device__ double kv_value(int dist, double a, double b, kv_u64 stream, kv_u64 i, const double* zx, const double* zi,
                           const double* zf) {
  switch (dist) {
    case 0: return __dadd_rn(a, __dmul_rn(__dadd_rn(b, -a), kv_unit(kv_bits(stream, i))));
    case 1: return __dadd_rn(a, __dmul_rn(b, kv_normal(stream, i, zx, zi, zf)));
    case 2: {
      const kv_i64 lo = (kv_i64)ceil(a), hi = (kv_i64)floor(b);
      if (hi < lo) return (double)lo;
      const kv_u64 span = (kv_u64)(hi - lo) + 1;
      const kv_u64 bits = kv_bits(stream, i);
      return (double)(lo + (kv_i64)(span == 0 ? bits : bits % span));
    }
    default: return a;
  }
}

__device__ inline unsigned short kv_to_bf16(float value) {
  unsigned int bits = __float_as_uint(value);
  if ((bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu) != 0) return (unsigned short)((bits >> 16) | 0x0040u);
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return (unsigned short)(bits >> 16);
}

__device__ inline double kv_from_bf16(unsigned short half) { return (double)__uint_as_float(((unsigned int)half) << 16); }

// Draws `count` values into `out` from stream `stream`.
extern "C" __global__ void kevo_draw(void* out, kv_i64 count, int dtype, int dist, double a, double b, kv_u64 stream,
                                     const double* zig_x, const double* zig_inner, const double* zig_f) {
  for (kv_i64 i = (kv_i64)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += (kv_i64)gridDim.x * blockDim.x) {
    const double v = kv_value(dist, a, b, stream, (kv_u64)i, zig_x, zig_inner, zig_f);
    switch (dtype) {
      case 0: ((float*)out)[i] = (float)v; break;
      case 1: ((double*)out)[i] = v; break;
      case 2: ((int*)out)[i] = (int)llround(v); break;
      case 3: ((kv_i64*)out)[i] = (kv_i64)llround(v); break;
      default: ((unsigned short*)out)[i] = kv_to_bf16((float)v); break;
    }
  }
}

// The block's threads' values combined by `op` (every thread gets the result).
template <typename T, typename Op>
__device__ T kv_block_reduce(T value, Op op) {
  __shared__ T partial[KV_THREADS];
  partial[threadIdx.x] = value;
  __syncthreads();
  for (unsigned step = blockDim.x / 2; step > 0; step /= 2) {
    if (threadIdx.x < step) partial[threadIdx.x] = op(partial[threadIdx.x], partial[threadIdx.x + step]);
    __syncthreads();
  }
  const T total = partial[0];
  __syncthreads();
  return total;
}

struct kv_add_op {
  template <typename T> __device__ T operator()(T a, T b) const { return a + b; }
};
struct kv_max_op {
  __device__ double operator()(double a, double b) const { return fmax(a, b); }
};

// An order-free checksum of `bytes` bytes: the sum of mixed (word, index)
// pairs over 8-byte words, the last one zero-padded. Adds into *sum.
extern "C" __global__ void kevo_checksum(const unsigned char* data, kv_i64 bytes, kv_u64* sum) {
  const kv_i64 words = (bytes + 7) / 8;
  kv_u64 acc = 0;
  for (kv_i64 w = (kv_i64)blockIdx.x * blockDim.x + threadIdx.x; w < words; w += (kv_i64)gridDim.x * blockDim.x) {
    kv_u64 word = 0;
    if (8 * w + 8 <= bytes) {
      word = ((const kv_u64*)data)[w];
    } else {
      for (kv_i64 k = 8 * w; k < bytes; ++k) word |= ((kv_u64)data[k]) << (8 * (k - 8 * w));
    }
    acc += kv_mix64(word ^ kv_mix64((kv_u64)w));
  }
  const kv_u64 total = kv_block_reduce(acc, kv_add_op());
  if (threadIdx.x == 0) atomicAdd(sum, total);
}

// Writes `count` words of `width` bytes holding `pattern` (output poison).
extern "C" __global__ void kevo_fill_pattern(void* data, kv_i64 count, int width, kv_u64 pattern) {
  for (kv_i64 i = (kv_i64)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += (kv_i64)gridDim.x * blockDim.x) {
    if (width == 8) ((kv_u64*)data)[i] = pattern;
    else if (width == 4) ((unsigned int*)data)[i] = (unsigned int)pattern;
    else ((unsigned short*)data)[i] = (unsigned short)pattern;
  }
}

// The lowest offset of a byte in the gaps [gaps[2k], gaps[2k+1]) of `base`
// that no longer holds `canary`, into *first_bad (which starts at ~0).
extern "C" __global__ void kevo_check_guards(const unsigned char* base, const kv_u64* gaps, int gap_count,
                                             unsigned char canary, kv_u64* first_bad) {
  for (int g = 0; g < gap_count; ++g) {
    for (kv_u64 at = gaps[2 * g] + (kv_u64)blockIdx.x * blockDim.x + threadIdx.x; at < gaps[2 * g + 1];
         at += (kv_u64)gridDim.x * blockDim.x) {
      if (base[at] != canary) atomicMin(first_bad, at);
    }
  }
}

__device__ inline double kv_load(const void* data, int dtype, kv_i64 i) {
  switch (dtype) {
    case 0: return (double)((const float*)data)[i];
    case 1: return ((const double*)data)[i];
    case 2: return (double)((const int*)data)[i];
    case 3: return (double)((const kv_i64*)data)[i];
    default: return kv_from_bf16(((const unsigned short*)data)[i]);
  }
}

__device__ inline bool kv_is_poison(const void* data, int dtype, kv_i64 i) {
  switch (dtype) {
    case 0: return ((const unsigned int*)data)[i] == 0x7FEADBADu;
    case 1: return ((const kv_u64*)data)[i] == 0x7FFEADBADBADBAD5ull;
    case 2: return ((const unsigned int*)data)[i] == 0xA5A5A5A5u;
    case 3: return ((const kv_u64*)data)[i] == 0xA5A5A5A5A5A5A5A5ull;
    default: return ((const unsigned short*)data)[i] == 0x7FDBu;
  }
}

struct kv_comparison {
  kv_u64 failing;
  kv_u64 first_failing;
  double diff_squared;
  double ref_squared;
  kv_u64 max_abs_bits;
  kv_u64 max_rel_bits;
};

// The host's rule (fitness/protocol/output_comparator.cpp), element by
// element in double: an element passes when it equals the reference and is
// finite, or is finite, not poison and |out - ref| <= abs + rel * |ref|.
extern "C" __global__ void kevo_compare(const void* out, const void* ref, kv_i64 count, int dtype, double tol_abs,
                                        double tol_rel, kv_comparison* result) {
  kv_u64 failing = 0, first = ~0ull;
  double diff_squared = 0, ref_squared = 0, max_abs = 0, max_rel = 0;
  for (kv_i64 i = (kv_i64)blockIdx.x * blockDim.x + threadIdx.x; i < count; i += (kv_i64)gridDim.x * blockDim.x) {
    const double o = kv_load(out, dtype, i);
    const double r = kv_load(ref, dtype, i);
    const double diff = fabs(o - r);
    const bool finite = isfinite(o);
    bool pass = finite && o == r;
    // Rounded step by step as the host rounds it: a fused multiply-add could pass an element the host fails.
    if (!pass) pass = finite && !kv_is_poison(out, dtype, i) && diff <= __dadd_rn(tol_abs, __dmul_rn(tol_rel, fabs(r)));
    if (!pass) {
      ++failing;
      if ((kv_u64)i < first) first = (kv_u64)i;
    }
    if (!finite) continue;
    diff_squared += diff * diff;
    ref_squared += r * r;
    max_abs = fmax(max_abs, diff);
    if (fabs(r) >= tol_abs && r != 0) max_rel = fmax(max_rel, diff / fabs(r));
  }
  const kv_u64 block_failing = kv_block_reduce(failing, kv_add_op());
  const double block_diff = kv_block_reduce(diff_squared, kv_add_op());
  const double block_ref = kv_block_reduce(ref_squared, kv_add_op());
  const double block_abs = kv_block_reduce(max_abs, kv_max_op());
  const double block_rel = kv_block_reduce(max_rel, kv_max_op());
  if (first != ~0ull) atomicMin(&result->first_failing, first);
  if (threadIdx.x == 0) {
    if (block_failing > 0) atomicAdd(&result->failing, block_failing);
    atomicAdd(&result->diff_squared, block_diff);
    atomicAdd(&result->ref_squared, block_ref);
    atomicMax(&result->max_abs_bits, (kv_u64)__double_as_longlong(block_abs));
    atomicMax(&result->max_rel_bits, (kv_u64)__double_as_longlong(block_rel));
  }
}
)KEVO";

}  // namespace

const std::string& protocol_kernels_source() {
  static const std::string source = kSource;
  return source;
}

std::vector<std::string> protocol_kernel_names() {
  return {"kevo_draw", "kevo_checksum", "kevo_fill_pattern", "kevo_check_guards", "kevo_compare"};
}

int device_dtype(DType dtype) {
  switch (dtype) {
    case DType::f32: return 0;
    case DType::f64: return 1;
    case DType::i32: return 2;
    case DType::i64: return 3;
    case DType::bf16: return 4;
  }
  return 0;
}

int device_distribution(ValueGenerator::Kind kind) {
  switch (kind) {
    case ValueGenerator::Kind::uniform: return 0;
    case ValueGenerator::Kind::normal: return 1;
    case ValueGenerator::Kind::integers: return 2;
    case ValueGenerator::Kind::constant: return 3;
  }
  return 3;
}

}  // namespace kevo::fitness::gpu
