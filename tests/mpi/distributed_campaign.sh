#!/usr/bin/env bash
# [mpi] A campaign over 3 MPI ranks of CPU devices (mpirun --oversubscribe):
#   1. migrants cross ranks, and `kevo report` merges the three shards;
#   2. a rank slowed by 2 s per evaluation holds nobody back: the fast ranks
#      finish their budget long before it does;
#   3. kill -9 of the whole job, then `kevo resume` with 2 ranks: nothing
#      committed is lost and the run finishes;
#   4. a rank whose device cannot start (cuda:0 where there is no driver):
#      reported, the others go on (continue) or all stop cleanly (stop).
# Exit 77 (skipped) where mpirun or an MPI build of kevo is missing.
#
#   tests/mpi/distributed_campaign.sh BUILD_DIR
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
kevo="$(cd "${1:-$repo/build}" && pwd)/kevo"
command -v mpirun > /dev/null || { echo "SKIPPED: mpirun not found (openmpi-bin)"; exit 77; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_hwloc_base_binding_policy=none   # kevo ranks are multi-threaded: no core binding
work=$(mktemp -d /tmp/kevo-mpi-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$repo"

# campaign NAME EVALUATIONS [extra YAML lines]
campaign() {
  cat > "$work/$1.yaml" <<YAML
name: $1
run_dir: $work/$1
cache_dir: $work/cache
tasks: [triad]
devices: [cpu]
seed: 3
search: {method: evolutionary, islands: 1, population: 4, children_per_generation: 2,
         operators: [knob_mutation, knob_crossover, seed_switch]}
migration: {topology: ring, interval: 1, size: 1}
budget: {evaluations: $2, wall_seconds: 240}
evaluation: {samples: 3, warmup: 1}
$3
YAML
  echo "$work/$1.yaml"
}
# summary RUN_DIR: one line per shard: shard evaluations elapsed migrants_in migrants_out
summary() {
  python3 - "$1" <<'PY'
import json, pathlib, sqlite3, sys
for shard in sorted(pathlib.Path(sys.argv[1], "shards").glob("rank-*.sqlite")):
    row = sqlite3.connect(shard).execute("select value from state where key = 'task/triad'").fetchone()
    if row is None:
        print(shard.stem, "none"); continue
    s = json.loads(row[0])
    b = s["budget"]
    print(shard.stem, b["evaluations"], round(b["elapsed_seconds"], 1), s["migrants_received"], s["migrants_sent"])
PY
}
evaluations_committed() {
  python3 - "$1" <<'PY'
import pathlib, sqlite3, sys
print(sum(sqlite3.connect(p).execute("select count(*) from evaluations").fetchone()[0]
          for p in pathlib.Path(sys.argv[1], "shards").glob("rank-*.sqlite")))
PY
}

echo "== 1. migration across 3 ranks, shards merged by kevo report"
cfg=$(campaign migrate 10 "")
if ! mpirun -np 3 "$kevo" run "$cfg" > "$work/migrate.log" 2>&1; then
  grep -q "built without MPI" "$work/migrate.log" && { echo "SKIPPED: kevo built without MPI"; exit 77; }
  cat "$work/migrate.log"; exit 1
fi
summary "$work/migrate" | tee "$work/migrate.summary"
[ "$(wc -l < "$work/migrate.summary")" -eq 3 ] || { echo "FAIL: expected 3 shards"; exit 1; }
awk '$4 < 1 { bad = 1 } END { exit bad }' "$work/migrate.summary" || { echo "FAIL: a rank received no migrant"; exit 1; }
"$kevo" report "$work/migrate" > "$work/report.md"
grep -q "## Ranks" "$work/report.md" && grep -q "## Per device model and portable" "$work/report.md" \
  || { echo "FAIL: the report does not merge the shards"; exit 1; }
[ "$(grep -c '^| rank-[0-9] | triad |' "$work/report.md")" -eq 3 ] || { echo "FAIL: report rows"; exit 1; }

echo "== 2. rank 2 slowed by 2 s per evaluation"
cfg=$(campaign slow 12 "distributed: {evaluation_delay_seconds: {2: 2.0}}")
mpirun -np 3 "$kevo" run "$cfg" > "$work/slow.log" 2>&1 || { cat "$work/slow.log"; exit 1; }
summary "$work/slow" | tee "$work/slow.summary"
fast=$(awk '$1 != "rank-2" { if ($3 > m) m = $3 } END { print m }' "$work/slow.summary")
slow=$(awk '$1 == "rank-2" { print $3 }' "$work/slow.summary")
echo "fast ranks finished within ${fast}s, the slowed rank in ${slow}s"
awk -v f="$fast" -v s="$slow" 'BEGIN { exit !(s >= f + 12) }' \
  || { echo "FAIL: the fast ranks were held back (fast ${fast}s, slow ${slow}s)"; exit 1; }

echo "== 3. kill -9 mid-run, resume with 2 ranks"
cfg=$(campaign killed 40 "")
mpirun -np 3 "$kevo" run "$cfg" > "$work/killed.log" 2>&1 &
job=$!
for _ in $(seq 1 120); do
  [ -f "$work/killed/shards/rank-0.sqlite" ] && [ "$(evaluations_committed "$work/killed")" -ge 12 ] && break
  sleep 1
done
pkill -9 -f "kevo run $cfg" || true
kill -9 "$job" 2>/dev/null || true
wait "$job" 2>/dev/null || true
before=$(evaluations_committed "$work/killed")
echo "committed before the kill: $before evaluations"
[ "$before" -ge 12 ] || { cat "$work/killed.log"; echo "FAIL: too little committed before the kill"; exit 1; }
mpirun -np 2 "$kevo" resume "$work/killed" > "$work/resume.log" 2>&1 || { cat "$work/resume.log"; exit 1; }
after=$(evaluations_committed "$work/killed")
summary "$work/killed"
echo "after resume: $after evaluations"
[ "$after" -ge "$before" ] || { echo "FAIL: committed evaluations were lost"; exit 1; }
grep -q "best/rank-0/triad.cpp" "$work/resume.log" || { cat "$work/resume.log"; echo "FAIL: rank 0 did not finish"; exit 1; }
echo "== 4. a rank whose device fails: the others go on, or all stop cleanly"
if [ -e /dev/nvidia0 ]; then
  echo "skipped here: cuda:0 would not fail on a machine with an NVIDIA GPU"
else
  cfg=$(campaign failing 10 "distributed: {on_rank_failure: continue}")
  sed -i 's/^devices: \[cpu\]/devices: [cpu, cpu, cuda:0]/' "$cfg"
  mpirun -np 3 "$kevo" run "$cfg" > "$work/failing.log" 2>&1 || { cat "$work/failing.log"; echo "FAIL: exit code"; exit 1; }
  summary "$work/failing" | tee "$work/failing.summary"
  grep -q "rank-2 none" "$work/failing.summary" && [ "$(grep -c ' 10 ' "$work/failing.summary")" -eq 2 ] \
    || { echo "FAIL: the CPU ranks did not finish their budget"; exit 1; }
  grep -q "rank 2 cuda:0\] triad: 0 evaluations, failed: device cuda:0" "$work/failing.log" \
    || { cat "$work/failing.log"; echo "FAIL: rank 0 did not report the failure"; exit 1; }
  grep -A4 "## Failed ranks" "$work/failing/report.md" | grep -q "rank-2: cuda:0, task triad" \
    || { echo "FAIL: the report does not name the failed rank"; exit 1; }

  cfg=$(campaign stopping 200 "distributed: {on_rank_failure: stop}")
  sed -i 's/^devices: \[cpu\]/devices: [cpu, cpu, cuda:0]/' "$cfg"
  start=$(date +%s)
  mpirun -np 3 "$kevo" run "$cfg" > "$work/stopping.log" 2>&1 || { cat "$work/stopping.log"; echo "FAIL: exit code"; exit 1; }
  took=$(( $(date +%s) - start ))
  summary "$work/stopping"
  echo "on_rank_failure: stop ended the job in ${took}s"
  grep -q "continue with: kevo resume" "$work/stopping.log" || { cat "$work/stopping.log"; echo "FAIL: no resume hint"; exit 1; }
  [ "$took" -lt 120 ] || { echo "FAIL: the other ranks did not stop"; exit 1; }
fi
echo "PASS: distributed campaign"
