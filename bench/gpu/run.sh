#!/bin/sh
# The GPU benchmark in one command:
#   bench/gpu/run.sh [OUT_DIR]
# builds kevo (unless $KEVO_BUILD_DIR already holds it), measures the GPU's
# ceilings and the cuBLAS GEMM baselines (kevo calibrate), runs a short
# campaign on every GPU task (bench/gpu/bench-gpu.yaml), and prints a table:
# seed time, best time, speedup, fraction of the measured roofline and, for
# the GEMMs, the ratio to cuBLAS at the same size, all from this one run.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${KEVO_BUILD_DIR:-build}
OUT=${1:-runs/bench-gpu-$(date -u +%Y%m%d-%H%M%S)}
if [ ! -x "$BUILD/kevo" ]; then
  cmake --preset default
  cmake --build build -j "$(nproc)"
  BUILD=build
fi
mkdir -p "$(dirname "$OUT")"
"$BUILD/kevo" calibrate --baseline 4096x4096x4096:fp32 --baseline 4096x4096x4096:bf16 | tee "$OUT.calibrate.txt"
"$BUILD/kevo" run bench/gpu/bench-gpu.yaml --run-dir "$OUT"
python3 bench/gpu/table.py "$OUT/report.md" "$OUT.calibrate.txt" | tee "$OUT.table.md"
