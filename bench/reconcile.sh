#!/usr/bin/env bash
# Reconcile benchmark (see BENCHMARKS.md): generate and reconcile at 100k and 1M transactions
# per side, RUNS times each, cold JVMs through bin/reconciler (JVM start included), wall time and
# peak RSS from GNU time; plus the floor, a bare read of both tables through sqlite-jdbc.
# Environment: SIZES (default "100000 1000000"), RUNS (3), RECONCILER_OPTS (default: the
# launcher's own for batch commands), FLOOR_OPTS (the floor's: the launcher's heap and GC with the
# JVM's default tiered JIT, which reads faster than C1 alone), DIR (bench-data); building: see
# bench/common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -x /usr/bin/time ]] || { echo "bench/reconcile.sh needs GNU time (apt-get install time)" >&2; exit 2; }
# A floor is the fastest bare read: with C1 alone (the launcher's batch JIT) the plain read of
# eight getString calls per row takes 4.5 s instead of 2.6 s, so the floor keeps the tiered JIT.
floor_opts="${FLOOR_OPTS:--Xmx1g -XX:+UseParallelGC -Xmn128m -XX:MetaspaceSize=128m}"
export RECONCILER_LOGGING_FILE=reconcile-bench.log RECONCILER_PATHS_LOG_DIR="${DIR:-$root/bench-data}"
dir="${DIR:-$root/bench-data}"
runs="${RUNS:-3}"
date=2026-11-24
mkdir -p "$dir"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME COMMAND...: runs it RUNS times, prints each run and the medians (s, MB).
measure() {
  local name=$1; shift
  local walls=() rss=()
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
    read -r wall kb <"$dir/time.txt"
    walls+=("$wall"); rss+=("$((kb / 1024))")
    printf '  %-28s run %d: %6.2f s  %5d MB\n' "$name" "$i" "$wall" "$((kb / 1024))"
  done
  printf '%-30s median %6.2f s  %5.0f MB peak RSS\n' "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
echo "RECONCILER_OPTS=${RECONCILER_OPTS:-(launcher defaults)}; floor: $floor_opts"
for n in ${SIZES:-100000 1000000}; do
  db="$dir/bench-$n.db"
  echo "== $n transactions"
  measure "generate $n" bin/reconciler generate --date $date --transactions "$n" --seed 1 --db "$db"
  # The kernel writes the fresh database (~215 MB at 1M) back to disk for seconds after generate
  # returns; flushed here, so that writeback is not timed as part of the first reconcile.
  sync
  measure "reconcile $n" bin/reconciler reconcile --date $date --db "$db" --out "$dir/reports"
  grep -o 'stages {.*}' "$dir/reconcile-bench.log" | tail -n "$runs" | sed 's/^/  /'
  for kind in plain reader; do
    measure "floor ($kind) $n" java $floor_opts -cp "$testcp" dev.reconciler.bench.BareRead "$db" $date $kind
  done
done
