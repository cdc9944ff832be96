#!/usr/bin/env bash
# Distributed campaigns on the GPU machine, in one call:
#   1. the same sgemm campaign on 1 GPU rank and on one rank per GPU
#      (evaluations per second per GPU and in total, migrants between GPUs);
#   2. a mixed pool: every GPU plus two CPU ranks on the mixed triad
#      (per-device best variants and the portable best).
# Installs the carried OpenMPI runtime (.mpi-runtime.tgz, Debian 12's
# OpenMPI 4.1 files) when the machine has no mpirun.
#   bench/gpu/multi-gpu.sh OUT_DIR BUILD_DIR      (SKIP_MIXED=1: the sgemm runs only)
set -uo pipefail
out=${1:?OUT_DIR}; build=${2:-build-portable}
mkdir -p "$out"
if ! command -v mpirun > /dev/null; then
  [ -f .mpi-runtime.tgz ] || { echo "no mpirun and no .mpi-runtime.tgz"; exit 1; }
  tar -xzf .mpi-runtime.tgz -C / --skip-old-files && ldconfig
fi
mpirun --version | head -1
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl=self,vader,tcp   # one host: shared memory; no InfiniBand plugins to probe
gpus=$(nvidia-smi -L | wc -l)
nvidia-smi -L
echo "GPUs: $gpus, CPU cores: $(nproc)"

# Each run gets its own compile cache: a run must not find the kernels of the
# one before it compiled already, or the later run looks faster.
run() {  # run NAME RANKS CONFIG
  local name=$1 ranks=$2
  local cfg="$out/$name.yaml"
  { cat "$3"; echo "cache_dir: $out/$name-cache"; } > "$cfg"
  local start=$(date +%s.%N)
  # --bind-to none: a kevo rank is multi-threaded (compiles, input drawing,
  # checks); OpenMPI's default binds each of 1 or 2 ranks to a single core.
  mpirun --bind-to none -np "$ranks" "$build/kevo" run "$cfg" --run-dir "$out/$name" > "$out/$name.log" 2>&1
  local rc=$?
  local end=$(date +%s.%N)
  echo "$name: ranks $ranks, exit $rc, job wall $(python3 -c "print(round($end - $start, 1))") s"
  "$build/kevo" report "$out/$name" > /dev/null 2>&1
  grep "^| sgemm\|^| triad\|^| shard\|^| rank-" "$out/$name/report.md" || tail -5 "$out/$name.log"
}

for n in $(printf '%s\n' "$gpus" 2 1 | sort -rnu); do
  [ "$n" -le "$gpus" ] && run sgemm-${n}gpu "$n" bench/gpu/multi-gpu.yaml
done
[ "${SKIP_MIXED:-0}" = 1 ] && exit 0
sed "s/devices: \[cuda:0, cpu, cpu\]/devices: [$(seq -s ', ' -f 'cuda:%g' 0 $((gpus - 1))), cpu, cpu]/" \
  configs/campaigns/mixed-gpu-cpu.yaml > "$out/mixed-pool.yaml"
run mixed $((gpus + 2)) "$out/mixed-pool.yaml"
sed -n '/## Per device model and portable/,$p' "$out/mixed/report.md"
