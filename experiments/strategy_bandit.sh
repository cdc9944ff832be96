#!/usr/bin/env bash
# Strategy selection by bandit (UCB, Thompson) vs uniformly at random, at
# equal evaluation budgets over several seeds, on one task and device; prints
# the best speedup per run. Every run writes its learned strategies to its
# own hardware memory file (no prior: each run starts cold).
#
#   experiments/strategy_bandit.sh [task=matmul] [budget=30] [seeds="1 2 3"] [device=cpu] [task_dir=configs/tasks]
set -euo pipefail
cd "$(dirname "$0")/.."
task=${1:-matmul}
budget=${2:-30}
seeds=${3:-"1 2 3"}
device=${4:-cpu}
task_dir=${5:-configs/tasks}
out=runs/strategy-bandit-$task-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "policy,seed,best_speedup,seed_ms,best_ms"
for policy in ucb thompson uniform; do
  for seed in $seeds; do
    name="$policy-s$seed"
    cat > "$out/$name.yaml" <<YAML
name: $name
run_dir: $out/$name
task_dir: $task_dir
tasks: [$task]
devices: [$device]
seed: $seed
search: {method: evolutionary, islands: 2, population: 6, children_per_generation: 4, crossover_rate: 0,
         operators: [strategy]}
bandit: {policy: $policy, memory: $out/$name.memory.json}
budget: {evaluations: $budget}
evaluation: {samples: 5, warmup: 1}
YAML
    ./build/kevo run "$out/$name.yaml" > "$out/$name.log" 2>&1
    python3 - "$out/$name/best/$task.json" "$policy" "$seed" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["evaluation"]["timings"][0]["median_seconds"]
print(f'{sys.argv[2]},{sys.argv[3]},{d["speedup_over_seed"]:.3f},{d["seed_seconds"]*1e3:.3f},{ev*1e3:.3f}')
PY
  done
done
