#!/usr/bin/env bash
# The Kernel Tuner peer arm on the GPU machine: its four strategies (random
# sampling, genetic algorithm, simulated annealing, Bayesian optimization)
# on sgemm's tiled knob space, one strategy per GPU at the same time, 3
# seeds x the kevo experiment's budget each. Each process then times its own
# bests, the seed point and kevo's best points (KEVO_RUNS_DIR: an experiment's
# runs/ folder) by one timer, round-robin (cross timing).
# Needs the wheels of WHEELS.txt in .whl/.
#   experiments/peers/gpu_peer.sh OUT_DIR [BUDGET=30] [KEVO_RUNS_DIR]
set -uo pipefail
out=${1:?OUT_DIR}; budget=${2:-30}; kevo_best=${3:-}
mkdir -p "$out"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/kt-site .whl/*.whl ||
  { echo "cannot install the wheels in .whl (see experiments/peers/WHEELS.txt)"; exit 1; }
export PYTHONPATH=/tmp/kt-site
# A fresh CuPy kernel cache: kernels compiled by an earlier call on the same
# machine would make this call's evaluations look cheaper.
export CUPY_CACHE_DIR=$(mktemp -d)
gpus=$(nvidia-smi -L | wc -l)
strategies=(random_sample genetic_algorithm simulated_annealing bayes_opt)
kevo_bests=()
[ -n "$kevo_best" ] && kevo_bests=(--kevo-best $(find "$kevo_best" -type d -path '*sgemm/seed-*/best' | sort))
start=$(date +%s)
for i in "${!strategies[@]}"; do
  s=${strategies[$i]}
  # genetic_algorithm's default population (26) would spend a budget of 30 on
  # its first generation: a population of 10 leaves it generations to evolve.
  CUDA_VISIBLE_DEVICES=$((i % gpus)) python3 experiments/peers/kernel_tuner_sgemm.py --budget "$budget" --seeds 1 2 3 \
    --strategies "$s" --strategy-option genetic_algorithm:popsize=10 --out "$out/$s" "${kevo_bests[@]}" > "$out/$s.log" 2>&1 &
  [ $(( (i + 1) % gpus )) -eq 0 ] && wait
done
wait
echo "Kernel Tuner: 4 strategies x 3 seeds x $budget evaluations in $(( $(date +%s) - start )) s on $gpus GPU(s)"
merge() {  # FILE: one CSV from every strategy's, with the strategy's process named in front
  local first=1
  for s in "${strategies[@]}"; do
    local f=$out/$s/$1
    [ -f "$f" ] || { echo "$s: no $1; see $out/$s.log" >&2; tail -5 "$out/$s.log" >&2; continue; }
    if [ $first = 1 ]; then sed -n '1s/^/process,/p' "$f"; first=0; fi
    tail -n +2 "$f" | sed "s/^/$s,/"
  done > "$out/$1"
}
merge peer_results.csv
merge peer_cross_timing.csv
cut -d, -f1-13 "$out/peer_results.csv"
