#!/usr/bin/env bash
# Builds kevo and runs a quickstart campaign in a fresh run directory:
#   scripts/quickstart.sh                                        CPU tasks, no GPU, no LLM key
#   scripts/quickstart.sh configs/campaigns/quickstart-gpu.yaml  the GPU tasks on cuda:0
set -euo pipefail
cd "$(dirname "$0")/.."
campaign=${1:-configs/campaigns/quickstart.yaml}
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs" --target kevo kevo-worker
run_dir="runs/$(basename "$campaign" .yaml)-$(date +%Y%m%d-%H%M%S)"
./build/kevo run "$campaign" --run-dir "$run_dir"
