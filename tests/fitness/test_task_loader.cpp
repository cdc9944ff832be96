// load_task: the valid fixture loads field by field; every invalid task fails
// with one line "<file>:<line>:<col>: key '<key>': <problem>; <fix>".
#include <string>

#include "catch_compat.hpp"
#include "fitness/task.hpp"
#include "task_fixture.hpp"

using kevo::fitness::load_task;
using kevo::fitness::Task;
using kevo::fitness::TaskError;
using kevo::test::TaskFolder;

namespace {

// Line numbers below refer to this text.
const std::string kBaseYaml = R"(name: tiny_add
description: test task
sizes:
  params: [n]
  bench: {n: 4096}
  check:
    - {n: 1}
    - {n: 37}
tensors:
  - {name: a, role: input, dtype: f32, shape: [n]}
  - {name: b, role: input, dtype: f32, shape: [n]}
  - {name: c, role: output, dtype: f32, shape: [n]}
interface: [a, b, c, n]
flops: n
bytes: 12*n
reference: reference.cpp
seeds:
  - name: loop
    file: seed.cpp
    knobs:
      - {name: UNROLL, values: [1, 2, 4, 8], seed: 4}
    constraints: ["UNROLL <= 8"]
    launch:
      steps:
        - kernel: add
          args: [a, b, c, n]
)";

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  std::string result = text;
  result.replace(at, from.size(), to);
  return result;
}

std::string load_error(const TaskFolder& folder) {
  try {
    load_task(folder.dir());
  } catch (const TaskError& error) {
    return error.what();
  }
  FAIL("expected a TaskError");
  return "";
}

