#include "fitness/cuda/cupti_api.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace kevo::fitness::cuda {

namespace {

std::vector<std::string> library_candidates() {
  const char* names[] = {"libcupti.so.13", "libcupti.so.12", "libcupti.so"};
  std::vector<std::string> candidates(std::begin(names), std::end(names));
  std::vector<std::string> roots;
  for (const char* variable : {"CUDA_HOME", "CUDA_PATH"}) {
    if (const char* root = std::getenv(variable); root != nullptr && *root != '\0') roots.emplace_back(root);
  }
  roots.emplace_back("/usr/local/cuda");
  for (const std::string& root : roots) {
    for (const char* folder : {"/lib64/", "/extras/CUPTI/lib64/", "/targets/x86_64-linux/lib/"}) {
      for (const char* name : names) candidates.push_back(root + folder + name);
    }
  }
  return candidates;
}

template <typename Function>
void resolve(void* library, Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(library, name));
  if (slot == nullptr) {
    throw CuptiUnavailable(std::string("libcupti lacks ") + name + ": kevo needs CUPTI from CUDA 12.6 or later");
  }
}

}  // namespace

CuptiApi::CuptiApi() {
  std::string tried;
  for (const std::string& candidate : library_candidates()) {
    library_ = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library_ != nullptr) {
      path_ = candidate;
      break;
    }
    tried += (tried.empty() ? "" : ", ") + candidate;
  }
  if (library_ == nullptr) {
    throw CuptiUnavailable("no CUPTI library (tried " + tried +
                           "): install the CUDA toolkit's CUPTI or set CUDA_HOME");
  }
  void* l = library_;
  resolve(l, profilerInitialize, "cuptiProfilerInitialize");
  resolve(l, profilerDeInitialize, "cuptiProfilerDeInitialize");
  resolve(l, deviceGetChipName, "cuptiDeviceGetChipName");
  resolve(l, getCounterAvailability, "cuptiProfilerGetCounterAvailability");
  resolve(l, hostInitialize, "cuptiProfilerHostInitialize");
  resolve(l, hostDeinitialize, "cuptiProfilerHostDeinitialize");
  resolve(l, hostConfigAddMetrics, "cuptiProfilerHostConfigAddMetrics");
  resolve(l, hostGetConfigImageSize, "cuptiProfilerHostGetConfigImageSize");
  resolve(l, hostGetConfigImage, "cuptiProfilerHostGetConfigImage");
  resolve(l, hostGetNumOfPasses, "cuptiProfilerHostGetNumOfPasses");
  resolve(l, hostEvaluateToGpuValues, "cuptiProfilerHostEvaluateToGpuValues");
  resolve(l, rangeEnable, "cuptiRangeProfilerEnable");
  resolve(l, rangeDisable, "cuptiRangeProfilerDisable");
  resolve(l, rangeStart, "cuptiRangeProfilerStart");
  resolve(l, rangeStop, "cuptiRangeProfilerStop");
  resolve(l, rangeDecodeData, "cuptiRangeProfilerDecodeData");
  resolve(l, rangeGetCounterDataSize, "cuptiRangeProfilerGetCounterDataSize");
  resolve(l, rangeCounterDataImageInitialize, "cuptiRangeProfilerCounterDataImageInitialize");
  resolve(l, rangeSetConfig, "cuptiRangeProfilerSetConfig");
  resolve(l, rangeGetCounterDataInfo, "cuptiRangeProfilerGetCounterDataInfo");
  resolve(l, rangeGetRangeInfo, "cuptiRangeProfilerCounterDataGetRangeInfo");
  resolve(l, getResultString, "cuptiGetResultString");
}

void CuptiApi::check(cupti::Result code, const std::string& what) const {
  if (code == cupti::success) return;
  const char* text = nullptr;
  getResultString(code, &text);
  std::string message = what + ": " + (text != nullptr ? text : "CUPTI error " + std::to_string(code));
  if (code == cupti::insufficient_privileges) {
    message += " (reading GPU counters needs root or the driver option NVreg_RestrictProfilingToAdminUsers=0)";
  }
  throw CuptiUnavailable(message);
}

MetricConfig::MetricConfig(const CuptiApi& api, const std::string& chip, const std::vector<std::string>& metrics,
                           const std::vector<std::uint8_t>& availability)
    : api_(api), metrics_(metrics) {
  for (const std::string& metric : metrics_) names_.push_back(metric.c_str());
  cupti::HostInitializeParams init{KEVO_CUPTI_STRUCT_SIZE(cupti::HostInitializeParams, pHostObject), nullptr,
                                   cupti::profiler_type_range, chip.c_str(),
                                   availability.empty() ? nullptr : availability.data(), nullptr};
  api_.check(api_.hostInitialize(&init), "initialize the CUPTI host for chip " + chip);
  host_ = init.pHostObject;
  try {
    cupti::HostConfigAddMetricsParams add{KEVO_CUPTI_STRUCT_SIZE(cupti::HostConfigAddMetricsParams, numMetrics),
                                          nullptr, host_, names_.data(), names_.size()};
    api_.check(api_.hostConfigAddMetrics(&add), "configure the counters on chip " + chip);
    cupti::HostGetConfigImageSizeParams size{
        KEVO_CUPTI_STRUCT_SIZE(cupti::HostGetConfigImageSizeParams, configImageSize), nullptr, host_, 0};
    api_.check(api_.hostGetConfigImageSize(&size), "size the counter configuration");
    image_.resize(size.configImageSize);
    cupti::HostGetConfigImageParams get{KEVO_CUPTI_STRUCT_SIZE(cupti::HostGetConfigImageParams, pConfigImage),
                                        nullptr, host_, image_.size(), image_.data()};
    api_.check(api_.hostGetConfigImage(&get), "build the counter configuration");
    cupti::HostGetNumOfPassesParams passes{KEVO_CUPTI_STRUCT_SIZE(cupti::HostGetNumOfPassesParams, numOfPasses),
                                           nullptr, image_.size(), image_.data(), 0};
    api_.check(api_.hostGetNumOfPasses(&passes), "count the counter passes");
    passes_ = passes.numOfPasses;
  } catch (...) {
    cupti::HostDeinitializeParams done{KEVO_CUPTI_STRUCT_SIZE(cupti::HostDeinitializeParams, pHostObject), nullptr,
                                       host_};
    api_.hostDeinitialize(&done);
    throw;
  }
}

MetricConfig::~MetricConfig() {
  cupti::HostDeinitializeParams done{KEVO_CUPTI_STRUCT_SIZE(cupti::HostDeinitializeParams, pHostObject), nullptr,
                                     host_};
  api_.hostDeinitialize(&done);
}

std::vector<double> MetricConfig::evaluate(const std::vector<std::uint8_t>& counter_data, std::size_t range) const {
  std::vector<double> values(names_.size(), 0.0);
  cupti::HostEvaluateToGpuValuesParams params{
      KEVO_CUPTI_STRUCT_SIZE(cupti::HostEvaluateToGpuValuesParams, pMetricValues),
      nullptr, host_, counter_data.data(), counter_data.size(), range, const_cast<const char**>(names_.data()),
      names_.size(), values.data()};
  api_.check(api_.hostEvaluateToGpuValues(&params), "evaluate the counters of range " + std::to_string(range));
  return values;
}

}  // namespace kevo::fitness::cuda
