#!/usr/bin/env bash
# A/B of a 1M Stripe re-import into PostgreSQL (see BENCHMARKS.md, 2026-12-01): for each tree, three
# times, a fresh database, a small generated day (to make the sales table), the export imported
# (timed), then imported again (timed). Usage: bench/pg-reimport.sh CSV TREE... (each tree built,
# e.g. this one and a worktree of the commit to compare). Prints one line per import.
set -uo pipefail
main=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
csv=$1; shift
target=$main/reconciler-scheduler/target
testcp="$target/test-classes:$target/classes:$(cat "$target/bench.classpath")"
dir=${DIR:-$main/bench-data/pg-reimport}; rm -rf $dir; mkdir -p $dir
java -cp "$testcp" dev.reconciler.bench.PgServer "$dir/pgdata" 54331 >"$dir/pg.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for ((i = 0; i < 600; i++)); do grep -q '^ready ' "$dir/pg.out" && break; sleep 0.1; done
url=$(sed -n 's/^ready //p' "$dir/pg.out")
echo "server $url"
export RECONCILER_DATABASE_USER=postgres RECONCILER_DATABASE_PASSWORD= RECONCILER_LOGGING_FILE=
for tree in "$@"; do
  side=$(cd "$tree" && git rev-parse --short HEAD)
  for run in 1 2 3; do
    db="b_${side}_$run"
    psql_url="${url%/*}/postgres"
    java -cp "$testcp" "$main/bench/tools/CreateDb.java" "$psql_url" "$db" || echo "create failed"
    export RECONCILER_DATABASE_URL="${url%/*}/$db"
    (cd $tree && bin/reconciler generate --date 2026-11-24 --transactions 10 >/dev/null 2>&1) || echo "generate failed"
    (cd $tree && /usr/bin/time -f "%e s %M KB" bin/reconciler import --format stripe --file $csv 2>&1 | tail -1 | sed "s/^/$side first $run: /")
    (cd $tree && /usr/bin/time -f "%e s %M KB" bin/reconciler import --format stripe --file $csv 2>&1 | tail -2 | tr '\n' ' ' | sed "s/^/$side again $run: /"; echo)
  done
done
