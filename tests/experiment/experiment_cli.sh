#!/usr/bin/env bash
# kevo experiment end to end on CPU tasks: the grid runs, results.csv has one
# row per arm x task x seed x milestone, plots and report.md are written; a
# rerun skips finished runs; a kill -9 mid-run loses nothing and the rerun
# finishes the interrupted run; an offline arm against an LLM arm (the scripted
# endpoint on loopback). With "mpi": the grid spread over 2 ranks.
#   tests/experiment/experiment_cli.sh BUILD_DIR [mpi]
set -euo pipefail
build=$(cd "$1" && pwd)
mode=${2:-sequence}
cd "$(dirname "$0")/../.."
kevo=$build/kevo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

experiment() {  # name run_dir task budget seeds devices
  cat > "$work/$1.yaml" <<YAML
name: $1
run_dir: $2
tasks: [$3]
seeds: [$5]
target_speedup: 1.5
campaign:
  devices: [$6]
  budget: {evaluations: $4}
  evaluation: {samples: 3, warmup: 1}
  search: {population: 4, children_per_generation: 2}
arms:
  - name: greedy
    search: {method: greedy, islands: 1}
  - name: evolutionary
    search: {islands: 2}
YAML
}

rows_of() { tail -n +2 "$1/results.csv" | wc -l; }

if [ "$mode" = mpi ]; then
  command -v mpirun >/dev/null || { echo "SKIPPED: mpirun not found"; exit 77; }
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  experiment ranks "$work/ranks" row_reduce 5 "1, 2" "cpu, cpu"
  out=$(mpirun -np 2 --oversubscribe --bind-to none "$kevo" experiment "$work/ranks.yaml" --no-report 2>&1) ||
    fail "mpirun kevo experiment: $out"
  [ "$(rows_of "$work/ranks")" -eq $((2 * 2 * 5)) ] || fail "expected 20 rows: $(cat "$work/ranks/results.csv")"
  grep -q "greedy/row_reduce/seed-1 on cpu" <<<"$out" || fail "rank 0 ran no cell of its share: $out"
  grep -q "on cpu" "$work/ranks/ranks/rank-1.log" || fail "rank 1 ran no cell"
  echo "2 ranks shared the 4 runs; results.csv has 20 rows"
  exit 0
fi

# 1. The whole grid, with the report.
experiment small "$work/small" row_reduce 6 "1, 2" cpu
"$kevo" experiment "$work/small.yaml" > "$work/small.log" 2>&1 || fail "kevo experiment: $(cat "$work/small.log")"
[ "$(rows_of "$work/small")" -eq $((2 * 2 * 6)) ] || fail "expected 24 rows in results.csv"
head -1 "$work/small/results.csv" | grep -q "^experiment,arm,method,islands,migration,operators,strategy_choice,task,seed" ||
  fail "results.csv header"
for f in best_so_far.png best_so_far.svg gain_over_seeds.png gain_over_seeds.svg final_speedup.png final_speedup.svg; do
  [ -s "$work/small/plots/$f" ] || fail "plots/$f missing"
done
grep -q "^## Headline" "$work/small/report.md" || fail "report.md has no headline table"
grep -q "evolutionary vs greedy, all tasks (Wilcoxon" "$work/small/report.md" || fail "report.md has no significance test"
grep -q "runs not finished: none" "$work/small/report.md" || fail "report.md counts missing runs"
echo "grid of 4 runs: 24 rows, 6 plots, report.md"

# 2. A rerun skips what is finished.
"$kevo" experiment "$work/small.yaml" > "$work/again.log" 2>&1 || fail "rerun: $(cat "$work/again.log")"
if grep -q " on cpu$" "$work/again.log"; then fail "the rerun ran a finished run again"; fi
echo "rerun: nothing run again"

# 3. kill -9 in the middle of a run, then the same command finishes it.
experiment killed "$work/killed" triad 10 "1" cpu
setsid "$kevo" experiment "$work/killed.yaml" --no-report > "$work/killed.log" 2>&1 &
pid=$!
archive=$work/killed/runs/greedy/triad/seed-1/archive.sqlite
for _ in $(seq 1 600); do
  n=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from evaluations').fetchone()[0])" "$archive" 2>/dev/null || echo 0)
  [ "$n" -ge 3 ] && break
  sleep 0.1
done
[ "$n" -ge 3 ] || fail "the first run never committed 3 evaluations: $(cat "$work/killed.log")"
kill -9 -- -"$pid" 2>/dev/null || kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo "killed with $n evaluations committed in the first run"
"$kevo" experiment "$work/killed.yaml" --no-report > "$work/resumed.log" 2>&1 || fail "resume: $(cat "$work/resumed.log")"
[ "$(rows_of "$work/killed")" -eq $((2 * 10)) ] || fail "expected 20 rows after the rerun: $(cat "$work/resumed.log")"
grep -q '^killed,greedy,.*,triad,1,.*,10,10,' "$work/killed/results.csv" || fail "the killed run did not reach its budget"
echo "rerun after kill -9: both runs finished with 10 evaluations"

# 4. Offline against LLM operators: an arm may carry its own llm: section.
port=$((20000 + RANDOM % 20000))
"$build/tests/kevo-mock-llm" tests/data/llm/row_reduce_script.json "$port" > "$work/mock.log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/llm.yaml" <<YAML
name: llm
run_dir: $work/llm
tasks: [row_reduce]
seeds: [1]
campaign:
  devices: [cpu]
  search: {islands: 1, population: 4, children_per_generation: 1, repair_rounds: 2}
  budget: {evaluations: 6}
  evaluation: {samples: 5, warmup: 1}
arms:
  - name: offline
    search: {operators: [knob_mutation]}
  - name: llm
    search: {operators: [llm_mutation]}
    llm:
      endpoints:
        - {name: scripted, base_url: "http://127.0.0.1:$port/v1", model: scripted, timeout_seconds: 30,
           max_retries: 3, retry_base_seconds: 0.2}
YAML
"$kevo" experiment "$work/llm.yaml" --no-report > "$work/llm.log" 2>&1 || fail "LLM experiment: $(cat "$work/llm.log")"
[ "$(rows_of "$work/llm")" -eq $((2 * 6)) ] || fail "expected 12 rows: $(cat "$work/llm/results.csv")"
grep -q '^llm,llm,evolutionary,1,off,"llm_mutation",' "$work/llm/results.csv" || fail "no llm arm rows"
grep -q "| llm_mutation | scripted |" "$work/llm/runs/llm/row_reduce/seed-1/report.md" ||
  fail "the LLM arm's run has no LLM accounting: $(cat "$work/llm/runs/llm/row_reduce/seed-1/report.md")"
echo "offline and LLM arms: 12 rows; the LLM arm's calls are accounted in its run's report"
