#!/usr/bin/env bash
# Evolutionary vs greedy (vs random) search on matmul at equal evaluation budgets
# over several seeds; prints the best speedup per run. Compare with the
# exhaustive optimum from `kevo sweep matmul`.
#
#   experiments/matmul_methods.sh [budget=40] [seeds="1 2 3 4 5"] [methods="evolutionary greedy"]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-40}
seeds=${2:-"1 2 3 4 5"}
methods=${3:-"evolutionary greedy"}
out=runs/matmul-methods-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "method,seed,best_speedup,seed_ms,best_ms"
for method in $methods; do
  for seed in $seeds; do
    name="$method-s$seed"
    cat > "$out/$name.yaml" <<YAML
name: $name
run_dir: $out/$name
tasks: [matmul]
seed: $seed
search: {method: $method, islands: 2, population: 6, children_per_generation: 4,
         operators: [knob_mutation, knob_crossover, seed_switch]}
budget: {evaluations: $budget}
evaluation: {samples: 5, warmup: 1}
YAML
    ./build/kevo run "$out/$name.yaml" > "$out/$name.log" 2>&1
    python3 - "$out/$name/best/matmul.json" "$method" "$seed" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["evaluation"]["timings"][0]["median_seconds"]
print(f'{sys.argv[2]},{sys.argv[3]},{d["speedup_over_seed"]:.3f},{d["seed_seconds"]*1e3:.3f},{ev*1e3:.3f}')
PY
  done
done