// The message of loading `yaml`, checked for the common shape: it starts with
// "<file>:<line>:", names the key, and is a single line.
std::string expect_error(const std::string& yaml, int line, const std::string& key) {
  const TaskFolder folder(yaml);
  const std::string message = load_error(folder);
  INFO(message);
  CHECK(message.rfind(folder.yaml_path() + ":" + std::to_string(line) + ":", 0) == 0);
  CHECK(message.find("key '" + key + "': ") != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.find("; ") != std::string::npos);
  return message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("task loader: the tiny_add fixture loads with every field") {
  const Task task = load_task(std::filesystem::path(KEVO_TEST_DATA_DIR) / "tasks" / "tiny_add");
  CHECK(task.name == "tiny_add");
  CHECK(task.description == "c[i] = a[i] + b[i], fp32");
  CHECK(task.size_params == std::vector<std::string>{"n"});
  CHECK(task.bench.values == std::map<std::string, std::int64_t>{{"n", 4096}});
  REQUIRE(task.checks.size() == 2);
  CHECK(task.checks[1].label() == "n=37");
  REQUIRE(task.tensors.size() == 3);
  CHECK(task.tensors[0].name == "a");
  CHECK(task.tensors[0].init.kind == kevo::fitness::ValueGenerator::Kind::uniform);
  CHECK(task.tensors[0].init.a == -2.0);
  CHECK(task.tensors[1].init.kind == kevo::fitness::ValueGenerator::Kind::normal);
  CHECK(task.tensors[2].role == kevo::fitness::TensorRole::output);
  CHECK(task.tensors[2].dtype == kevo::fitness::DType::f32);
  CHECK(task.element_count(task.tensors[2], task.bench) == 4096);
  CHECK(task.interface == std::vector<std::string>{"a", "b", "c", "n"});
  CHECK(task.tolerance.abs == 1e-6);
  CHECK(task.tolerance.norm_rel == 1e-7);
  CHECK(task.flops.evaluate(task.bench.values) == 4096);
  CHECK(task.bytes.evaluate(task.bench.values) == 12 * 4096);
  CHECK(task.reference_file.filename() == "reference.cpp");
  CHECK(contains(task.reference_source, "void reference("));
  CHECK(task.reference_function == "reference");
  REQUIRE(task.seeds.size() == 1);
  const kevo::fitness::SeedSpec& seed = task.seeds[0];
  CHECK(seed.name == "loop");
  CHECK(seed.language == kevo::population::Language::cpp);
  CHECK(contains(seed.source, "UNROLL"));
  REQUIRE(seed.knobs.size() == 2);
  CHECK(seed.knobs[0].values == std::vector<std::int64_t>{1, 2, 4, 8});
  CHECK(seed.knobs[0].seed_value == 4);
  CHECK(seed.knobs[1].values == std::vector<std::int64_t>{1, 2, 4, 8, 16});
  CHECK(seed.knobs[1].seed_value == 1);
  CHECK(seed.constraints.size() == 1);
  REQUIRE(seed.launch.steps.size() == 1);
  CHECK(seed.launch.steps[0].kernel == "add");
  CHECK(seed.launch.steps[0].args == std::vector<std::string>{"a", "b", "c", "n"});
  REQUIRE(seed.launch.scratch.size() == 1);
  CHECK(seed.launch.scratch[0].bytes == "4*n");
  CHECK(task.find_tensor("b") == &task.tensors[1]);
  CHECK(task.find_tensor("z") == nullptr);
  CHECK(task.find_seed("loop") == &task.seeds[0]);
  CHECK(task.find_seed("other") == nullptr);
}

TEST_CASE("task loader: seed_variant carries the seed's genome and a seed lineage") {
  const Task task = load_task(std::filesystem::path(KEVO_TEST_DATA_DIR) / "tasks" / "tiny_add");
  const kevo::population::Variant variant = task.seed_variant(task.seeds[0]);
  CHECK(variant.task == "tiny_add");
  CHECK(variant.seed_name == "loop");
  CHECK(variant.language == kevo::population::Language::cpp);
  CHECK(variant.source == task.seeds[0].source);
  CHECK(variant.knobs == kevo::population::KnobValues{{"UNROLL", 4}, {"STRIDE", 1}});
  CHECK(variant.launch == task.seeds[0].launch);
  CHECK(variant.lineage.operator_name == "seed");
  CHECK(variant.lineage.generation == 0);
  CHECK(variant.lineage.parent_ids.empty());
}

TEST_CASE("task loader: the base text of these tests is valid") {
  const TaskFolder folder(kBaseYaml);
  const Task task = load_task(folder.dir());
  CHECK(task.tolerance.abs == 1e-5);  // default
  CHECK(task.tensors[0].init.kind == kevo::fitness::ValueGenerator::Kind::uniform);
  CHECK(task.seeds[0].language == kevo::population::Language::cpp);
}

TEST_CASE("task loader: malformed YAML") {
  const std::string message = expect_error(replaced(kBaseYaml, "params: [n]", "params: [n"), 5, "(document)");
  CHECK(contains(message, "malformed YAML"));
}

TEST_CASE("task loader: unknown key lists the known keys") {
  const std::string message = expect_error(replaced(kBaseYaml, "flops: n\n", "flops: n\nflop: n\n"), 15, "flop");
  CHECK(contains(message, ":15:1: key 'flop': unknown key; known keys here: name, description, sizes"));
  const std::string nested = expect_error(replaced(kBaseYaml, "seed: 4}", "seed: 4, default: 2}"), 21,
                                          "seeds[0].knobs[0].default");
  CHECK(contains(nested, "known keys here: name, values, range, seed"));
}

TEST_CASE("task loader: missing required keys") {
  const std::string message = expect_error(replaced(kBaseYaml, "reference: reference.cpp\n", ""), 1, "reference");
  CHECK(contains(message, "missing required key"));
  expect_error(replaced(kBaseYaml, "          args: [a, b, c, n]\n", ""), 25, "seeds[0].launch.steps[0].args");
  expect_error(replaced(kBaseYaml, "  bench: {n: 4096}\n", ""), 4, "sizes.bench");
}

TEST_CASE("task loader: wrong types") {
  CHECK(contains(expect_error(replaced(kBaseYaml, "params: [n]", "params: n"), 4, "sizes.params"),
                 "expected a list, found 'n'"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "bench: {n: 4096}", "bench: {n: big}"), 5, "sizes.bench.n"),
                 "expected an integer, found 'big'"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "description: test task", "description: [x]"), 2,
                              "description"),
                 "expected a string, found a list"));
  expect_error("- just\n- a list\n", 1, "(document)");
}

TEST_CASE("task loader: knob seed value outside the domain") {
  const std::string message = expect_error(replaced(kBaseYaml, "seed: 4}", "seed: 3}"), 21, "seeds[0].knobs[0].seed");
  CHECK(contains(message, "seed value 3 is not in the domain {1, 2, 4, 8}"));
}

