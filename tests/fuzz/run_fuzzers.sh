#!/usr/bin/env bash
# Builds kevo's libFuzzer targets with clang and runs each for a bounded time.
#
#   tests/fuzz/run_fuzzers.sh [build-dir]        (default: build-fuzz)
#   KEVO_FUZZ_SECONDS=60 tests/fuzz/run_fuzzers.sh
#
# The checked-in seed corpora are copied into the build directory, so the
# inputs a run discovers never land in the source tree. Crash reproducers are
# written to <build-dir>/fuzz-artifacts/<target>/. Exits non-zero when any
# fuzzer finds a crash, leak, timeout or out-of-memory input.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${1:-build-fuzz}
seconds=${KEVO_FUZZ_SECONDS:-30}
jobs=${KEVO_FUZZ_BUILD_JOBS:-$(nproc)}

cmake -S "$repo" -B "$build_dir" \
  -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKEVO_BUILD_FUZZERS=ON \
  -DKEVO_BUILD_TESTS=OFF
cmake --build "$build_dir" -j"$jobs" --target fuzz_expression fuzz_task_loader fuzz_kernel_reply

# run_fuzzer <target> <max input bytes> <dictionary>
run_fuzzer() {
  local target=$1 max_len=$2 dict=$3
  local corpus="$build_dir/fuzz-corpus/$target"
  local artifacts="$build_dir/fuzz-artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  cp -n "$repo/tests/fuzz/corpus/$target/"* "$corpus/" 2>/dev/null || true
  echo "== $target: ${seconds}s, max_len $max_len"
  "$build_dir/tests/fuzz/$target" "$corpus" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -dict="$repo/tests/fuzz/$dict" -artifact_prefix="$artifacts/" -print_final_stats=1
}

# fuzz_task_loader rewrites task.yaml for every input: keep that in memory.
if [[ -z "${TMPDIR:-}" && -w /dev/shm ]]; then
  export TMPDIR=/dev/shm
fi

failed=()
run_fuzzer fuzz_expression 512 expression.dict || failed+=(fuzz_expression)
run_fuzzer fuzz_task_loader 8192 task_loader.dict || failed+=(fuzz_task_loader)
run_fuzzer fuzz_kernel_reply 8192 kernel_reply.dict || failed+=(fuzz_kernel_reply)

if ((${#failed[@]})); then
  echo "fuzzers that failed: ${failed[*]} (reproducers in $build_dir/fuzz-artifacts/)" >&2
  exit 1
fi
echo "all fuzzers ran ${seconds}s without a crash"
