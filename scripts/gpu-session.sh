#!/usr/bin/env bash
# Everything that needs an NVIDIA GPU, in one go, for a machine you hold
# briefly (a lent GPU node): the [gpu] tests, then the GPU benchmark
# (bench/gpu/run.sh). Logs and results land in OUT_DIR.
#   scripts/gpu-session.sh OUT_DIR [BUILD_DIR]
# BUILD_DIR defaults to build-portable (cmake --preset portable: static
# yaml-cpp, boost and sqlite3, so a build made elsewhere runs there).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/gpu-session.sh OUT_DIR [BUILD_DIR]}
build=${2:-build-portable}
mkdir -p "$out"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,power.draw,temperature.gpu \
  --format=csv >"$out/nvidia-smi.csv" 2>&1
echo "== [gpu] tests (the [cuda] compile tests run in CI)"
"$build/tests/kevo_tests_fitness" "[gpu]" >"$out/gpu-tests.txt" 2>&1
echo "tests exit code $?" | tee -a "$out/gpu-tests.txt"
tail -4 "$out/gpu-tests.txt"
echo "== bench/gpu/run.sh"
KEVO_BUILD_DIR=$build bench/gpu/run.sh runs/bench-gpu >"$out/bench.log" 2>&1
echo "bench exit code $?" | tee -a "$out/bench.log"
cp runs/bench-gpu.calibrate.txt runs/bench-gpu.table.md "$out/" 2>/dev/null
cp runs/bench-gpu/report.md "$out/report.md" 2>/dev/null
cp runs/bench-gpu/archive.sqlite "$out/archive.sqlite" 2>/dev/null
cp hardware_profiles/measured/*.yaml "$out/" 2>/dev/null
cat runs/bench-gpu.table.md 2>/dev/null || tail -30 "$out/bench.log"