TEST_CASE("task loader: constraint false at the seed values") {
  const std::string message =
      expect_error(replaced(kBaseYaml, "\"UNROLL <= 8\"", "\"UNROLL % 3 == 0\""), 22, "seeds[0].constraints[0]");
  CHECK(contains(message, "constraint 'UNROLL % 3 == 0' is false at the seed values (UNROLL=4)"));
}

TEST_CASE("task loader: bad expression") {
  const std::string message = expect_error(replaced(kBaseYaml, "flops: n", "flops: 2*(n"), 14, "flops");
  CHECK(contains(message, ":14:8: key 'flops': expected ')' at column 5"));
}

TEST_CASE("task loader: unknown name in a shape") {
  const std::string message = expect_error(
      replaced(kBaseYaml, "dtype: f32, shape: [n]}", "dtype: f32, shape: [n, m]}"), 10, "tensors[0].shape[1]");
  CHECK(contains(message, "unknown name 'm' in 'm'; use only size parameters (n)"));
}

TEST_CASE("task loader: missing reference file") {
  const std::string message =
      expect_error(replaced(kBaseYaml, "reference: reference.cpp", "reference: nowhere.cpp"), 16, "reference");
  CHECK(contains(message, "nowhere.cpp' not found"));
}

TEST_CASE("task loader: check sizes bind every size parameter and nothing else") {
  CHECK(contains(expect_error(replaced(kBaseYaml, "- {n: 37}", "- {}"), 8, "sizes.check[1]"),
                 "no value for size parameter 'n'"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "- {n: 37}", "- {n: 37, m: 2}"), 8, "sizes.check[1].m"),
                 "'m' is not a size parameter"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "- {n: 37}", "- {n: 0}"), 8, "sizes.check[1].n"),
                 "less than 1"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "- {n: 37}", "- {n: 1}"), 8, "sizes.check[1]"),
                 "size n=1 is listed twice"));
}

TEST_CASE("task loader: duplicate keys and names") {
  expect_error(replaced(kBaseYaml, "flops: n\n", "flops: n\nflops: 2*n\n"), 15, "flops");
  expect_error(replaced(kBaseYaml, "params: [n]", "params: [n, n]"), 4, "sizes.params[1]");
  expect_error(replaced(kBaseYaml, "{name: b,", "{name: a,"), 11, "tensors[1].name");
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8]", "values: [1, 2, 2, 8]"), 21,
               "seeds[0].knobs[0].values[2]");
  expect_error(replaced(kBaseYaml, "{name: UNROLL,", "{name: n,"), 21, "seeds[0].knobs[0].name");
}

TEST_CASE("task loader: name must match the folder") {
  CHECK(contains(expect_error(replaced(kBaseYaml, "name: tiny_add", "name: other"), 1, "name"),
                 "does not match the folder name 'tiny_add'"));
}

TEST_CASE("task loader: knob domains") {
  CHECK(contains(expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "values: []"), 21,
                              "seeds[0].knobs[0].values"),
                 "the domain is empty"));
  const std::string range_yaml = replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4",
                                          "range: {min: 2, max: 11, step: 3}, seed: 8");
  const TaskFolder folder(range_yaml);
  CHECK(load_task(folder.dir()).seeds[0].knobs[0].values == std::vector<std::int64_t>{2, 5, 8, 11});
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "range: {min: 5, max: 7, pow2: true}"), 21,
               "seeds[0].knobs[0].range");
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "range: {min: 0, max: 1e12}"), 21,
               "seeds[0].knobs[0].range");
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "range: {min: 9, max: 1}"), 21,
               "seeds[0].knobs[0].range.max");
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "seed: 4"), 21, "seeds[0].knobs[0].values");
  expect_error(replaced(kBaseYaml, "values: [1, 2, 4, 8], seed: 4", "values: [1], range: {min: 1, max: 2}"), 21,
               "seeds[0].knobs[0]");
}

