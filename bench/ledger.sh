#!/usr/bin/env bash
# Ledger benchmark (see BENCHMARKS.md, issue 10): the 1M x 1M day of bench/ab.sh reconciled by
# A, a checkout without the ledger, and B, this checkout with OPEN (100000) items already open in
# the ledger from the 60 days before, interleaved as bench/ab.sh does.
# Usage: bench/ledger.sh A_CHECKOUT; A must be built, and this checkout too (SKIP_BUILD=1 after
# ./mvnw -B -q -DskipTests install). Environment: N, PAIRS, DIR as bench/ab.sh; OPEN (100000);
# RERUN=1 to time reruns of the date instead of its first run.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: bench/ledger.sh A_CHECKOUT" >&2; exit 2; }
a=$(cd "$1" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
n="${N:-1000000}" dir="${DIR:-$root/bench-data/ledger}" date=2026-11-24
mkdir -p "$dir"
db="$dir/ab-$n.db"
# The day as it stands before its first run: every run starts from it, so each is the day's first
# run, as on a normal morning. With RERUN=1 each run is a rerun of the date instead, which first
# takes back what the previous run of it wrote (some 16,000 items opened, 16,000 cleared).
pristine="$dir/ab-$n.pristine.db"
if [[ ! -f "$pristine" ]]; then
  # Seeded at the path the runs read: the ledger names its input database by path.
  rm -f "$db"
  bin/reconciler generate --date $date --transactions "$n" --seed 1 --db "$db" >/dev/null
  java -cp "$testcp" dev.reconciler.bench.SeedLedger "$db" "$(date -d "$date - 1 day" +%F)" "${OPEN:-100000}"
  cp "$db" "$pristine"
fi
# At this checkout's layout, as a morning's file is: a pristine file seeded by an older checkout
# would otherwise make every timed run migrate it first (Flyway's start, not the ledger's cost).
java -cp "$testcp" dev.reconciler.bench.MigrateSchema "$pristine"
before_run=""
if [[ "${RERUN:-}" != 1 ]]; then
  before_run="cp '$pristine' '$db' && rm -f '$db-journal' && sync"
fi
DIR="$dir" N="$n" BEFORE_RUN="$before_run" bench/ab.sh "$a" "$root"
grep -o 'stages {.*}' "$dir/ab-bench.log" | tail -n 4 | sed 's/^/  /'
