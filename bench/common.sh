# Sourced by the bench scripts: builds the project (unless SKIP_BUILD=1) and sets $root, $mvn,
# $target (reconciler-scheduler/target) and $testcp (its test classpath, for the bench mains).
# Environment: MVN (default ./mvnw), MVN_ARGS (e.g. -o), SKIP_BUILD=1 to reuse the last build.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn="${MVN:-./mvnw}"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  $mvn -B -q ${MVN_ARGS:-} -DskipTests install
fi
target="$root/reconciler-scheduler/target"
$mvn -B -q ${MVN_ARGS:-} -pl reconciler-scheduler dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$target/bench.classpath" >/dev/null
testcp="$target/test-classes:$target/classes:$(cat "$target/bench.classpath")"

# start_pg DIR PORT: starts bench.PgServer with its data in DIR/pgdata on 127.0.0.1:PORT (stopped
# when the script exits) and sets $pg_url once it is ready.
start_pg() {
  java -cp "$testcp" dev.reconciler.bench.PgServer "$1/pgdata" "$2" >"$1/pg.out" 2>&1 &
  pg_server=$!
  trap 'kill "$pg_server" 2>/dev/null; wait "$pg_server" 2>/dev/null || true' EXIT
  local i
  for ((i = 0; i < 600; i++)); do
    grep -q '^ready ' "$1/pg.out" && break
    kill -0 "$pg_server" 2>/dev/null || { cat "$1/pg.out"; exit 1; }
    sleep 0.1
  done
  pg_url=$(sed -n 's/^ready //p' "$1/pg.out")
  [[ -n "$pg_url" ]] || { echo "PostgreSQL did not start; see $1/pg.out" >&2; exit 1; }
}

# timed LABEL COMMAND...: one run of COMMAND, its output in $dir/last.out (shown if it fails); prints
# LABEL, the wall time and the peak RSS.
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >"$dir/last.out" 2>&1 || { cat "$dir/last.out"; exit 1; }
  read -r wall kb <"$dir/time.txt"
  printf '%-44s %7.2f s %6d MB\n' "$label" "$wall" "$((kb / 1024))"
}

# daily_export D N DIR [FORMAT]: day D of the daily benches (D days after 2026-11-23, seed D: each
# day's file holds other rows) as N payments: the sales in DIR/dayD.db, the processor's export
# (FORMAT, default stripe) in DIR/dayD.csv; sets $date and $day (DIR/dayD).
daily_export() {
  date=$(date -d "2026-11-24 + $(($1 - 1)) day" +%F)
  day="$3/day$1"
  bin/reconciler generate --date "$date" --transactions "$2" --seed "$1" --db "$day.db" \
    --format "${4:-stripe}" --export "$day.csv" >/dev/null
}
