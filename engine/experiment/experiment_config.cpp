#include "engine/experiment/experiment_config.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "engine/campaign/yaml_section.hpp"

namespace kevo::engine {
namespace {

// Keys the experiment sets for every cell; a campaign section or arm may not.
const std::set<std::string> kCellKeys{"name", "run_dir", "tasks", "seed"};

// Maps merge key by key; anything else (lists, scalars) is replaced whole.
YAML::Node merged(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return YAML::Clone(over);
  YAML::Node out = YAML::Clone(base);
  for (const auto& entry : over) {
    const auto key = entry.first.as<std::string>();
    out[key] = out[key].IsDefined() ? merged(out[key], entry.second) : YAML::Clone(entry.second);
  }
  return out;
}

void refuse_cell_keys(const YamlSection& section, const YAML::Node& node, const std::string& where) {
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    if (kCellKeys.count(key))
      section.fail(where + "." + key, entry.first, "is set by the experiment for each run",
                   "list tasks and seeds at the top level; names and run directories follow from them");
  }
}

ArmTraits traits_of(const CampaignConfig& c) {
  ArmTraits t;
  t.method = to_string(c.search.method);
  t.islands = c.islands;
  t.migration = c.migration.enabled && c.islands > 1;
  for (const auto& name : c.search.operators) t.operators += (t.operators.empty() ? "" : "+") + name;
  const bool bandit = std::find(c.search.operators.begin(), c.search.operators.end(), "strategy") != c.search.operators.end();
  t.strategy_choice = bandit ? operators::bandit::to_string(c.bandit.policy.kind) : "-";
  return t;
}

std::vector<ExperimentArm> read_arms(const YamlSection& top) {
  const YAML::Node list = top.child("arms");
  if (!top.has("arms") || !list.IsSequence() || list.size() == 0)
    top.fail("arms", top.node(), "is missing or not a list", "list at least one arm: '- name: greedy' plus campaign keys");
  std::vector<ExperimentArm> arms;
  std::set<std::string> names;
  static const std::regex kDirName("[A-Za-z0-9_][A-Za-z0-9_.-]*");  // a folder name, never "." or ".."
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "arms[" + std::to_string(i) + "]";
    if (!list[i].IsMap()) top.fail(where, list[i], "expected a mapping", "write '- name: <arm>' and campaign keys");
    ExperimentArm arm;
    if (!list[i]["name"].IsScalar()) top.fail(where + ".name", list[i], "is missing", "give every arm a name");
    arm.name = list[i]["name"].as<std::string>();
    if (!std::regex_match(arm.name, kDirName))
      top.fail(where + ".name", list[i]["name"], "'" + arm.name + "' is not usable as a folder name",
               "use letters, digits, '-', '_' and '.', starting with a letter, digit or '_'");
    if (!names.insert(arm.name).second)
      top.fail(where + ".name", list[i]["name"], "'" + arm.name + "' is used twice", "give each arm its own name");
    arm.overrides = YAML::Clone(list[i]);
    arm.overrides.remove("name");
    refuse_cell_keys(top, arm.overrides, where);
    if (arm.overrides["devices"].IsDefined())
      top.fail(where + ".devices", list[i]["devices"], "arms share the experiment's devices",
               "set devices once, under campaign:");
    arms.push_back(std::move(arm));
  }
  return arms;
}

std::vector<std::int64_t> every_evaluation(std::int64_t budget) {
  std::vector<std::int64_t> all(static_cast<std::size_t>(budget));
  for (std::int64_t k = 0; k < budget; ++k) all[static_cast<std::size_t>(k)] = k + 1;
  return all;
}

// Every arm must build a valid campaign, and all must spend one evaluation budget.
void check_arms(ExperimentConfig& e, const YamlSection& top) {
  for (auto& arm : e.arms) {
    const auto cell = cell_campaign(e, arm, e.tasks.front(), e.seeds.front(), e.devices.front());
    arm.traits = traits_of(cell);
    if (cell.budget.evaluations <= 0)
      top.fail("campaign.budget.evaluations", top.child("campaign"), "arm '" + arm.name + "' has no evaluation budget",
               "set budget.evaluations: arms are compared on equal evaluation budgets");
    if (&arm == &e.arms.front()) e.evaluation_budget = cell.budget.evaluations;
    if (cell.budget.evaluations != e.evaluation_budget)
      top.fail("arms", top.child("arms"),
               "arm '" + arm.name + "' spends " + std::to_string(cell.budget.evaluations) + " evaluations, arm '" +
                   e.arms.front().name + "' " + std::to_string(e.evaluation_budget),
               "give every arm the same budget.evaluations (set it once under campaign:)");
  }
}

