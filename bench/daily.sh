#!/usr/bin/env bash
# The daily case (see BENCHMARKS.md, issue 9): DAYS consecutive days of N Stripe payments each,
# each day's export imported into one database day after day (with that day's sales appended), and
# each day reconciled right after its import, as a morning's run does; at the end, the first day
# reconciled again with every day in the table. Each day is generated with its own seed (its index),
# as a processor's files hold different rows every day. Cold JVMs through bin/reconciler; wall and
# peak RSS from GNU time. Environment: DAYS (3), N (1000000), DIR (bench-data/daily); building: see
# bench/common.sh (SKIP_BUILD=1 reuses the last build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/daily.sh needs GNU time (apt-get install time)" >&2; exit 2; }
days="${DAYS:-3}" n="${N:-1000000}" dir="${DIR:-$root/bench-data/daily}" first=2026-11-24
mkdir -p "$dir"
export RECONCILER_LOGGING_FILE=daily-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
db="$dir/daily.db"
rm -f "$db" "$db-journal"
# The first run of each command after a build writes its class-data archive (bin/reconciler): a
# small day does that, so the timed runs start as every later morning's do.
bin/reconciler generate --date $first --transactions 1000 --seed 9 --db "$dir/warm.db" \
  --format stripe --export "$dir/warm.csv" >/dev/null
bin/reconciler import --format stripe --file "$dir/warm.csv" --db "$dir/warm.db" >/dev/null
bin/reconciler reconcile --date $first --db "$dir/warm.db" --out "$dir/reports" >/dev/null
rm -f "$dir/warm".*
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1); build $(git rev-parse --short HEAD)"
for ((d = 1; d <= days; d++)); do
  daily_export "$d" "$n" "$dir"
  if [[ $d == 1 ]]; then
    cp "$day.db" "$db"
  else
    java -cp "$testcp" "$root/bench/tools/AppendSales.java" "$db" "$day.db"
  fi
  sync
  timed "day $d ($date): import" bin/reconciler import --format stripe --file "$day.csv" --db "$db"
  timed "day $d ($date): reconcile" bin/reconciler reconcile --date "$date" --db "$db" --out "$dir/reports"
  grep -o 'stages {.*}' "$dir/daily-bench.log" | tail -n 1 | sed 's/^/  /'
  rm -f "$day.db" "$day.csv" "$day.truth.json"
done
timed "day 1 ($first) again, $days days in the table" bin/reconciler reconcile --date "$first" --db "$db" --out "$dir/reports"
grep -o 'stages {.*}' "$dir/daily-bench.log" | tail -n 1 | sed 's/^/  /'
