#!/usr/bin/env bash
# A/B of one more day's import into the days bench/pg-daily.sh built (see BENCHMARKS.md): the next
# day's Stripe export (N payments, generated once and kept as DIR/next.csv) imported by A, a checkout
# to compare, and by this checkout, interleaved; each import is undone (its rows deleted, the table
# vacuumed) before the next. Usage: bench/pg-day-import.sh A_CHECKOUT, after bench/pg-daily.sh;
# A must be built. Environment: PAIRS (3), DIR and PG_PORT as bench/pg-daily.sh.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: bench/pg-day-import.sh A_CHECKOUT" >&2; exit 2; }
a=$(cd "$1" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dir="${DIR:-$root/bench-data/pg-daily}"
read -r built n <"$dir/built" || { echo "no days in $dir: run bench/pg-daily.sh first" >&2; exit 2; }
if [[ ! -f "$dir/next.csv" ]]; then
  daily_export $((built + 1)) "$n" "$dir"
  mv "$day.csv" "$dir/next.csv"
  rm -f "$day.db" "$day.truth.json"
fi
start_pg "$dir" "${PG_PORT:-54331}"
pg=(env RECONCILER_DATABASE_URL="$pg_url" RECONCILER_DATABASE_USER=postgres RECONCILER_DATABASE_PASSWORD=
  RECONCILER_LOGGING_FILE=)
undo=(java -cp "$testcp" "$root/bench/tools/UndoImport.java" "$pg_url" next.csv)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); A=$a ($(git -C "$a" rev-parse --short HEAD)) B=$root ($(git rev-parse --short HEAD)); PostgreSQL, day $((built + 1)) of $n into $built days"
for ((i = 1; i <= ${PAIRS:-3}; i++)); do
  for side in A B; do
    tree=$a
    [[ $side == B ]] && tree=$root
    (cd "$tree" && timed "$side import" "${pg[@]}" bin/reconciler import --format stripe --file "$dir/next.csv")
    "${undo[@]}"
  done
done
