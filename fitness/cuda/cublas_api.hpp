#pragma once
// cuBLAS, loaded at run time with dlopen: the trusted GEMM that `kevo
// calibrate` measures the tensor-core and FP32 GEMM ceilings with, and that
// GEMM benchmarks compare evolved kernels against at the same size. Only the
// entry points kevo uses, with cublas_api.h's ABI.
#include <string>

#include "fitness/cuda/driver_api.hpp"

namespace kevo::fitness::cuda {

enum class GemmPrecision { fp32, bf16 };  // fp32: SGEMM (no TF32); bf16: bf16 in, fp32 accumulate and out

class Cublas {
 public:
  // Loads libcublas and creates a handle bound to `stream` (the current
  // context must be set); throws std::runtime_error saying what is missing.
  explicit Cublas(CUstream stream);
  ~Cublas();
  Cublas(const Cublas&) = delete;
  Cublas& operator=(const Cublas&) = delete;

  // C[m x n] = A[m x k] * B[k x n], column-major, enqueued on the stream.
  void gemm(GemmPrecision precision, int m, int n, int k, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c) const;

 private:
  using Handle = struct cublasContext*;
  void check(int status, const std::string& what) const;

  void* library_ = nullptr;
  Handle handle_ = nullptr;
  int (*create_)(Handle*) = nullptr;
  int (*destroy_)(Handle) = nullptr;
  int (*set_stream_)(Handle, CUstream) = nullptr;
  int (*sgemm_)(Handle, int, int, int, int, int, const float*, const float*, int, const float*, int,
                const float*, float*, int) = nullptr;
  int (*gemm_ex_)(Handle, int, int, int, int, int, const void*, const void*, int, int, const void*, int, int,
                  const void*, void*, int, int, int, int) = nullptr;
};

}  // namespace kevo::fitness::cuda
