#!/usr/bin/env bash
# What the open items a ledger carries cost (see BENCHMARKS.md, issue 10): this checkout reconciles
# the ledger bench's 1M x 1M day from E, a file whose ledger is empty, and from O, bench/ledger.sh's
# file with OPEN items open, each restored before its run, interleaved E O O E. Run bench/ledger.sh
# once first (it seeds O). Environment: PAIRS (20), RECONCILER_OPTS; MVN_ARGS, SKIP_BUILD as
# bench/common.sh. Prints "E|O wall_s rss_mb" per run, then the medians and the pairs' O / E.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dir="${DIR:-$root/bench-data/ledger}" date=2026-11-24 n="${N:-1000000}"
[[ -f "$dir/ab-$n.pristine.db" ]] || { echo "run bench/ledger.sh first: it seeds $dir/ab-$n.pristine.db" >&2; exit 2; }
if [[ ! -f "$dir/empty-$n.pristine.db" ]]; then
  rm -f "$dir/empty-$n.db"
  bin/reconciler generate --date $date --transactions "$n" --seed 1 --db "$dir/empty-$n.db" >/dev/null
  java -cp "$testcp" dev.reconciler.bench.MigrateSchema "$dir/empty-$n.db"
  cp "$dir/empty-$n.db" "$dir/empty-$n.pristine.db"
fi
java -cp "$testcp" dev.reconciler.bench.MigrateSchema "$dir/ab-$n.pristine.db"
export RECONCILER_LOGGING_FILE=eo-bench.log RECONCILER_PATHS_LOG_DIR="$dir" RECONCILER_CONFIG="$root/config.ini"
run() { # LABEL FILE: restores FILE's pristine copy, then one timed reconcile of it
  cp "$dir/$2.pristine.db" "$dir/$2.db" && rm -f "$dir/$2.db-journal" && sync
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" bin/reconciler reconcile --date $date --db "$dir/$2.db" \
    --out "$dir/reports-$1" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
  read -r wall kb <"$dir/time.txt"
  echo "$1 $wall $((kb / 1024))"
}
rm -f "$target"/cds/*.jsa
run E "empty-$n" >/dev/null # warm-up: the class-data archive
results=$(mktemp)
for ((i = 0; i < ${PAIRS:-20}; i++)); do
  if ((i % 2 == 0)); then run E "empty-$n"; run O "ab-$n"; else run O "ab-$n"; run E "empty-$n"; fi
done | tee "$results"
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
e=$(awk '$1 == "E" {print $2}' "$results") o=$(awk '$1 == "O" {print $2}' "$results")
printf 'E median %.2f s, O median %.2f s, median of the pairs'"'"' O / E %.3f (%d pairs)\n' \
  "$(median <<<"$e")" "$(median <<<"$o")" "$(paste <(echo "$e") <(echo "$o") | awk '{print $2 / $1}' | median)" \
  "$(wc -l <<<"$e")"
rm -f "$results"
