#!/usr/bin/env bash
# Local run benchmark: how long from `./pipeline run` to the first row in PostgreSQL, how much memory the whole
# local stack takes (summed RSS of every process it started), and whether Ctrl-C leaves nothing behind.
#
#   bench/local-run/run.sh            # fresh data dir under /tmp, default ports (9092, 9000, 5432, 8080, 8081)
#   RSS_AFTER=30 bench/local-run/run.sh   # seconds of running before the memory is sampled (default 20)
#
# Targets (issue 6): first row < 60 s with a warm Maven cache; whole stack < 4 GB. The launcher's own step
# timings (servers, each service) are printed as the breakdown. Bounded: gives up after 180 s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mktemp -d /tmp/pipeline-bench.XXXXXX)
OUT="$DATA/launcher.out"
RSS_AFTER=${RSS_AFTER:-20}
LIMIT=180

echo "== local run benchmark ($(nproc) cores, $(date -u +%FT%TZ)); data dir $DATA"
# Build first (not timed): the target is with a warm Maven cache and built jars.
"$ROOT/pipeline" --help > /dev/null

start=$(date +%s.%N)
PIPELINE_SKIP_BUILD=1 setsid "$ROOT/pipeline" run --data-dir "$DATA" > "$OUT" 2>&1 &
launcher=$!
# SIGTERM runs the same shutdown as Ctrl-C (a background job ignores SIGINT).
cleanup() { kill -TERM "$launcher" 2> /dev/null || true; }
trap cleanup EXIT

first_row=""
while [ -z "$first_row" ]; do
  sleep 0.5
  now=$(date +%s.%N)
  if ! kill -0 "$launcher" 2> /dev/null; then echo "launcher exited:"; cat "$OUT"; exit 1; fi
  if grep -q "first row in PostgreSQL" "$OUT"; then first_row=$(echo "$now - $start" | bc); fi
  if [ "$(echo "$now - $start > $LIMIT" | bc)" = 1 ]; then echo "no row after $LIMIT s:"; cat "$OUT"; exit 1; fi
done
grep "✓" "$OUT" | sed 's/^/  /'
printf "start → first row in PostgreSQL: %.1f s   (target < 60 s)\n" "$first_row"

sleep "$RSS_AFTER"
# The launcher's process tree, plus servers that detach from it (postgres, found by the data dir) and theirs.
rss_kb=$(ps -eo pid=,ppid=,rss=,args= | awk -v root="$launcher" -v data="$DATA" '
  { pid[NR]=$1; ppid[NR]=$2; rss[NR]=$3; line[NR]=$0 }
  END {
    inside[root]=1; changed=1
    for (i in pid) if (index(line[i], data) > 0 && line[i] !~ /awk/) inside[pid[i]]=1
    while (changed) { changed=0; for (i in pid) if (!(pid[i] in inside) && (ppid[i] in inside)) { inside[pid[i]]=1; changed=1 } }
    for (i in pid) if (pid[i] in inside) { total += rss[i]; n++ }
    printf "%d %d\n", total, n
  }')
set -- $rss_kb
printf "whole local stack after %s s of running: %.2f GB RSS in %d processes   (target < 4 GB)\n" \
  "$RSS_AFTER" "$(echo "$1 / 1048576" | bc -l)" "$2"
tail -c 300 "$OUT" | tr '\r' '\n' | grep "posted" | tail -1 | sed 's/^/  status: /'

stop_start=$(date +%s.%N)
kill -TERM "$launcher"
wait "$launcher" || true
trap - EXIT
sleep 1
left=$(ps -eo args= | grep -c -- "$DATA" || true)
printf "Ctrl-C → everything stopped: %.1f s; processes left behind: %d\n" \
  "$(echo "$(date +%s.%N) - $stop_start" | bc)" "$((left > 0 ? left - 1 : 0))"
rm -rf "$DATA"
