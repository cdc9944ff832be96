#!/usr/bin/env bash
# Imported KernelBench problems with no seed kernel on the GPU machine
# (issue 12): imports the problem files, serves the scripted drafts with
# kevo-mock-llm, and runs configs/campaigns/kernelbench-drafted.yaml, whose
# first kernels are drafted from each problem.py through the LLM endpoint
# and checked against the PyTorch model. report.md holds "Against PyTorch".
#   bench/gpu/kernelbench_drafted_gpu.sh OUT_DIR [BUILD_DIR=build-portable]
set -uo pipefail
out=${1:?OUT_DIR}; build=${2:-build-portable}
mkdir -p "$out"
{ nvidia-smi -L; python3 -c 'import torch; print("torch", torch.__version__)'; date -u; } > "$out/machine.txt" 2>&1
rm -rf runs/kernelbench-imported runs/kernelbench-drafted
"$build/kevo" import kernelbench configs/tasks/kernelbench-style/*/problem.py --task-dir runs/kernelbench-imported \
  > "$out/import.log" 2>&1
echo "import: exit $?" | tee -a "$out/machine.txt"
"$build/tests/kevo-mock-llm" tests/data/llm/kernelbench_drafts.json 8633 > "$out/mock-llm.log" 2>&1 &
mock=$!
sleep 1
start=$(date +%s)
timeout 480 "$build/kevo" run configs/campaigns/kernelbench-drafted.yaml > "$out/campaign.log" 2>&1
echo "campaign: exit $?, $(( $(date +%s) - start )) s" | tee -a "$out/machine.txt"
kill "$mock"; wait "$mock" 2>/dev/null
cp runs/kernelbench-drafted/report.md "$out/report.md" 2>/dev/null
python3 - runs/kernelbench-drafted/archive.sqlite > "$out/draft-prompt.md" <<'PY'
import json, sqlite3, sys
request = sqlite3.connect(sys.argv[1]).execute("select request from exchanges order by seq limit 1").fetchone()[0]
for message in json.loads(request)["messages"]:
    print(f"### {message['role']}\n\n{message['content']}\n")
PY
tar -czf "$out/run.tgz" runs/kernelbench-drafted runs/kernelbench-imported 2>/dev/null
tail -3 "$out/machine.txt"
