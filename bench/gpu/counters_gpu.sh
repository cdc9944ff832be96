#!/usr/bin/env bash
# Hardware counters on the GPU machine (issue 10): the [gpu] counter tests
# (their counter sets recorded as JSON), then the GPU quickstart with
# `evaluation.counters: best`, whose report.md holds the "Hardware counters"
# table: formula vs measured bytes, occupancy, bound before and after, and
# what profiling each variant cost.
#   bench/gpu/counters_gpu.sh OUT_DIR [BUILD_DIR=build-portable] [tests|campaign|both]
set -uo pipefail
out=${1:?OUT_DIR}; build=${2:-build-portable}; what=${3:-both}
mkdir -p "$out/recorded"
{ nvidia-smi -L; nvidia-smi --query-gpu=driver_version,clocks.sm,clocks.max.sm --format=csv; date -u; } > "$out/machine.txt"
if [ "$what" != campaign ]; then
  # One process per test case, as ctest runs them: a skip (exit 77) ends only its own case.
  "$build/tests/kevo_tests_fitness" "[gpu]" --list-test-names-only 2>/dev/null | grep -v '^$' |
    while IFS= read -r name; do
      # Catch reads commas in a name as "or": escape them.
      KEVO_COUNTER_RECORDINGS="$out/recorded" timeout 300 "$build/tests/kevo_tests_fitness" "${name//,/\\,}" \
        > "$out/one-test.log" 2>&1
      status=$?
      grep -q "No tests ran" "$out/one-test.log" && status=99
      cat "$out/one-test.log" >> "$out/gpu-tests.log"
      echo "[gpu] $name: exit $status" | tee -a "$out/machine.txt"
    done
    rm -f "$out/one-test.log"
fi
if [ "$what" != tests ]; then
  run_root=$(mktemp -d)
  sed "s|^name: quickstart-gpu|name: counters-gpu\nrun_dir: $run_root/counters-gpu|" configs/campaigns/quickstart-gpu.yaml \
    > "$run_root/campaign.yaml"
  start=$(date +%s)
  timeout 540 "$build/kevo" run "$run_root/campaign.yaml" > "$out/campaign.log" 2>&1
  echo "campaign: exit $?, $(( $(date +%s) - start )) s" | tee -a "$out/machine.txt"
  cp "$run_root/counters-gpu/report.md" "$out/report.md" 2>/dev/null
  tar -czf "$out/run.tgz" -C "$run_root" counters-gpu
fi
tail -5 "$out/machine.txt"
