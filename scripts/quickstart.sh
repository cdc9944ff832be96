#!/usr/bin/env bash
# Builds kevo and runs the quickstart campaign: CPU tasks, offline operators,
# no GPU and no LLM key. Each call starts a fresh run directory.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs" --target kevo kevo-worker
run_dir="runs/quickstart-$(date +%Y%m%d-%H%M%S)"
./build/kevo run configs/campaigns/quickstart.yaml --run-dir "$run_dir"
