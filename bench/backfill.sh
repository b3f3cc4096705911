#!/usr/bin/env bash
# Backfill benchmark (see BENCHMARKS.md, issue 10): DAYS (30) consecutive days of N (100000)
# transactions per side, generated with late settlements, then `reconcile --from --to` over all of
# them in one process, RUNS (3) times, each on a fresh copy of the generated database (an empty
# ledger), wall time and peak RSS from GNU time. Environment: DAYS, N, RUNS, DIR
# (bench-data/backfill); building: see bench/common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/backfill.sh needs GNU time (apt-get install time)" >&2; exit 2; }
days="${DAYS:-30}" n="${N:-100000}" runs="${RUNS:-3}" dir="${DIR:-$root/bench-data/backfill}"
from=2026-10-26 to=$(date -d "2026-10-26 + $((days - 1)) days" +%F)
mkdir -p "$dir"
export RECONCILER_LOGGING_FILE=backfill-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
gen="$dir/gen-$days-$n.db"
[[ -f "$gen" ]] || bin/reconciler generate --date $from --days "$days" --transactions "$n" --seed 1 --db "$gen" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(git rev-parse --short HEAD); $days days x $n, $from..$to"
walls=() rss=()
for ((i = 1; i <= runs; i++)); do
  cp "$gen" "$dir/run.db"; rm -rf "$dir/reports"; sync
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" bin/reconciler reconcile --from $from --to "$to" \
    --db "$dir/run.db" --out "$dir/reports" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
  read -r wall kb <"$dir/time.txt"
  walls+=("$wall"); rss+=("$((kb / 1024))")
  printf '  backfill run %d: %6.2f s  %5d MB  (%d reports)\n' "$i" "$wall" "$((kb / 1024))" "$(ls "$dir/reports" | wc -l)"
done
printf 'backfill %d days x %d: median %.2f s, %d MB peak RSS\n' "$days" "$n" \
  "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
tail -n 2 "$dir/last.out" | sed 's/^/  last: /'
