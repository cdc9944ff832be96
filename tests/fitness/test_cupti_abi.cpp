// kevo declares the CUPTI parameter blocks it passes (fitness/cuda/cupti_abi.hpp)
// so that it builds without the toolkit. Where CUPTI's own headers are
// installed, every block's structSize and every field kevo sets or reads
// are checked against them: a layout drift would otherwise only show as
// garbage counters on a GPU.
#include "catch_compat.hpp"
#include "fitness/cuda/cupti_abi.hpp"

#if __has_include(<cupti_range_profiler.h>) && __has_include(<cupti_profiler_host.h>)
#include <cupti_profiler_host.h>
#include <cupti_profiler_target.h>
#include <cupti_range_profiler.h>
#include <cupti_target.h>
#define KEVO_TEST_HAS_CUPTI_H 1
#endif

#define KEVO_SAME_FIELD(ours, theirs, field) \
  STATIC_REQUIRE(offsetof(kevo::fitness::cuda::cupti::ours, field) == offsetof(theirs, field))
#define KEVO_SAME_SIZE(ours, theirs, last)                                         \
  STATIC_REQUIRE(KEVO_CUPTI_STRUCT_SIZE(kevo::fitness::cuda::cupti::ours, last) == \
                 theirs##_STRUCT_SIZE)

TEST_CASE("cupti abi: kevo's parameter blocks match CUPTI's headers", "[cuda]") {
#ifdef KEVO_TEST_HAS_CUPTI_H
  namespace c = kevo::fitness::cuda::cupti;
  STATIC_REQUIRE(c::success == CUPTI_SUCCESS);
  STATIC_REQUIRE(c::insufficient_privileges == CUPTI_ERROR_INSUFFICIENT_PRIVILEGES);
  STATIC_REQUIRE(c::profiler_type_range == CUPTI_PROFILER_TYPE_RANGE_PROFILER);
  STATIC_REQUIRE(c::auto_range == CUPTI_AutoRange);
  STATIC_REQUIRE(c::kernel_replay == CUPTI_KernelReplay);

  KEVO_SAME_SIZE(ProfilerInitializeParams, CUpti_Profiler_Initialize_Params, pPriv);
  KEVO_SAME_SIZE(DeviceGetChipNameParams, CUpti_Device_GetChipName_Params, pChipName);
  KEVO_SAME_FIELD(DeviceGetChipNameParams, CUpti_Device_GetChipName_Params, deviceIndex);
  KEVO_SAME_SIZE(GetCounterAvailabilityParams, CUpti_Profiler_GetCounterAvailability_Params, pCounterAvailabilityImage);
  KEVO_SAME_FIELD(GetCounterAvailabilityParams, CUpti_Profiler_GetCounterAvailability_Params,
                  counterAvailabilityImageSize);

  KEVO_SAME_SIZE(HostInitializeParams, CUpti_Profiler_Host_Initialize_Params, pHostObject);
  KEVO_SAME_FIELD(HostInitializeParams, CUpti_Profiler_Host_Initialize_Params, profilerType);
  KEVO_SAME_FIELD(HostInitializeParams, CUpti_Profiler_Host_Initialize_Params, pChipName);
  KEVO_SAME_FIELD(HostInitializeParams, CUpti_Profiler_Host_Initialize_Params, pCounterAvailabilityImage);
  KEVO_SAME_SIZE(HostDeinitializeParams, CUpti_Profiler_Host_Deinitialize_Params, pHostObject);
  KEVO_SAME_SIZE(HostConfigAddMetricsParams, CUpti_Profiler_Host_ConfigAddMetrics_Params, numMetrics);
  KEVO_SAME_FIELD(HostConfigAddMetricsParams, CUpti_Profiler_Host_ConfigAddMetrics_Params, ppMetricNames);
  KEVO_SAME_SIZE(HostGetConfigImageSizeParams, CUpti_Profiler_Host_GetConfigImageSize_Params, configImageSize);
  KEVO_SAME_SIZE(HostGetConfigImageParams, CUpti_Profiler_Host_GetConfigImage_Params, pConfigImage);
  KEVO_SAME_FIELD(HostGetConfigImageParams, CUpti_Profiler_Host_GetConfigImage_Params, configImageSize);
  KEVO_SAME_SIZE(HostGetNumOfPassesParams, CUpti_Profiler_Host_GetNumOfPasses_Params, numOfPasses);
  KEVO_SAME_FIELD(HostGetNumOfPassesParams, CUpti_Profiler_Host_GetNumOfPasses_Params, pConfigImage);
  KEVO_SAME_SIZE(HostEvaluateToGpuValuesParams, CUpti_Profiler_Host_EvaluateToGpuValues_Params, pMetricValues);
  KEVO_SAME_FIELD(HostEvaluateToGpuValuesParams, CUpti_Profiler_Host_EvaluateToGpuValues_Params, pCounterDataImage);
  KEVO_SAME_FIELD(HostEvaluateToGpuValuesParams, CUpti_Profiler_Host_EvaluateToGpuValues_Params, rangeIndex);
  KEVO_SAME_FIELD(HostEvaluateToGpuValuesParams, CUpti_Profiler_Host_EvaluateToGpuValues_Params, numMetrics);

  KEVO_SAME_SIZE(RangeProfilerEnableParams, CUpti_RangeProfiler_Enable_Params, pRangeProfilerObject);
  KEVO_SAME_FIELD(RangeProfilerEnableParams, CUpti_RangeProfiler_Enable_Params, ctx);
  KEVO_SAME_SIZE(RangeProfilerObjectParams, CUpti_RangeProfiler_Disable_Params, pRangeProfilerObject);
  KEVO_SAME_SIZE(RangeProfilerObjectParams, CUpti_RangeProfiler_Start_Params, pRangeProfilerObject);
  KEVO_SAME_SIZE(RangeProfilerStopParams, CUpti_RangeProfiler_Stop_Params, isAllPassSubmitted);
  KEVO_SAME_SIZE(RangeProfilerDecodeDataParams, CUpti_RangeProfiler_DecodeData_Params, numOfRangeDropped);
  KEVO_SAME_SIZE(RangeProfilerGetCounterDataSizeParams, CUpti_RangeProfiler_GetCounterDataSize_Params,
                 counterDataSize);
  KEVO_SAME_FIELD(RangeProfilerGetCounterDataSizeParams, CUpti_RangeProfiler_GetCounterDataSize_Params,
                  maxNumRangeTreeNodes);
  KEVO_SAME_SIZE(RangeProfilerCounterDataImageInitializeParams,
                 CUpti_RangeProfiler_CounterDataImage_Initialize_Params, pCounterData);
  KEVO_SAME_SIZE(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, targetNestingLevel);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, range);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, replayMode);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, maxRangesPerPass);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, numNestingLevels);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, minNestingLevel);
  KEVO_SAME_FIELD(RangeProfilerSetConfigParams, CUpti_RangeProfiler_SetConfig_Params, passIndex);
  KEVO_SAME_SIZE(RangeProfilerGetCounterDataInfoParams, CUpti_RangeProfiler_GetCounterDataInfo_Params,
                 numTotalRanges);
  KEVO_SAME_SIZE(RangeProfilerGetRangeInfoParams, CUpti_RangeProfiler_CounterData_GetRangeInfo_Params, rangeName);
  KEVO_SAME_FIELD(RangeProfilerGetRangeInfoParams, CUpti_RangeProfiler_CounterData_GetRangeInfo_Params,
                  rangeDelimiter);
#else
  KEVO_SKIP_UNLESS(false, "CUPTI headers not found: nothing to compare kevo's declarations with");
#endif
}
