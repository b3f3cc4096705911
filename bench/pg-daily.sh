#!/usr/bin/env bash
# The daily case on PostgreSQL (see BENCHMARKS.md): DAYS days of N Stripe payments, each day's sales
# appended to one sales table and its export imported into one processor table, each day
# reconciled in order; then the last day reconciled again RUNS times.
# Environment: DAYS (6), N (250000), RUNS (3), DIR (bench-data/pg-daily), PG_PORT (54331). The days
# built are kept in DIR: a later call with the same N adds the days up to DAYS (or none) and times
# the last day again.
set -euo pipefail
[[ -x /usr/bin/time ]] || { echo "bench/pg-daily.sh needs GNU time (apt-get install time)" >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
days="${DAYS:-6}" n="${N:-250000}" runs="${RUNS:-3}" dir="${DIR:-$root/bench-data/pg-daily}" first=2026-11-24
read -r built built_n 2>/dev/null <"$dir/built" || true
if [[ "${built_n:-}" != "$n" ]]; then
  rm -rf "$dir"
  built=0
fi
mkdir -p "$dir"
start_pg "$dir" "${PG_PORT:-54331}"
url=$pg_url
export RECONCILER_LOGGING_FILE=pg-daily.log RECONCILER_PATHS_LOG_DIR="$dir"
pg=(env RECONCILER_DATABASE_URL="$url" RECONCILER_DATABASE_USER=postgres RECONCILER_DATABASE_PASSWORD=)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); build $(git rev-parse --short HEAD); PostgreSQL, $days days of $n"
date=$(date -d "$first + $((days - 1)) day" +%F)
for ((d = built + 1; d <= days; d++)); do
  daily_export "$d" "$n" "$dir"
  java -cp "$testcp" "$root/bench/tools/AppendSalesPg.java" "$url" postgres "$day.db"
  timed "day $d ($date): import" "${pg[@]}" bin/reconciler import --format stripe --file "$day.csv"
  timed "day $d ($date): reconcile" "${pg[@]}" bin/reconciler reconcile --date "$date" --out "$dir/reports"
  grep -o 'stages {.*}' "$dir/pg-daily.log" | tail -n 1 | sed 's/^/  /'
  rm -f "$day.db" "$day.csv" "$day.truth.json"
  echo "$d $n" >"$dir/built"
done
for ((i = 0; i < runs; i++)); do
  timed "day $days again" "${pg[@]}" bin/reconciler reconcile --date "$date" --out "$dir/reports"
  grep -o 'stages {.*}' "$dir/pg-daily.log" | tail -n 1 | sed 's/^/  /'
done
