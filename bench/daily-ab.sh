#!/usr/bin/env bash
# The daily import, A against B (see BENCHMARKS.md, issue 9): two databases grow in lockstep, day
# after day, each day's export of N payments imported into A's database by the build in
# A_CHECKOUT (a worktree built with `./mvnw -q -DskipTests package`) and into B's by this checkout's
# build, which of the two goes first alternating by day so that neither always meets the other's
# dirty pages. Only the imports are timed and nothing is reconciled: a change to how an import
# treats a table of many days shows day by day, each pair of runs minutes apart on the same VM.
# Day 1 is each database's first import (the generated day's sales with it); later days' sales are
# not appended. Usage: bench/daily-ab.sh A_CHECKOUT. Environment: DAYS (20), N (250000), FORMAT
# (stripe, adyen or paypal; stripe), DIR (bench-data/daily-ab); building: see bench/common.sh
# (SKIP_BUILD=1 reuses the last build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/daily-ab.sh needs GNU time (apt-get install time)" >&2; exit 2; }
a_checkout=$(cd "${1:?usage: bench/daily-ab.sh A_CHECKOUT}" && pwd)
days="${DAYS:-20}" n="${N:-250000}" dir="${DIR:-$root/bench-data/daily-ab}" first=2026-11-24
format="${FORMAT:-stripe}"
mkdir -p "$dir"
export RECONCILER_LOGGING_FILE=daily-ab-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
rm -f "$dir"/a.db* "$dir"/b.db*
# Each build's first import after its build writes its class-data archive (bin/reconciler).
bin/reconciler generate --date $first --transactions 1000 --seed 9 --db "$dir/warm.db" \
  --format "$format" --export "$dir/warm.csv" >/dev/null
cp "$dir/warm.db" "$dir/warm-a.db"
"$a_checkout/bin/reconciler" import --format "$format" --file "$dir/warm.csv" --db "$dir/warm-a.db" >/dev/null
bin/reconciler import --format "$format" --file "$dir/warm.csv" --db "$dir/warm.db" >/dev/null
rm -f "$dir"/warm*
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
echo "A: $(git -C "$a_checkout" rev-parse --short HEAD) ($a_checkout), B: $(git rev-parse --short HEAD)"
import_a() { timed "day $1: A import" "$a_checkout/bin/reconciler" import --format "$format" --file "$2" --db "$dir/a.db"; }
import_b() { timed "day $1: B import" bin/reconciler import --format "$format" --file "$2" --db "$dir/b.db"; }
for ((d = 1; d <= days; d++)); do
  daily_export "$d" "$n" "$dir" "$format"
  if [[ $d == 1 ]]; then
    cp "$day.db" "$dir/a.db"
    cp "$day.db" "$dir/b.db"
  fi
  sync
  if ((d % 2)); then
    import_a "$d" "$day.csv"
    import_b "$d" "$day.csv"
  else
    import_b "$d" "$day.csv"
    import_a "$d" "$day.csv"
  fi
  rm -f "$day.db" "$day.csv" "$day.truth.json"
done