void read_milestones(ExperimentConfig& e, const YamlSection& top) {
  top.read("milestones", e.milestones);
  if (e.milestones.empty()) e.milestones = every_evaluation(e.evaluation_budget);
  if (!std::is_sorted(e.milestones.begin(), e.milestones.end()) || e.milestones.front() <= 0 ||
      e.milestones.back() > e.evaluation_budget)
    top.fail("milestones", top.child("milestones"), "must rise from 1 to at most the budget (" +
             std::to_string(e.evaluation_budget) + ")", "e.g. [5, 10, 20]");
}

}  // namespace

ExperimentConfig parse_experiment(const std::string& yaml_text, const std::filesystem::path& file) {
  const std::string label = file.string();
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(label + ":" + std::to_string(error.mark.line + 1) + ":" + std::to_string(error.mark.column + 1) +
                      ": malformed YAML: " + error.msg + "; fix the syntax at this position");
  }
  ExperimentConfig e;
  e.file = file;
  e.text = yaml_text;
  const YamlSection top(root, "", label,
                        {"name", "run_dir", "tasks", "seeds", "arms", "campaign", "baseline_arm", "milestones",
                         "target_speedup", "python", "report_script"});
  top.read("name", e.name);
  if (e.name.empty()) top.fail("name", root, "is missing", "name the experiment, e.g. 'name: greedy_vs_evolutionary'");
  std::string text;
  top.read("run_dir", text);
  e.run_dir = text.empty() ? "runs/" + e.name : text;
  top.read("tasks", e.tasks);
  if (e.tasks.empty()) top.fail("tasks", root, "is missing or empty", "list task names from 'kevo tasks'");
  top.read("seeds", e.seeds);
  if (e.seeds.empty()) top.fail("seeds", root, "is missing or empty", "list search seeds, e.g. [1, 2, 3]");
  if (!top.has("campaign")) top.fail("campaign", root, "is missing", "put the campaign keys every arm shares under campaign:");
  if (!top.child("campaign").IsMap()) top.fail("campaign", top.child("campaign"), "expected a mapping", "write campaign keys");
  e.campaign = YAML::Clone(top.child("campaign"));
  refuse_cell_keys(top, e.campaign, "campaign");
  e.arms = read_arms(top);
  e.devices = parse_campaign("name: probe\ntasks: [probe]\n" + YAML::Dump(e.campaign) + "\n", label + " campaign:").devices;
  check_arms(e, top);
  top.read("baseline_arm", e.baseline_arm);
  if (e.baseline_arm.empty()) e.baseline_arm = e.arms.front().name;
  if (std::none_of(e.arms.begin(), e.arms.end(), [&](const auto& a) { return a.name == e.baseline_arm; }))
    top.fail("baseline_arm", top.child("baseline_arm"), "'" + e.baseline_arm + "' is not an arm", "name one of the arms");
  read_milestones(e, top);
  top.read_positive("target_speedup", e.target_speedup);
  text.clear();
  top.read("python", text);
  if (!text.empty()) e.python = text;
  text.clear();
  top.read("report_script", text);
  if (!text.empty()) e.report_script = text;
  return e;
}

ExperimentConfig load_experiment(const std::filesystem::path& file) {
  return parse_experiment(read_config_file(file, "experiment file"), file);
}

CampaignConfig cell_campaign(const ExperimentConfig& e, const ExperimentArm& arm, const std::string& task,
                             std::uint64_t seed, const std::string& device) {
  YAML::Node cell = merged(e.campaign, arm.overrides);
  const auto run_dir = e.run_dir / "runs" / arm.name / task / ("seed-" + std::to_string(seed));
  cell["name"] = e.name + "-" + arm.name + "-" + task + "-seed-" + std::to_string(seed);
  cell["run_dir"] = run_dir.string();
  cell["tasks"] = std::vector<std::string>{task};
  cell["seed"] = seed;
  cell["devices"] = std::vector<std::string>{device};
  // One compile cache per arm: an arm run later must not find the kernels
  // of another already compiled, or its wall times look shorter.
  if (!cell["cache_dir"].IsDefined()) cell["cache_dir"] = (e.run_dir / ".cache" / arm.name).string();
  if (!cell["bandit"].IsMap()) cell["bandit"] = YAML::Node(YAML::NodeType::Map);
  if (!cell["bandit"]["memory"].IsDefined()) cell["bandit"]["memory"] = (run_dir / "hardware_memory.json").string();
  return parse_campaign(YAML::Dump(cell) + "\n", e.file.string() + ", arm '" + arm.name + "' (merged with campaign:)");
}

}  // namespace kevo::engine
