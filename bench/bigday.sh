#!/usr/bin/env bash
# Big days on one host (see BENCHMARKS.md, issue 12): one generated day per size (SIZES, default
# "1000000 3000000 10000000" transactions per side, --seed 1, kept in DIR between runs), each
# reconciled RUNS times (3) in cold JVMs through the launcher with its machine-sized heap, whole
# (shards = 1) and in parts (SHARDS, default "4"), wall time and peak RSS from GNU time. A run the
# heap check refuses prints its one line and counts as refused. Building: see bench/common.sh.
# Environment: SIZES, SHARDS, RUNS, DIR (bench-data/bigday), RECONCILER_HEAP (passed on).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/bigday.sh needs GNU time (apt-get install time)" >&2; exit 2; }
dir="${DIR:-$root/bench-data/bigday}" runs="${RUNS:-3}" date=2026-11-24
mkdir -p "$dir"
export RECONCILER_LOGGING_FILE=bigday-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(git rev-parse --short HEAD)"
for n in ${SIZES:-1000000 3000000 10000000}; do
  db="$dir/day-$n.db"
  if [[ ! -f "$db" ]]; then
    /usr/bin/time -f "%e s" -o "$dir/gen.txt" bin/reconciler generate --date $date --transactions "$n" \
      --seed 1 --db "$db" >/dev/null
    echo "generated $n x $n in $(cat "$dir/gen.txt") ($(du -m "$db" | cut -f1) MB)"
  fi
  for shards in 1 ${SHARDS:-4}; do
    walls=() rss=() refused=0
    for ((i = 1; i <= runs; i++)); do
      rm -f "$dir/reports/"*.xlsx
      sync
      if RECONCILER_RECONCILIATION_SHARDS=$shards /usr/bin/time -f "%e %M" -o "$dir/time.txt" \
        bin/reconciler reconcile --date $date --db "$db" --out "$dir/reports" >"$dir/last.out" 2>&1; then
        read -r wall kb <"$dir/time.txt"
        walls+=("$wall"); rss+=("$((kb / 1024))")
        printf '  %-28s run %d: %7.2f s %6d MB\n' "$n x $n, shards $shards" "$i" "$wall" "$((kb / 1024))"
      else
        refused=1
        echo "  $n x $n, shards $shards: $(grep -m1 -i 'error' "$dir/last.out" | cut -c1-400)"
        break
      fi
    done
    if ((!refused)); then
      printf '%-30s median %7.2f s %6d MB peak RSS\n' "$n x $n, shards $shards" \
        "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
      grep -o 'stages {.*}' "$dir/bigday-bench.log" | tail -n 1 | sed 's/^/  /'
    fi
  done
done
