#!/usr/bin/env bash
# Runs experiments/greedy_vs_evolutionary-gpu.yaml on the GPU machine with
# one rank per GPU, then copies what the report needs into OUT_DIR: the tidy
# results, the experiment's metadata, each run's best-variant file and the
# logs. The plots and report.md are drawn afterwards from those files
# (kevo experiment --report-only, or experiments/report/experiment_report.py).
#   experiments/gpu_experiment.sh OUT_DIR [BUILD_DIR=build-portable] [EXPERIMENT]
set -uo pipefail
out=${1:?OUT_DIR}; build=${2:-build-portable}
experiment=${3:-experiments/greedy_vs_evolutionary-gpu.yaml}
mkdir -p "$out"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl=self,vader,tcp
gpus=$(nvidia-smi -L | wc -l)
{ nvidia-smi -L; nvidia-smi --query-gpu=driver_version,clocks.sm,clocks.max.sm --format=csv; echo "CPU cores: $(nproc)"; } \
  > "$out/machine.txt"
cat "$out/machine.txt"
start=$(date +%s)
# --bind-to none: a kevo rank compiles and checks on several threads.
timeout -s TERM 480 mpirun --bind-to none -np "$gpus" "$build/kevo" experiment "$experiment" --no-report > "$out/experiment.log" 2>&1
echo "kevo experiment: exit $?, $(( $(date +%s) - start )) s on $gpus GPU(s)" | tee -a "$out/machine.txt"
run_dir=$("$build/kevo" experiment "$experiment" --report-only --no-report 2>/dev/null | sed -n 's/^results: \(.*\)\/results.csv.*/\1/p')
cp "$run_dir"/results.csv "$run_dir"/experiment.json "$run_dir"/experiment.yaml "$out/"
cp -r "$run_dir"/ranks "$out/" 2>/dev/null
tar -czf "$out/best-variants.tgz" -C "$run_dir" $(cd "$run_dir" && ls -d runs/*/*/*/best runs/*/*/*/report.md 2>/dev/null)
tail -15 "$out/experiment.log"
