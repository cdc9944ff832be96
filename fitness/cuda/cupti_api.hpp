#pragma once
// libcupti, loaded at run time with dlopen: kevo and kevo-worker start
// without it, and only a worker asked to read hardware counters looks for
// it. The host half (metric configuration and evaluation) needs no GPU, so
// the engine's tests check kevo's metric list against a chip on any machine
// that has the library.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/cuda/cupti_abi.hpp"

namespace kevo::fitness::cuda {

struct CuptiUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CuptiApi {
 public:
  // Looks for libcupti.so.13/.12/.so in the loader's path, then under
  // $CUDA_HOME, $CUDA_PATH and /usr/local/cuda (lib64, extras/CUPTI/lib64);
  // throws CuptiUnavailable naming every place it tried.
  CuptiApi();
  CuptiApi(const CuptiApi&) = delete;
  CuptiApi& operator=(const CuptiApi&) = delete;

  // Throws CuptiUnavailable("<what>: CUPTI_ERROR_X ...") unless `code` is success.
  void check(cupti::Result code, const std::string& what) const;
  const std::string& path() const { return path_; }

  template <typename Params>
  using Call = cupti::Result (*)(Params*);
  Call<cupti::ProfilerInitializeParams> profilerInitialize = nullptr;
  Call<cupti::ProfilerDeInitializeParams> profilerDeInitialize = nullptr;
  Call<cupti::DeviceGetChipNameParams> deviceGetChipName = nullptr;
  Call<cupti::GetCounterAvailabilityParams> getCounterAvailability = nullptr;
  Call<cupti::HostInitializeParams> hostInitialize = nullptr;
  Call<cupti::HostDeinitializeParams> hostDeinitialize = nullptr;
  Call<cupti::HostConfigAddMetricsParams> hostConfigAddMetrics = nullptr;
  Call<cupti::HostGetConfigImageSizeParams> hostGetConfigImageSize = nullptr;
  Call<cupti::HostGetConfigImageParams> hostGetConfigImage = nullptr;
  Call<cupti::HostGetNumOfPassesParams> hostGetNumOfPasses = nullptr;
  Call<cupti::HostEvaluateToGpuValuesParams> hostEvaluateToGpuValues = nullptr;
  Call<cupti::RangeProfilerEnableParams> rangeEnable = nullptr;
  Call<cupti::RangeProfilerObjectParams> rangeDisable = nullptr;
  Call<cupti::RangeProfilerObjectParams> rangeStart = nullptr;
  Call<cupti::RangeProfilerStopParams> rangeStop = nullptr;
  Call<cupti::RangeProfilerDecodeDataParams> rangeDecodeData = nullptr;
  Call<cupti::RangeProfilerGetCounterDataSizeParams> rangeGetCounterDataSize = nullptr;
  Call<cupti::RangeProfilerCounterDataImageInitializeParams> rangeCounterDataImageInitialize = nullptr;
  Call<cupti::RangeProfilerSetConfigParams> rangeSetConfig = nullptr;
  Call<cupti::RangeProfilerGetCounterDataInfoParams> rangeGetCounterDataInfo = nullptr;
  Call<cupti::RangeProfilerGetRangeInfoParams> rangeGetRangeInfo = nullptr;
  cupti::Result (*getResultString)(cupti::Result, const char**) = nullptr;

 private:
  void* library_ = nullptr;
  std::string path_;
};

// A metric configuration for one chip: which counters, in how many passes.
// Needs no GPU; `availability` (from the device, may be empty) narrows it to
// what the device exposes now.
class MetricConfig {
 public:
  MetricConfig(const CuptiApi& api, const std::string& chip, const std::vector<std::string>& metrics,
               const std::vector<std::uint8_t>& availability);
  ~MetricConfig();
  MetricConfig(const MetricConfig&) = delete;
  MetricConfig& operator=(const MetricConfig&) = delete;

  const std::vector<std::uint8_t>& image() const { return image_; }
  std::size_t passes() const { return passes_; }
  const std::vector<const char*>& names() const { return names_; }
  // The metrics' values in range `range` of a decoded counter data image.
  std::vector<double> evaluate(const std::vector<std::uint8_t>& counter_data, std::size_t range) const;

 private:
  const CuptiApi& api_;
  std::vector<std::string> metrics_;
  std::vector<const char*> names_;
  cupti::HostObject* host_ = nullptr;
  std::vector<std::uint8_t> image_;
  std::size_t passes_ = 0;
};

}  // namespace kevo::fitness::cuda
