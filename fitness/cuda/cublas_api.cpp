#include "fitness/cuda/cublas_api.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace kevo::fitness::cuda {

namespace {

// From library_types.h and cublas_api.h (checked in tests/fitness/test_cuda_abi.cpp).
constexpr int kOpN = 0;
constexpr int kRealF32 = 0;    // CUDA_R_32F
constexpr int kRealBf16 = 14;  // CUDA_R_16BF
constexpr int kComputeF32 = 68;  // CUBLAS_COMPUTE_32F
constexpr int kGemmDefault = -1;

template <typename Function>
void resolve(void* library, Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(library, name));
  if (slot == nullptr) throw std::runtime_error(std::string("cuBLAS lacks ") + name);
}

}  // namespace

Cublas::Cublas(CUstream stream) {
  for (const char* name : {"libcublas.so.13", "libcublas.so.12", "libcublas.so"}) {
    library_ = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library_ != nullptr) break;
  }
  if (library_ == nullptr) throw std::runtime_error("cuBLAS not found (libcublas.so.13/.12): install the CUDA toolkit");
  resolve(library_, create_, "cublasCreate_v2");
  resolve(library_, destroy_, "cublasDestroy_v2");
  resolve(library_, set_stream_, "cublasSetStream_v2");
  resolve(library_, sgemm_, "cublasSgemm_v2");
  resolve(library_, gemm_ex_, "cublasGemmEx");
  check(create_(&handle_), "cublasCreate");
  check(set_stream_(handle_, stream), "cublasSetStream");
}

Cublas::~Cublas() {
  if (handle_ != nullptr) destroy_(handle_);
}

void Cublas::check(int status, const std::string& what) const {
  if (status != 0) throw std::runtime_error(what + " failed with cuBLAS status " + std::to_string(status));
}

void Cublas::gemm(GemmPrecision precision, int m, int n, int k, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c) const {
  const float alpha = 1.0f, beta = 0.0f;
  const auto* pa = reinterpret_cast<const void*>(a);
  const auto* pb = reinterpret_cast<const void*>(b);
  auto* pc = reinterpret_cast<void*>(c);
  if (precision == GemmPrecision::fp32) {
    check(sgemm_(handle_, kOpN, kOpN, m, n, k, &alpha, static_cast<const float*>(pa), m,
                 static_cast<const float*>(pb), k, &beta, static_cast<float*>(pc), m),
          "cublasSgemm");
    return;
  }
  check(gemm_ex_(handle_, kOpN, kOpN, m, n, k, &alpha, pa, kRealBf16, m, pb, kRealBf16, k, &beta, pc, kRealF32, m,
                 kComputeF32, kGemmDefault),
        "cublasGemmEx (bf16)");
}

}  // namespace kevo::fitness::cuda
