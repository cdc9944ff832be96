// kevo declares the few driver-API constants it uses itself (the binary must
// build and start without CUDA). Where the toolkit's cuda.h is available,
// every one of them is checked against it.
#include "catch_compat.hpp"
#include "fitness/cuda/driver_api.hpp"

#if __has_include(<cuda.h>)
#include <cuda.h>
#define KEVO_TEST_HAS_CUDA_H 1
#endif

TEST_CASE("cuda abi: kevo's driver constants equal cuda.h's", "[cuda]") {
#ifdef KEVO_TEST_HAS_CUDA_H
  namespace a = kevo::fitness::cuda::attribute;
  namespace f = kevo::fitness::cuda::function_attribute;
  namespace r = kevo::fitness::cuda::result;
  STATIC_REQUIRE(a::max_block_dim_x == CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X);
  STATIC_REQUIRE(a::max_grid_dim_y == CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y);
  STATIC_REQUIRE(a::warp_size == CU_DEVICE_ATTRIBUTE_WARP_SIZE);
  STATIC_REQUIRE(a::clock_rate_khz == CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
  STATIC_REQUIRE(a::multiprocessor_count == CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
  STATIC_REQUIRE(a::memory_clock_rate_khz == CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
  STATIC_REQUIRE(a::memory_bus_width_bits == CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
  STATIC_REQUIRE(a::l2_cache_bytes == CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE);
  STATIC_REQUIRE(a::pci_bus_id == CU_DEVICE_ATTRIBUTE_PCI_BUS_ID);
  STATIC_REQUIRE(a::pci_device_id == CU_DEVICE_ATTRIBUTE_PCI_DEVICE_ID);
  STATIC_REQUIRE(a::pci_domain_id == CU_DEVICE_ATTRIBUTE_PCI_DOMAIN_ID);
  STATIC_REQUIRE(a::max_threads_per_multiprocessor == CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR);
  STATIC_REQUIRE(a::compute_capability_major == CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
  STATIC_REQUIRE(a::compute_capability_minor == CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
  STATIC_REQUIRE(a::max_shared_memory_per_multiprocessor == CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR);
  STATIC_REQUIRE(a::max_registers_per_multiprocessor == CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_MULTIPROCESSOR);
  STATIC_REQUIRE(a::max_shared_memory_per_block_optin == CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
  STATIC_REQUIRE(f::max_threads_per_block == CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
  STATIC_REQUIRE(f::shared_size_bytes == CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES);
  STATIC_REQUIRE(f::local_size_bytes == CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES);
  STATIC_REQUIRE(f::num_regs == CU_FUNC_ATTRIBUTE_NUM_REGS);
  STATIC_REQUIRE(f::max_dynamic_shared_size_bytes == CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES);
  STATIC_REQUIRE(r::invalid_value == CUDA_ERROR_INVALID_VALUE);
  STATIC_REQUIRE(r::no_device == CUDA_ERROR_NO_DEVICE);
  STATIC_REQUIRE(r::illegal_address == CUDA_ERROR_ILLEGAL_ADDRESS);
  STATIC_REQUIRE(r::launch_out_of_resources == CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES);
  STATIC_REQUIRE(r::launch_timeout == CUDA_ERROR_LAUNCH_TIMEOUT);
  STATIC_REQUIRE(r::assert_failed == CUDA_ERROR_ASSERT);
  STATIC_REQUIRE(r::hardware_stack_error == CUDA_ERROR_HARDWARE_STACK_ERROR);
  STATIC_REQUIRE(r::illegal_instruction == CUDA_ERROR_ILLEGAL_INSTRUCTION);
  STATIC_REQUIRE(r::misaligned_address == CUDA_ERROR_MISALIGNED_ADDRESS);
  STATIC_REQUIRE(r::invalid_pc == CUDA_ERROR_INVALID_PC);
  STATIC_REQUIRE(r::launch_failed == CUDA_ERROR_LAUNCH_FAILED);
  STATIC_REQUIRE(kevo::fitness::cuda::stream_capture_mode_thread_local == CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
#else
  KEVO_SKIP_UNLESS(false, "cuda.h not found: nothing to compare against");
#endif
}
