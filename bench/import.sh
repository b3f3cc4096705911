#!/usr/bin/env bash
# Import benchmark (see BENCHMARKS.md): for each processor format, generate a day with N payment
# rows as an export file, then time `reconciler import` of that file into a fresh copy of the
# generated database (RUNS times; cold JVMs through bin/reconciler, JVM start included), wall
# time and peak RSS from GNU time; then the 1M x 1M reconcile of the imported database.
# Several sizes show whether memory stays flat as the file grows. At 1M, the next day's export is
# also imported into a copy of the imported database: the daily case, with the indexes in place.
# Environment: FORMATS (default "stripe adyen paypal"), SIZES (default "250000 1000000"),
# RUNS (3), RECONCILE=0 to skip the reconcile after import, NEXT_DAY=0 to skip the import of the
# next day's export into the imported database (at 1M), AGAIN=0 to skip importing the same file
# into it again (at 1M), DIR (bench-data); building: see
# bench/common.sh (SKIP_BUILD=1 reuses the last build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/import.sh needs GNU time (apt-get install time)" >&2; exit 2; }
export RECONCILER_LOGGING_FILE=import-bench.log RECONCILER_PATHS_LOG_DIR="${DIR:-$root/bench-data}"
dir="${DIR:-$root/bench-data}"
runs="${RUNS:-3}"
date=2026-11-24
mkdir -p "$dir"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME PREPARE COMMAND...: runs PREPARE (untimed) then COMMAND, RUNS times; prints each
# run and the medians (s, MB).
measure() {
  local name=$1 prepare=$2; shift 2
  local walls=() rss=()
  for ((i = 1; i <= runs; i++)); do
    eval "$prepare"
    sync
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
    read -r wall kb <"$dir/time.txt"
    walls+=("$wall"); rss+=("$((kb / 1024))")
    printf '  %-34s run %d: %6.2f s  %5d MB\n' "$name" "$i" "$wall" "$((kb / 1024))"
  done
  printf '%-36s median %6.2f s  %5.0f MB peak RSS\n' "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
for format in ${FORMATS:-stripe adyen paypal}; do
  for n in ${SIZES:-250000 1000000}; do
    base="$dir/import-$format-$n"
    echo "== $format, $n transactions"
    bin/reconciler generate --date $date --transactions "$n" --seed 1 --db "$base.gen.db" \
      --format "$format" --export "$base.csv" >/dev/null
    echo "  export: $(du -m "$base.csv" | cut -f1) MB, $(wc -l <"$base.csv") lines"
    measure "import $format $n" "cp '$base.gen.db' '$base.db'; rm -f '$base.db-journal' '$base.db-wal'" \
      bin/reconciler import --format "$format" --file "$base.csv" --db "$base.db"
    grep -m3 -E 'imported|rejected' "$dir/last.out" | sed 's/^/  /'
    if [[ "${RECONCILE:-1}" == 1 && "$n" == 1000000 ]]; then
      measure "reconcile $format $n after import" ":" \
        bin/reconciler reconcile --date $date --db "$base.db" --out "$dir/reports"
      grep -o 'stages {.*}' "$dir/import-bench.log" | tail -n "$runs" | sed 's/^/  /'
    fi
    if [[ "${AGAIN:-1}" == 1 && "$n" == 1000000 ]]; then
      # The same file again (a retried or redelivered import): every row's key is present, and each
      # is compared with the row it names before it counts as already present.
      measure "import $format $n, again" "cp '$base.db' '$base.again.db'; rm -f '$base.again.db-journal'" \
        bin/reconciler import --format "$format" --file "$base.csv" --db "$base.again.db"
      grep -m1 -E 'imported' "$dir/last.out" | sed 's/^/  /'
      rm -f "$base.again.db"
    fi
    if [[ "${NEXT_DAY:-1}" == 1 && "$n" == 1000000 ]]; then
      # The next day's export into the database that already holds this one: the daily case,
      # where the table's indexes exist and every row is added to each of them.
      next=$(date -d "$date + 1 day" +%F)
      bin/reconciler generate --date "$next" --transactions "$n" --seed 2 --db "$base.next.gen.db" \
        --format "$format" --export "$base.next.csv" >/dev/null
      measure "import $format $n, next day" "cp '$base.db' '$base.next.db'; rm -f '$base.next.db-journal'" \
        bin/reconciler import --format "$format" --file "$base.next.csv" --db "$base.next.db"
      rm -f "$base.next.gen.db" "$base.next.gen.truth.json" "$base.next.db"
    fi
    rm -f "$base.gen.db"
  done
done