TEST_CASE("task loader: tensors, tolerance and init") {
  expect_error(replaced(kBaseYaml, "dtype: f32, shape: [n]}", "dtype: f16, shape: [n]}"), 10, "tensors[0].dtype");
  expect_error(replaced(kBaseYaml, "role: output", "role: inout"), 12, "tensors[2].role");
  expect_error(replaced(kBaseYaml, "description: test task", "tolerance: {abs: -1}"), 2, "tolerance.abs");
  expect_error(replaced(kBaseYaml, "shape: [n]}\n  - {name: c", "shape: [n], init: {dist: poisson}}\n  - {name: c"),
               11, "tensors[1].init.dist");
  expect_error(replaced(kBaseYaml, "shape: [n]}\n  - {name: c",
                        "shape: [n], init: {dist: uniform, stddev: 1}}\n  - {name: c"),
               11, "tensors[1].init.stddev");
  expect_error(replaced(kBaseYaml, "role: output, dtype: f32, shape: [n]}",
                        "role: output, dtype: f32, shape: [n], init: {dist: constant, value: 0}}"),
               12, "tensors[2].init");
  expect_error(replaced(kBaseYaml, "role: output", "role: input"), 10, "tensors");
  expect_error(replaced(kBaseYaml, "interface: [a, b, c, n]", "interface: [a, b, n]"), 13, "interface");
  expect_error(replaced(kBaseYaml, "interface: [a, b, c, n]", "interface: [a, b, c, q]"), 13, "interface[3]");
  expect_error(replaced(kBaseYaml, "shape: [n]}\n  - {name: c", "shape: [n - 2]}\n  - {name: c"), 11,
               "tensors[1].shape[0]");
}

TEST_CASE("task loader: integer tensors take integer generators") {
  const std::string ints = replaced(kBaseYaml, "{name: a, role: input, dtype: f32, shape: [n]}",
                                    "{name: a, role: input, dtype: i32, shape: [n], init: {dist: integers, low: 0, high: 9}}");
  const TaskFolder folder(ints);
  const Task task = load_task(folder.dir());
  CHECK(task.tensors[0].init.kind == kevo::fitness::ValueGenerator::Kind::integers);
  CHECK(task.tensors[0].init.b == 9.0);
  expect_error(replaced(ints, "dist: integers, low: 0, high: 9", "dist: uniform"), 10, "tensors[0].init.dist");
  expect_error(replaced(ints, "high: 9", "high: 1e10"), 10, "tensors[0].init.high");
  expect_error(replaced(ints, "high: 9", "high: 2.5"), 10, "tensors[0].init.high");
}

TEST_CASE("task loader: launch plans") {
  const std::string message =
      expect_error(replaced(kBaseYaml, "args: [a, b, c, n]", "args: [a, b, c, x]"), 26, "seeds[0].launch.steps[0].args[3]");
  CHECK(contains(message, "unknown name 'x'"));
  CHECK(contains(message, "tensors (a, b, c)"));
  const std::string with_grid = replaced(kBaseYaml, "args: [a, b, c, n]",
                                         "args: [a, b, c, n * UNROLL, tmp]\n          grid: [\"cdiv(n, 256)\"]\n"
                                         "          block: [256, 1]\n      scratch: [{name: tmp, bytes: 4*n}]");
  const TaskFolder folder(with_grid);
  const Task task = load_task(folder.dir());
  const kevo::population::LaunchStep& step = task.seeds[0].launch.steps[0];
  CHECK(step.args[3] == "n * UNROLL");
  CHECK(step.grid == std::array<std::string, 3>{"cdiv(n, 256)", "1", "1"});
  CHECK(step.block == std::array<std::string, 3>{"256", "1", "1"});
  expect_error(replaced(with_grid, "grid: [\"cdiv(n, 256)\"]", "grid: [n - 1]"), 27,
               "seeds[0].launch.steps[0].grid[0]");
  expect_error(replaced(with_grid, "grid: [\"cdiv(n, 256)\"]", "grid: [1, 2, 3, 4]"), 27,
               "seeds[0].launch.steps[0].grid");
  CHECK(contains(expect_error(replaced(with_grid, "grid: [\"cdiv(n, 256)\"]", "grid: [cdiv(n, 256)]"), 27,
                              "seeds[0].launch.steps[0].grid[0]"),
                 "quote expressions with commas"));
  expect_error(replaced(with_grid, "bytes: 4*n", "bytes: 4/(n-1)"), 29, "seeds[0].launch.scratch[0].bytes");
  expect_error(replaced(with_grid, "name: tmp", "name: a"), 29, "seeds[0].launch.scratch[0].name");
  expect_error(replaced(kBaseYaml, "      steps:\n        - kernel: add\n          args: [a, b, c, n]\n",
                        "      steps: []\n"),
               24, "seeds[0].launch.steps");
}

