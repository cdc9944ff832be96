#!/usr/bin/env bash
# The evaluation protocol on a GPU, a new build beside an older one, in the
# steps a lent GPU machine's 10-minute commands allow:
#   bench/gpu/protocol_session.sh tests      OUT NEW_BUILD
#       the [gpu] tests (the CUDA adversarial corpus prints its table)
#   bench/gpu/protocol_session.sh throughput OUT NEW_BUILD OLD_BUILD
#       bench/gpu/throughput-suite.yaml with each build, new first
#   bench/gpu/protocol_session.sh campaign   OUT NEW_BUILD OLD_BUILD
#       the 200-evaluation sgemm campaign (bench/gpu/throughput.yaml) with each build
# Each build gets its own compile cache, so neither finds the other's
# kernels compiled. BUILD folders hold kevo, kevo-worker and kevo-hiprtc
# (and tests/kevo_tests_fitness for NEW_BUILD).
set -uo pipefail
cd "$(dirname "$0")/../.."
step=${1:?usage: protocol_session.sh tests|throughput|campaign OUT NEW_BUILD [OLD_BUILD]}
out=${2:?OUT}
new=${3:?NEW_BUILD}
old=${4:-}
mkdir -p "$out"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,temperature.gpu \
  --format=csv >"$out/nvidia-smi-$step.csv" 2>&1

# campaign BUILD LABEL YAML: runs YAML with BUILD's kevo and its own cache; copies the report.
campaign() {
  local build=$1 label=$2 yaml=$3 name
  name=$(basename "$yaml" .yaml)
  sed "s|^name: .*|name: $name-$label\ncache_dir: runs/.cache-$label|" "$yaml" >"runs/$name-$label.yaml"
  local start=$SECONDS
  "$build/kevo" run "runs/$name-$label.yaml" --run-dir "runs/$name-$label" >"$out/$name-$label.log" 2>&1
  echo "$name $label: exit $? after $((SECONDS - start)) s" | tee -a "$out/summary.txt"
  cp "runs/$name-$label/report.md" "$out/$name-$label-report.md" 2>/dev/null
}

mkdir -p runs
case "$step" in
  tests)
    "$new/tests/kevo_tests_fitness" "[gpu]" >"$out/gpu-tests.txt" 2>&1
    echo "[gpu] tests exit code $?" | tee -a "$out/gpu-tests.txt"
    grep -E "^\| |test cases|assertions" "$out/gpu-tests.txt" | tail -45
    ;;
  throughput)
    campaign "$new" new bench/gpu/throughput-suite.yaml
    [ -n "$old" ] && campaign "$old" old bench/gpu/throughput-suite.yaml
    cat "$out/summary.txt"
    ;;
  campaign)
    campaign "$new" new bench/gpu/throughput.yaml
    [ -n "$old" ] && campaign "$old" old bench/gpu/throughput.yaml
    cat "$out/summary.txt"
    ;;
  *) echo "unknown step $step" >&2; exit 64 ;;
esac
