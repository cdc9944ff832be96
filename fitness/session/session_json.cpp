#include "fitness/session/session_json.hpp"

#include <stdexcept>

namespace kevo::fitness::session {

namespace {

using nlohmann::json;

const char* kind_name(ValueGenerator::Kind kind) {
  switch (kind) {
    case ValueGenerator::Kind::uniform: return "uniform";
    case ValueGenerator::Kind::normal: return "normal";
    case ValueGenerator::Kind::integers: return "integers";
    case ValueGenerator::Kind::constant: return "constant";
  }
  throw std::logic_error("unknown value generator kind");
}

ValueGenerator::Kind kind_named(const std::string& name) {
  if (name == "uniform") return ValueGenerator::Kind::uniform;
  if (name == "normal") return ValueGenerator::Kind::normal;
  if (name == "integers") return ValueGenerator::Kind::integers;
  if (name == "constant") return ValueGenerator::Kind::constant;
  throw std::runtime_error("unknown value generator '" + name + "'");
}

DType dtype_named(const std::string& name) {
  if (const std::optional<DType> dtype = dtype_from_string(name)) return *dtype;
  throw std::runtime_error("unknown dtype '" + name + "'");
}

json encode_comparison(const protocol::Comparison& c) {
  return {{"pass", c.pass},
          {"failure", c.failure},
          {"failing_elements", c.failing_elements},
          {"max_abs_error", c.max_abs_error},
          {"max_rel_error", c.max_rel_error},
          {"norm_rel_error", c.norm_rel_error}};
}

protocol::Comparison decode_comparison(const json& in) {
  protocol::Comparison c;
  c.pass = in.at("pass").get<bool>();
  c.failure = in.at("failure").get<std::string>();
  c.failing_elements = in.at("failing_elements").get<std::int64_t>();
  c.max_abs_error = in.at("max_abs_error").get<double>();
  c.max_rel_error = in.at("max_rel_error").get<double>();
  c.norm_rel_error = in.at("norm_rel_error").get<double>();
  return c;
}

json encode_reference(const ReferenceLaunch& reference) {
  json steps = json::array();
  for (std::size_t i = 0; i < reference.steps.size(); ++i) {
    json step = encode_step_call(reference.steps[i].args, reference.steps[i].shape);
    step["symbol"] = reference.symbols.at(i);
    steps.push_back(step);
  }
  return {{"module", reference.module}, {"steps", steps}};
}

ReferenceLaunch decode_reference(const json& in) {
  ReferenceLaunch reference;
  reference.module = in.at("module").get<std::string>();
  for (const json& step : in.at("steps")) {
    protocol::BoundStep bound;
    decode_step_call(step, bound.args, bound.shape);
    bound.kernel = step.at("symbol").get<std::string>();
    reference.symbols.push_back(bound.kernel);
    reference.steps.push_back(std::move(bound));
  }
  return reference;
}

}  // namespace

json encode_step_call(const std::vector<protocol::BoundArg>& args, const protocol::BoundShape& shape) {
  json encoded = json::array();
  for (const protocol::BoundArg& arg : args) {
    encoded.push_back(arg.is_buffer ? json{{"buffer", arg.buffer}} : json{{"int", arg.value}});
  }
  return {{"args", encoded}, {"grid", shape.grid}, {"block", shape.block}, {"shared_bytes", shape.shared_bytes}};
}

void decode_step_call(const json& in, std::vector<protocol::BoundArg>& args, protocol::BoundShape& shape) {
  args.clear();
  for (const json& arg : in.at("args")) {
    if (arg.contains("buffer")) args.push_back({true, arg.at("buffer").get<std::size_t>(), 0});
    else args.push_back({false, 0, arg.at("int").get<std::int64_t>()});
  }
  shape.grid = in.value("grid", shape.grid);
  shape.block = in.value("block", shape.block);
  shape.shared_bytes = in.value("shared_bytes", std::int64_t{0});
}

json encode_spec(const SessionSpec& spec) {
  json inputs = json::array();
  for (const InputDraw& input : spec.inputs) {
    inputs.push_back({{"buffer", input.buffer},
                      {"tensor", input.tensor},
                      {"name", input.name},
                      {"dtype", to_string(input.dtype)},
                      {"elements", input.elements},
                      {"dist", kind_name(input.init.kind)},
                      {"a", input.init.a},
                      {"b", input.init.b}});
  }
  json outputs = json::array();
  for (const OutputCheck& output : spec.outputs) {
    outputs.push_back({{"buffer", output.buffer},
                       {"name", output.name},
                       {"dtype", to_string(output.dtype)},
                       {"elements", output.elements}});
  }
  json out = {{"size", spec.size_label},
              {"inputs", inputs},
              {"outputs", outputs},
              {"scratch", spec.scratch},
              {"warmup", spec.warmup},
              {"samples", spec.samples},
              {"check_run", spec.check_run},
              {"extra_verified", spec.extra_verified},
              {"stash_bytes", spec.stash_bytes},
              {"tolerance", {{"abs", spec.tolerance.abs}, {"rel", spec.tolerance.rel}, {"norm_rel", spec.tolerance.norm_rel}}}};
  if (spec.reference) out["reference"] = encode_reference(*spec.reference);
  if (spec.seed) out["seed"] = *spec.seed;
  return out;
}

SessionSpec decode_spec(const json& in) {
  SessionSpec spec;
  spec.size_label = in.at("size").get<std::string>();
  for (const json& input : in.at("inputs")) {
    InputDraw draw;
    draw.buffer = input.at("buffer").get<std::size_t>();
    draw.tensor = input.at("tensor").get<std::size_t>();
    draw.name = input.at("name").get<std::string>();
    draw.dtype = dtype_named(input.at("dtype").get<std::string>());
    draw.elements = input.at("elements").get<std::int64_t>();
    draw.init = {kind_named(input.at("dist").get<std::string>()), input.at("a").get<double>(), input.at("b").get<double>()};
    spec.inputs.push_back(draw);
  }
  for (const json& output : in.at("outputs")) {
    spec.outputs.push_back({output.at("buffer").get<std::size_t>(), output.at("name").get<std::string>(),
                            dtype_named(output.at("dtype").get<std::string>()),
                            output.at("elements").get<std::int64_t>()});
  }
  spec.scratch = in.at("scratch").get<std::vector<std::size_t>>();
  spec.warmup = in.at("warmup").get<int>();
  spec.samples = in.at("samples").get<int>();
  spec.check_run = in.at("check_run").get<bool>();
  spec.extra_verified = in.at("extra_verified").get<int>();
  spec.stash_bytes = in.at("stash_bytes").get<std::size_t>();
  const json& tolerance = in.at("tolerance");
  spec.tolerance = {tolerance.at("abs").get<double>(), tolerance.at("rel").get<double>(),
                    tolerance.at("norm_rel").get<double>()};
  if (in.contains("reference")) spec.reference = decode_reference(in.at("reference"));
  if (in.contains("seed")) spec.seed = in.at("seed").get<std::uint64_t>();
  return spec;
}

json encode_outcome(const SessionOutcome& outcome) {
  json verified = json::array();
  for (const VerifiedRun& run : outcome.verified) {
    json v = {{"run", run.run}, {"sample", run.sample}, {"role", run.role}, {"seed", run.seed}};
    if (run.comparison) v["comparison"] = encode_comparison(*run.comparison);
    verified.push_back(v);
  }
  return {{"seed", outcome.seed},
          {"samples", outcome.samples},
          {"verified", verified},
          {"failure_status", outcome.failure_status},
          {"failure", outcome.failure},
          {"runs_seconds", outcome.runs_seconds},
          {"verify_seconds", outcome.verify_seconds}};
}

SessionOutcome decode_outcome(const json& in) {
  SessionOutcome outcome;
  outcome.seed = in.at("seed").get<std::uint64_t>();
  outcome.samples = in.at("samples").get<std::vector<double>>();
  for (const json& v : in.at("verified")) {
    VerifiedRun run{v.at("run").get<int>(), v.at("sample").get<int>(), v.at("role").get<std::string>(),
                    v.at("seed").get<std::uint64_t>(), std::nullopt};
    if (v.contains("comparison")) run.comparison = decode_comparison(v.at("comparison"));
    outcome.verified.push_back(run);
  }
  outcome.failure_status = in.at("failure_status").get<std::string>();
  outcome.failure = in.at("failure").get<std::string>();
  outcome.runs_seconds = in.at("runs_seconds").get<double>();
  outcome.verify_seconds = in.at("verify_seconds").get<double>();
  return outcome;
}

}  // namespace kevo::fitness::session
