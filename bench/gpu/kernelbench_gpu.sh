#!/usr/bin/env bash
# KernelBench-style problems on the GPU machine (issue 12): imports the
# problem files with `kevo import kernelbench`, runs the [gpu] PyTorch
# reference test, then configs/campaigns/kernelbench-style.yaml, whose
# report.md holds the "Against PyTorch" table (eager and torch.compile
# timed on the same GPU in the same run).
#   bench/gpu/kernelbench_gpu.sh OUT_DIR [BUILD_DIR=build-portable]
set -uo pipefail
out=${1:?OUT_DIR}; build=${2:-build-portable}
mkdir -p "$out"
{ nvidia-smi -L; python3 -c 'import torch; print("torch", torch.__version__)'; date -u; } > "$out/machine.txt" 2>&1
work=$(mktemp -d)
"$build/kevo" import kernelbench configs/tasks/kernelbench-style/*/problem.py --task-dir "$work/imported" \
  > "$out/import.log" 2>&1
echo "import: exit $?" | tee -a "$out/machine.txt"
cat "$work"/imported/*/task.yaml >> "$out/import.log" 2>/dev/null
timeout 300 "$build/tests/kevo_tests_fitness" "pytorch reference: kernelbench-style seeds*" > "$out/gpu-test.log" 2>&1
echo "[gpu] pytorch reference test: exit $?" | tee -a "$out/machine.txt"
sed "s|^name: kernelbench-style|name: kernelbench-style\nrun_dir: $work/run|" configs/campaigns/kernelbench-style.yaml \
  > "$work/campaign.yaml"
start=$(date +%s)
timeout 420 "$build/kevo" run "$work/campaign.yaml" > "$out/campaign.log" 2>&1
echo "campaign: exit $?, $(( $(date +%s) - start )) s" | tee -a "$out/machine.txt"
cp "$work/run/report.md" "$out/report.md" 2>/dev/null
tar -czf "$out/run.tgz" -C "$work" run 2>/dev/null
tail -4 "$out/machine.txt"
