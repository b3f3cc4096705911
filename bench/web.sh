#!/usr/bin/env bash
# Web console benchmark (see BENCHMARKS.md): compiles the project in place (no install), then runs
# dev.reconciler.bench.WebBenchmark (reconciler-scheduler test sources) on the reactor's classes:
# the overview and /metrics over HTTP with 100k task states, 10k failed entries and 1,000 runs.
# Options pass through as key=value, e.g.  bench/web.sh requests=1000 states=100000
# Environment: MVN (default ./mvnw), MVN_ARGS (e.g. -o), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn="${MVN:-./mvnw}"
target="$root/reconciler-scheduler/target"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # test-compile in one reactor, so the classpath names the modules' target directories.
  $mvn -B -q ${MVN_ARGS:-} -DskipTests test-compile dependency:build-classpath \
    -pl reconciler-scheduler -am -Dmdep.includeScope=test -Dmdep.outputFile="$target/web-bench.classpath"
fi
cp="$target/test-classes:$target/classes:$(cat "$target/web-bench.classpath")"
exec java -Xmx512m -XX:+UseParallelGC -cp "$cp" dev.reconciler.bench.WebBenchmark "$@"
