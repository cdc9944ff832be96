#!/usr/bin/env bash
# Strategy selection by bandit (UCB, Thompson) vs uniformly at random, at
# equal evaluation budgets over several seeds, on one task and device. Prints
# one CSV row per run and milestone: the best speedup over the seed reached
# within the first k fresh evaluations (read back from the run's archive in
# the order they were committed). Every run writes its learned strategies to
# its own hardware memory file (no prior: each run starts cold).
#
#   experiments/strategy_bandit.sh [task=matmul] [budget=30] [seeds="1 2 3"] [device=cpu] [task_dir=configs/tasks]
# Environment: POLICIES (default "ucb thompson uniform"), MILESTONES (default: the budget),
# KEVO_BUILD_DIR (default build), SAMPLES (timed runs per variant, default 5),
# JOBS (campaigns at once, default 1; on one GPU they take turns for every
# run request, so timed samples never overlap: only host work runs side by side),
# OUT_DIR (default runs/strategy-bandit-<task>-<time>), WALL (seconds per campaign, default 0: none).
set -euo pipefail
cd "$(dirname "$0")/.."
task=${1:-matmul}
budget=${2:-30}
seeds=${3:-"1 2 3"}
device=${4:-cpu}
task_dir=${5:-configs/tasks}
policies=${POLICIES:-"ucb thompson uniform"}
milestones=${MILESTONES:-$budget}
build=${KEVO_BUILD_DIR:-build}
jobs=${JOBS:-1}
out=${OUT_DIR:-runs/strategy-bandit-$task-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"

run_one() {  # policy seed: one campaign, then its milestone rows into $out/<name>.csv
  local policy=$1 seed=$2 name="$1-s$2"
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
budget: {evaluations: $budget, wall_seconds: ${WALL:-0}}
evaluation: {samples: ${SAMPLES:-5}, warmup: 1}
YAML
  local start=$(date +%s%N)
  if ! "$build/kevo" run "$out/$name.yaml" > "$out/$name.log" 2>&1; then
    echo "$name failed: see $out/$name.log" >&2
    return 1
  fi
  local wall=$(( ($(date +%s%N) - start) / 1000000000 ))
  python3 experiments/best_so_far.py "$out/$name/archive.sqlite" "$out/$name/best/$task.json" \
    "$task,$policy,$seed" "$wall" $milestones > "$out/$name.csv"
}

names=()
for policy in $policies; do
  for seed in $seeds; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    run_one "$policy" "$seed" &
    names+=("$policy-s$seed")
  done
done
wait
echo "task,policy,seed,evaluations,best_speedup,seed_ms,best_ms,wall_s"
for name in "${names[@]}"; do cat "$out/$name.csv" 2>/dev/null || true; done
