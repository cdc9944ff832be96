#include "fitness/pytorch/pytorch_reference.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace kevo::fitness::pytorch {

namespace {

using nlohmann::json;

// Starting Python and importing torch (and CUDA) takes seconds.
constexpr double kStartSeconds = 120;

json ask_json(LineProcess& process, const json& request, double timeout_seconds) {
  return json::parse(process.ask(request.dump(), timeout_seconds));
}

std::vector<std::int64_t> shape_at(const TensorSpec& tensor, const SizePoint& size) {
  const expr::Bindings sizes(size.values.begin(), size.values.end());
  std::vector<std::int64_t> shape;
  for (const expr::Expression& dim : tensor.shape) shape.push_back(dim.evaluate(sizes));
  return shape;
}

bool is_forward_argument(const Task& task, const std::string& name) {
  const TensorSpec* tensor = task.find_tensor(name);
  return tensor != nullptr && tensor->role == TensorRole::input && tensor->parameter.empty();
}

}  // namespace

std::filesystem::path reference_script() {
  return std::filesystem::path(KEVO_SOURCE_DIR) / "fitness" / "pytorch" / "torch_reference.py";
}

PytorchReference::PytorchReference(const Context& context, const Task& task, double timeout_seconds,
                                   TorchDevice device)
    : task_(task), timeout_seconds_(timeout_seconds), lock_(std::move(device.lock)) {
  const std::string unavailable = "task '" + task.name + "' is unavailable here: its reference " +
                                  task.reference_file.string() + " is a PyTorch problem, and ";
  const std::filesystem::path log = context.scratch_dir / ("kevo-torch-" + task.name + ".log");
  try {
    process_ = std::make_unique<LineProcess>(
        std::vector<std::string>{context.python, reference_script().string(), task.reference_file.string()}, log);
    const json hello = ask_json(*process_, {{"op", "hello"}, {"device", device.name}}, kStartSeconds);
    if (!hello.value("ok", false)) throw std::runtime_error(hello.value("error", std::string("no reason given")));
    torch_version_ = hello.value("torch", "");
    device_ = hello.value("device", "");
  } catch (const std::exception& error) {
    // A missing PyTorch is fixed by installing it; a broken problem file by editing it.
    const bool no_torch = std::string(error.what()).find("PyTorch is not installed") != std::string::npos;
    throw std::runtime_error(unavailable + context.python + " cannot run it: " + error.what() +
                             (no_torch ? " (install PyTorch for it, or set KEVO_PYTHON to a Python that has it)"
                                       : " (fix the problem file; kevo needs Model, get_inputs and get_init_inputs)"));
  }
}

std::runtime_error PytorchReference::task_error(const SizePoint& size, const std::string& problem) const {
  return std::runtime_error(task_.reference_file.string() + ": the PyTorch reference of task '" + task_.name +
                            "' at size " + size.label() + ": " + problem);
}

std::string PytorchReference::request(const std::string& op, trial::SizeWorkspace& workspace,
                                      const SizePoint& size) const {
  const trial::RunRequest shared = workspace.request({}, {}, trial::RunMode::check);
  json tensors = json::array();
  const auto& buffers = workspace.launch().buffers;
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    const TensorSpec* tensor = task_.find_tensor(buffers[i].name);
    if (tensor == nullptr) continue;  // scratch: not the model's business
    tensors.push_back({{"name", tensor->name},
                       {"role", tensor->role == TensorRole::input ? "input" : "output"},
                       {"dtype", to_string(tensor->dtype)},
                       {"shape", shape_at(*tensor, size)},
                       {"offset", shared.buffers[i].offset},
                       {"bytes", shared.buffers[i].bytes},
                       {"parameter", tensor->parameter}});
  }
  json forward = json::array();
  for (const std::string& name : task_.interface) {
    if (is_forward_argument(task_, name)) forward.push_back(name);
  }
  return json{{"op", op},         {"shm", shared.shm_path}, {"size", size.values},
              {"tensors", tensors}, {"forward", forward},    {"lock", lock_.string()}}
      .dump();
}

void PytorchReference::run_in_place(trial::SizeWorkspace& workspace, const protocol::InputGenerator& generator,
                                    const SizePoint& size) {
  workspace.reset_outputs();
  json reply;
  try {
    reply = json::parse(process_->ask(request("outputs", workspace, size), timeout_seconds_));
  } catch (const std::exception& error) {
    throw task_error(size, error.what());
  }
  if (!reply.value("ok", false)) throw task_error(size, reply.value("error", std::string("no reason given")));
  for (const std::string& problem : {workspace.changed_input(generator), workspace.guard_damage(), workspace.invalid_output()}) {
    if (!problem.empty()) throw task_error(size, problem);
  }
}

TorchBaseline PytorchReference::time(trial::SizeWorkspace& workspace, std::size_t flush_bytes, bool with_compile) {
  json message = json::parse(request("time", workspace, task_.bench));
  message["flush_bytes"] = flush_bytes;
  message["compile"] = with_compile;
  // torch.compile's first call compiles with Triton: minutes, not seconds.
  const json reply = json::parse(process_->ask(message.dump(), std::max(600.0, timeout_seconds_)));
  if (!reply.value("ok", false)) {
    throw task_error(task_.bench, "timing PyTorch: " + reply.value("error", std::string("no reason given")));
  }
  TorchBaseline baseline;
  baseline.eager_seconds = reply.at("eager_seconds").get<double>();
  if (reply.contains("compile_seconds") && !reply.at("compile_seconds").is_null()) {
    baseline.compile_seconds = reply.at("compile_seconds").get<double>();
  }
  baseline.compile_error = reply.value("compile_error", "");
  baseline.torch_version = torch_version_;
  baseline.device = device_;
  return baseline;
}

TorchBaseline time_torch_baseline(const Task& task, trial::TrialSetup& setup, PytorchReference& reference) {
  if (task.seeds.empty()) throw std::runtime_error("task '" + task.name + "' has no seed to lay out its buffers");
  const SeedSpec& seed = task.seeds.front();
  const population::Variant variant = task.seed_variant(seed);
  protocol::BoundLaunch launch;
  try {
    launch = protocol::bind_launch(task, protocol::resolve_plan(task, seed.launch), task.bench, variant.knobs);
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error("task '" + task.name + "': " + error.what());
  }
  trial::SizeWorkspace workspace(task, std::move(launch), setup.scratch_dir);
  workspace.write_inputs(setup.inputs, setup.inputs.size_seed("pytorch-baseline", task.checks.size()));
  workspace.reset_outputs();
  return reference.time(workspace, setup.flush_bytes, /*with_compile=*/true);
}

}  // namespace kevo::fitness::pytorch