TEST_CASE("task loader: seeds") {
  expect_error(replaced(kBaseYaml, "file: seed.cpp", "file: seed.cpp\n    language: fortran"), 20,
               "seeds[0].language");
  expect_error(replaced(kBaseYaml, "file: seed.cpp", "file: missing.cpp"), 19, "seeds[0].file");
  expect_error(replaced(kBaseYaml, "\"UNROLL <= 8\"", "\"UNROLL <= n\""), 22, "seeds[0].constraints[0]");
  expect_error(replaced(kBaseYaml, "\"UNROLL <= 8\"", "\"8 / (UNROLL - 4)\""), 22, "seeds[0].constraints[0]");
}

TEST_CASE("task loader: missing folder, missing file, empty file, several documents") {
  const TaskFolder folder(kBaseYaml);
  const std::filesystem::path missing = folder.dir() / "nope";
  CHECK_THROWS_AS(load_task(missing), TaskError);
  std::filesystem::remove(folder.dir() / "task.yaml");
  try {
    load_task(folder.dir());
    FAIL("expected a TaskError");
  } catch (const TaskError& error) {
    CHECK(contains(error.what(), folder.yaml_path() + ": file not found"));
  }
  expect_error("", 1, "(document)");
  expect_error("# only a comment\n", 1, "(document)");
  expect_error(kBaseYaml + "---\nname: second\n", 27, "(document)");
}

TEST_CASE("task loader: a tensor or knob or seed declared twice") {
  CHECK(contains(expect_error(replaced(kBaseYaml, "{name: b, role: input", "{name: a, role: input"), 11,
                              "tensors[1].name"),
                 "tensor 'a' is declared twice"));
  CHECK(contains(expect_error(replaced(kBaseYaml, "seed: 4}\n", "seed: 4}\n      - {name: UNROLL, values: [1]}\n"), 22,
                              "seeds[0].knobs[1].name"),
                 "knob 'UNROLL' is declared twice"));
  const std::string second_seed =
      "seeds:\n  - name: loop\n    file: seed.cpp\n    launch: {steps: [{kernel: add, args: [a, b, c, n]}]}\n";
  CHECK(contains(expect_error(replaced(kBaseYaml, "seeds:\n", second_seed), 21, "seeds[1].name"),
                 "seed 'loop' is declared twice"));
}

TEST_CASE("task loader: gpu_reference and compute load and are checked") {
  const std::string gpu = replaced(kBaseYaml, "seeds:\n",
                                   "compute: fp64\n"
                                   "gpu_reference:\n"
                                   "  file: reference.cu\n"
                                   "  launch:\n"
                                   "    steps:\n"
                                   "      - {kernel: add_ref, args: [a, b, c, n], grid: [\"cdiv(n, 128)\", 1, 1], block: [128, 1, 1]}\n"
                                   "seeds:\n");
  {
    const TaskFolder folder(gpu);
    folder.write("reference.cu", "extern \"C\" __global__ void add_ref(const float*, const float*, float*, long long) {}\n");
    const Task task = load_task(folder.dir());
    CHECK(task.compute == "fp64");
    REQUIRE(task.gpu_reference.has_value());
    CHECK(task.gpu_reference->language == kevo::population::Language::cuda);
    REQUIRE(task.gpu_reference->launch.steps.size() == 1);
    CHECK(task.gpu_reference->launch.steps[0].grid[0] == "cdiv(n, 128)");
    CHECK(contains(task.gpu_reference->source, "add_ref"));
  }
  {
    const TaskFolder folder(replaced(gpu, "compute: fp64", "compute: fp33"));
    folder.write("reference.cu", "\n");
    const std::string message = load_error(folder);
    CHECK(contains(message, "key 'compute': unknown compute kind 'fp33'; use one of fp64, fp32"));
  }
  {
    // A GPU reference has no knobs: naming one is an unbound name.
    const TaskFolder folder(replaced(gpu, "\"cdiv(n, 128)\"", "\"cdiv(n, BLOCK)\""));
    folder.write("reference.cu", "\n");
    CHECK(contains(load_error(folder), "gpu_reference.launch.steps[0].grid[0]"));
  }
  {
    const TaskFolder folder(gpu);  // reference.cu is missing
    CHECK(contains(load_error(folder), "key 'gpu_reference.file': file"));
  }
}

