#!/usr/bin/env bash
# Evaluations per second of one campaign run with 1, 2 and 3 MPI ranks on
# this machine (CPU devices): each rank spends the per-rank budget, and the
# job's total evaluations are divided by its wall time.
#   experiments/mpi_scaling.sh [RANKS...]        (default: 1 2 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
kevo=${KEVO_BUILD_DIR:-$repo/build}/kevo
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
work=$(mktemp -d /tmp/kevo-scaling-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "| ranks | evaluations | wall s | evaluations/s | migrants in (all ranks) |"
echo "|---|---|---|---|---|"
for ranks in "${@:-1 2 3}"; do
  cat > "$work/c$ranks.yaml" <<YAML
name: scaling-$ranks
run_dir: $work/run-$ranks
cache_dir: $work/cache-$ranks
tasks: [row_reduce]
devices: [cpu]
seed: 5
search: {method: evolutionary, islands: 1, population: 6, children_per_generation: 2,
         operators: [knob_mutation, knob_crossover]}
migration: {topology: ring, interval: 1, size: 1}
budget: {evaluations: 16, wall_seconds: 300}
evaluation: {samples: 5, warmup: 1}
YAML
  start=$(date +%s.%N)
  mpirun --bind-to none -np "$ranks" "$kevo" run "$work/c$ranks.yaml" > "$work/log-$ranks" 2>&1
  end=$(date +%s.%N)
  python3 - "$work/run-$ranks" "$start" "$end" "$ranks" <<'PY'
import json, pathlib, sqlite3, sys
run, start, end, ranks = pathlib.Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
archives = sorted(run.glob("shards/rank-*.sqlite")) or [run / "archive.sqlite"]
evals = migrants = 0
for a in archives:
    s = json.loads(sqlite3.connect(a).execute("select value from state where key='task/row_reduce'").fetchone()[0])
    evals += s["budget"]["evaluations"]; migrants += s.get("migrants_received", 0)
wall = end - start
print(f"| {ranks} | {evals} | {wall:.1f} | {evals / wall:.2f} | {migrants} |")
PY
done
