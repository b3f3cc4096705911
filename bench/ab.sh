#!/usr/bin/env bash
# Interleaved A/B of the 1M x 1M reconcile (see BENCHMARKS.md): two built checkouts reconcile the
# same generated database in turns, A B B A A B ..., so a slow stretch of the VM hits both alike.
# Usage: bench/ab.sh A_CHECKOUT B_CHECKOUT; each must be built (./mvnw -q -DskipTests package).
# Environment: N (transactions per side, 1000000), PAIRS (6), DIR (bench-data/ab), BEFORE_RUN;
# ARGS: another reconciler command line to time instead of the day's reconcile (an import, say, with
# BEFORE_RUN restoring its database), split at spaces.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: bench/ab.sh A_CHECKOUT B_CHECKOUT" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench/ab.sh needs GNU time (apt-get install time)" >&2; exit 2; }
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${N:-1000000}" pairs="${PAIRS:-6}" dir="${DIR:-$root/bench-data/ab}" date=2026-11-24
mkdir -p "$dir"
export RECONCILER_LOGGING_FILE=ab-bench.log RECONCILER_PATHS_LOG_DIR="$dir"
db="$dir/ab-$n.db"
[[ -f "$db" || -n "${ARGS:-}" ]] || RECONCILER_CONFIG="$a/config.ini" "$a/bin/reconciler" generate --date $date --transactions "$n" --seed 1 --db "$db" >/dev/null
sync
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run() { # run LABEL CHECKOUT: one reconcile, appends "wall rss_mb cpu" to $dir/LABEL.txt
  # BEFORE_RUN: a command run before each timed run, untimed (bench/ledger.sh restores the file).
  if [[ -n "${BEFORE_RUN:-}" ]]; then eval "$BEFORE_RUN"; fi
  # Each checkout reads its own config.ini: the two may know different keys.
  local args
  read -r -a args <<<"${ARGS:-reconcile --date $date --db $db --out $dir/reports-$1}"
  RECONCILER_CONFIG="$2/config.ini" /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" "$2/bin/reconciler" "${args[@]}" \
    >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
  read -r wall kb user sys <"$dir/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  echo "$wall $((kb / 1024)) $cpu" >>"$dir/$1.txt"
  printf '  %s %6.2f s %5d MB %6.2f s CPU\n' "$1" "$wall" "$((kb / 1024))" "$cpu"
}
rm -f "$dir/A.txt" "$dir/B.txt"
run A "$a" >/dev/null; run B "$b" >/dev/null; rm -f "$dir/A.txt" "$dir/B.txt" # warm-up, CDS archives
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); A=$a ($(git -C "$a" rev-parse --short HEAD)) B=$b ($(git -C "$b" rev-parse --short HEAD)); $n x $n"
for ((i = 0; i < pairs; i++)); do
  if ((i % 2 == 0)); then run A "$a"; run B "$b"; else run B "$b"; run A "$a"; fi
done
for side in A B; do
  printf '%s median %.2f s, %.0f MB peak RSS, %.2f s CPU (%d runs)\n' "$side" \
    "$(cut -d' ' -f1 "$dir/$side.txt" | median)" "$(cut -d' ' -f2 "$dir/$side.txt" | median)" \
    "$(cut -d' ' -f3 "$dir/$side.txt" | median)" "$pairs"
done