TEST_CASE("task loader: bf16 tensors are two bytes and pass to the CPU reference as uint16_t") {
  const TaskFolder folder(replaced(kBaseYaml, "{name: a, role: input, dtype: f32", "{name: a, role: input, dtype: bf16"));
  const Task task = load_task(folder.dir());
  REQUIRE(task.find_tensor("a") != nullptr);
  CHECK(task.find_tensor("a")->dtype == kevo::fitness::DType::bf16);
  CHECK(kevo::fitness::dtype_size(kevo::fitness::DType::bf16) == 2);
  CHECK(kevo::fitness::c_type(kevo::fitness::DType::bf16) == "uint16_t");
  CHECK(kevo::fitness::dtype_from_string("bf16") == kevo::fitness::DType::bf16);
  CHECK_FALSE(kevo::fitness::dtype_from_string("fp16").has_value());
}

TEST_CASE("task loader: seed strategies name their knobs or another seed") {
  const std::string with_strategies = replaced(kBaseYaml, "    launch:\n",
                                               "    strategies:\n"
                                               "      loop_unrolling: {knobs: [UNROLL]}\n"
                                               "    launch:\n");
  {
    const TaskFolder folder(with_strategies);
    const Task task = load_task(folder.dir());
    REQUIRE(task.seeds[0].strategies.count("loop_unrolling") == 1);
    CHECK(task.seeds[0].strategies.at("loop_unrolling").knobs == std::vector<std::string>{"UNROLL"});
  }
  CHECK(contains(load_error(TaskFolder(replaced(with_strategies, "knobs: [UNROLL]", "knobs: [TILE]"))),
                 "'TILE' is not a knob of seed 'loop'"));
  CHECK(contains(load_error(TaskFolder(replaced(with_strategies, "{knobs: [UNROLL]}", "{seed: loop}"))),
                 "'loop' is not another seed of this task"));
  CHECK(contains(load_error(TaskFolder(replaced(with_strategies, "{knobs: [UNROLL]}", "{knobs: [UNROLL], seed: x}"))),
                 "exactly one of them"));
}

TEST_CASE("task loader: a task without seeds loads with none, and a drafted kernel becomes a seed through the "
          "same launch reader") {
  const Task task = load_task(std::filesystem::path(KEVO_TEST_DATA_DIR) / "tasks" / "draft_axpy");
  CHECK(task.seeds.empty());
  const kevo::fitness::KernelDraft draft{"draft1", kevo::population::Language::cpp, "void axpy() {}\n",
                                         "steps:\n  - kernel: axpy\n    args: [x, z, y, \"n - 1 + 1\"]\n"};
  const kevo::fitness::SeedSpec seed = kevo::fitness::seed_from_draft(task, draft);
  CHECK(seed.drafted);
  CHECK(seed.knobs.empty());
  REQUIRE(seed.launch.steps.size() == 1);
  CHECK(seed.launch.steps[0].args == std::vector<std::string>{"x", "z", "y", "n - 1 + 1"});
  CHECK(task.seed_variant(seed).lineage.operator_name == "llm_draft");
  const std::string wrapped = "launch:\n  steps:\n    - {kernel: axpy, args: [x, z, y, n]}\n";
  CHECK(kevo::fitness::seed_from_draft(task, {"draft2", draft.language, draft.source, wrapped}).launch.steps.size() == 1);

  auto refused = [&](const std::string& plan) {
    try {
      kevo::fitness::seed_from_draft(task, {"draft3", draft.language, draft.source, plan});
    } catch (const TaskError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  const std::string unknown_name = refused("steps:\n  - {kernel: axpy, args: [x, w, y, n]}\n");
  CHECK(unknown_name.find("draft3 launch plan:2:") == 0);
  CHECK(unknown_name.find("steps[0].args[1]") != std::string::npos);
  CHECK(refused("steps: []\n").find("no steps") != std::string::npos);
  CHECK(refused("steps:\n  - {kernel: axpy, args: [x, z, y, \"n - 2\"], block: [\"n - 1\"]}\n")
            .find("with n=1") != std::string::npos);  // zero threads at the smallest check size
  CHECK(refused("{{{").find("draft3 launch plan") == 0);
}
