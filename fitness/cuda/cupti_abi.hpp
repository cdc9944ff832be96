#pragma once
// The parameter blocks of the CUPTI profiling APIs kevo calls (range
// profiler, profiler host, chip name, counter availability), declared here
// with the layout of CUDA 12.6+'s cupti_range_profiler.h and
// cupti_profiler_host.h, so that kevo builds and starts without the toolkit
// and loads libcupti only where it profiles. tests/fitness/test_cupti_abi.cpp
// checks every size and offset against the real headers where they exist.
#include <cstddef>
#include <cstdint>

#include "fitness/cuda/driver_api.hpp"

namespace kevo::fitness::cuda::cupti {

using Result = int;  // CUptiResult
inline constexpr Result success = 0;
inline constexpr Result insufficient_privileges = 35;

using RangeProfilerObject = struct RangeProfilerObject_st;
using HostObject = struct HostObject_st;

inline constexpr int profiler_type_range = 0;  // CUPTI_PROFILER_TYPE_RANGE_PROFILER
inline constexpr int auto_range = 1;           // CUPTI_AutoRange: one range per kernel launch
inline constexpr int kernel_replay = 2;        // CUPTI_KernelReplay: CUPTI replays each kernel per pass

// CUPTI's structSize: the offset of the last field plus its size.
#define KEVO_CUPTI_STRUCT_SIZE(type, last) (offsetof(type, last) + sizeof(type::last))

struct ProfilerInitializeParams {
  std::size_t structSize;
  void* pPriv;
};
using ProfilerDeInitializeParams = ProfilerInitializeParams;

struct DeviceGetChipNameParams {
  std::size_t structSize;
  void* pPriv;
  std::size_t deviceIndex;
  const char* pChipName;
};

struct GetCounterAvailabilityParams {
  std::size_t structSize;
  void* pPriv;
  CUcontext ctx;
  std::size_t counterAvailabilityImageSize;
  std::uint8_t* pCounterAvailabilityImage;
};

struct HostInitializeParams {
  std::size_t structSize;
  void* pPriv;
  int profilerType;
  const char* pChipName;
  const std::uint8_t* pCounterAvailabilityImage;
  HostObject* pHostObject;
};

struct HostDeinitializeParams {
  std::size_t structSize;
  void* pPriv;
  HostObject* pHostObject;
};

struct HostConfigAddMetricsParams {
  std::size_t structSize;
  void* pPriv;
  HostObject* pHostObject;
  const char** ppMetricNames;
  std::size_t numMetrics;
};

struct HostGetConfigImageSizeParams {
  std::size_t structSize;
  void* pPriv;
  HostObject* pHostObject;
  std::size_t configImageSize;
};

struct HostGetConfigImageParams {
  std::size_t structSize;
  void* pPriv;
  HostObject* pHostObject;
  std::size_t configImageSize;
  std::uint8_t* pConfigImage;
};

struct HostGetNumOfPassesParams {
  std::size_t structSize;
  void* pPriv;
  std::size_t configImageSize;
  std::uint8_t* pConfigImage;
  std::size_t numOfPasses;
};

struct HostEvaluateToGpuValuesParams {
  std::size_t structSize;
  void* pPriv;
  HostObject* pHostObject;
  const std::uint8_t* pCounterDataImage;
  std::size_t counterDataImageSize;
  std::size_t rangeIndex;
  const char** ppMetricNames;
  std::size_t numMetrics;
  double* pMetricValues;
};

struct RangeProfilerEnableParams {
  std::size_t structSize;
  void* pPriv;
  CUcontext ctx;
  RangeProfilerObject* pRangeProfilerObject;
};

// Disable, Start take only the object.
struct RangeProfilerObjectParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
};

struct RangeProfilerStopParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
  std::size_t passIndex;
  std::size_t targetNestingLevel;
  std::uint8_t isAllPassSubmitted;
};

struct RangeProfilerDecodeDataParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
  std::size_t numOfRangeDropped;
};

struct RangeProfilerGetCounterDataSizeParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
  const char** pMetricNames;
  std::size_t numMetrics;
  std::size_t maxNumOfRanges;
  std::uint32_t maxNumRangeTreeNodes;
  std::size_t counterDataSize;
};

struct RangeProfilerCounterDataImageInitializeParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
  std::size_t counterDataSize;
  std::uint8_t* pCounterData;
};

struct RangeProfilerSetConfigParams {
  std::size_t structSize;
  void* pPriv;
  RangeProfilerObject* pRangeProfilerObject;
  std::size_t configSize;
  const std::uint8_t* pConfig;
  std::size_t counterDataImageSize;
  std::uint8_t* pCounterDataImage;
  int range;
  int replayMode;
  std::size_t maxRangesPerPass;
  std::uint16_t numNestingLevels;
  std::uint16_t minNestingLevel;
  std::size_t passIndex;
  std::uint16_t targetNestingLevel;
};

struct RangeProfilerGetCounterDataInfoParams {
  std::size_t structSize;
  void* pPriv;
  const std::uint8_t* pCounterDataImage;
  std::size_t counterDataImageSize;
  std::size_t numTotalRanges;
};

struct RangeProfilerGetRangeInfoParams {
  std::size_t structSize;
  void* pPriv;
  const std::uint8_t* pCounterDataImage;
  std::size_t counterDataImageSize;
  std::size_t rangeIndex;
  const char* rangeDelimiter;
  const char* rangeName;
};

}  // namespace kevo::fitness::cuda::cupti
