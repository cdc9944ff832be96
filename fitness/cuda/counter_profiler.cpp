#include "fitness/cuda/counter_profiler.hpp"

namespace kevo::fitness::cuda {

namespace {

// The range profiler is enabled for one request and disabled after it, so
// that the timed runs of later requests run with it off.
class EnabledRangeProfiler {
 public:
  EnabledRangeProfiler(const CuptiApi& api, CUcontext context) : api_(api) {
    cupti::RangeProfilerEnableParams params{
        KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerEnableParams, pRangeProfilerObject), nullptr, context, nullptr};
    api_.check(api_.rangeEnable(&params), "enable the CUPTI range profiler");
    object_ = params.pRangeProfilerObject;
  }
  ~EnabledRangeProfiler() {
    cupti::RangeProfilerObjectParams params{
        KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerObjectParams, pRangeProfilerObject), nullptr, object_};
    api_.rangeDisable(&params);
  }
  EnabledRangeProfiler(const EnabledRangeProfiler&) = delete;
  EnabledRangeProfiler& operator=(const EnabledRangeProfiler&) = delete;
  cupti::RangeProfilerObject* object() const { return object_; }

 private:
  const CuptiApi& api_;
  cupti::RangeProfilerObject* object_ = nullptr;
};

std::string chip_name(const CuptiApi& api, int ordinal) {
  cupti::DeviceGetChipNameParams params{KEVO_CUPTI_STRUCT_SIZE(cupti::DeviceGetChipNameParams, pChipName), nullptr,
                                        static_cast<std::size_t>(ordinal), nullptr};
  api.check(api.deviceGetChipName(&params), "ask CUPTI for the chip of device " + std::to_string(ordinal));
  return params.pChipName != nullptr ? params.pChipName : "";
}

std::vector<std::uint8_t> counter_availability(const CuptiApi& api, CUcontext context) {
  cupti::GetCounterAvailabilityParams params{
      KEVO_CUPTI_STRUCT_SIZE(cupti::GetCounterAvailabilityParams, pCounterAvailabilityImage), nullptr, context, 0,
      nullptr};
  api.check(api.getCounterAvailability(&params), "ask which counters the device exposes");
  std::vector<std::uint8_t> image(params.counterAvailabilityImageSize);
  params.pCounterAvailabilityImage = image.data();
  api.check(api.getCounterAvailability(&params), "ask which counters the device exposes");
  return image;
}

std::vector<std::uint8_t> counter_data_image(const CuptiApi& api, cupti::RangeProfilerObject* object,
                                             const MetricConfig& config, std::size_t ranges) {
  cupti::RangeProfilerGetCounterDataSizeParams size{
      KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerGetCounterDataSizeParams, counterDataSize),
      nullptr, object, const_cast<const char**>(config.names().data()), config.names().size(), ranges,
      static_cast<std::uint32_t>(ranges), 0};
  api.check(api.rangeGetCounterDataSize(&size), "size the counter data");
  std::vector<std::uint8_t> image(size.counterDataSize);
  cupti::RangeProfilerCounterDataImageInitializeParams init{
      KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerCounterDataImageInitializeParams, pCounterData), nullptr, object,
      image.size(), image.data()};
  api.check(api.rangeCounterDataImageInitialize(&init), "initialize the counter data");
  return image;
}

}  // namespace

CounterProfiler::CounterProfiler(CUcontext context, int ordinal)
    : api_(std::make_unique<CuptiApi>()), context_(context) {
  cupti::ProfilerInitializeParams init{KEVO_CUPTI_STRUCT_SIZE(cupti::ProfilerInitializeParams, pPriv), nullptr};
  api_->check(api_->profilerInitialize(&init), "initialize the CUPTI profiler (" + api_->path() + ")");
  chip_ = chip_name(*api_, ordinal);
  availability_ = counter_availability(*api_, context_);
}

CounterProfiler::~CounterProfiler() {
  configs_.clear();
  cupti::ProfilerDeInitializeParams done{KEVO_CUPTI_STRUCT_SIZE(cupti::ProfilerDeInitializeParams, pPriv), nullptr};
  api_->profilerDeInitialize(&done);
}

const MetricConfig& CounterProfiler::config(const std::vector<std::string>& metrics) {
  auto& slot = configs_[metrics];
  if (!slot) slot = std::make_unique<MetricConfig>(*api_, chip_, metrics, availability_);
  return *slot;
}

population::CounterProfile CounterProfiler::profile(const std::vector<std::string>& metrics,
                                                    const std::function<void()>& launch,
                                                    const std::vector<std::string>& kernels) {
  if (metrics.empty()) throw std::invalid_argument("a profile request names no metrics");
  const MetricConfig& metric_config = config(metrics);
  const CuptiApi& api = *api_;
  const EnabledRangeProfiler profiler(api, context_);
  std::vector<std::uint8_t> data = counter_data_image(api, profiler.object(), metric_config, kernels.size());
  cupti::RangeProfilerSetConfigParams set{KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerSetConfigParams,
                                                                 targetNestingLevel),
                                          nullptr, profiler.object(), metric_config.image().size(),
                                          metric_config.image().data(), data.size(), data.data(),
                                          cupti::auto_range, cupti::kernel_replay, kernels.size(), 1, 1, 0, 1};
  api.check(api.rangeSetConfig(&set), "configure the range profiler");
  cupti::RangeProfilerObjectParams start{
      KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerObjectParams, pRangeProfilerObject), nullptr, profiler.object()};
  api.check(api.rangeStart(&start), "start the range profiler");
  launch();
  cupti::RangeProfilerStopParams stop{KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerStopParams, isAllPassSubmitted),
                                      nullptr, profiler.object(), 0, 0, 0};
  api.check(api.rangeStop(&stop), "stop the range profiler");
  cupti::RangeProfilerDecodeDataParams decode{
      KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerDecodeDataParams, numOfRangeDropped), nullptr, profiler.object(), 0};
  api.check(api.rangeDecodeData(&decode), "decode the counters");

  cupti::RangeProfilerGetCounterDataInfoParams info{
      KEVO_CUPTI_STRUCT_SIZE(cupti::RangeProfilerGetCounterDataInfoParams, numTotalRanges), nullptr, data.data(),
      data.size(), 0};
  api.check(api.rangeGetCounterDataInfo(&info), "count the profiled ranges");
  population::CounterProfile profile;
  profile.passes = static_cast<int>(metric_config.passes());
  if (info.numTotalRanges != kernels.size()) {
    throw CuptiUnavailable("the profiler recorded " + std::to_string(info.numTotalRanges) + " of " +
                           std::to_string(kernels.size()) + " kernel launches (" +
                           std::to_string(decode.numOfRangeDropped) + " dropped)");
  }
  for (std::size_t range = 0; range < info.numTotalRanges; ++range) {
    const std::vector<double> values = metric_config.evaluate(data, range);
    population::KernelCounters kernel{kernels[range], {}};
    for (std::size_t i = 0; i < metrics.size(); ++i) kernel.values[metrics[i]] = values[i];
    profile.kernels.push_back(std::move(kernel));
  }
  return profile;
}

}  // namespace kevo::fitness::cuda
