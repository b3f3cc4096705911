#!/usr/bin/env bash
# Queue benchmark (see BENCHMARKS.md): builds the project, then runs
# dev.reconciler.bench.QueueBenchmark (reconciler-scheduler test sources) with the test classpath.
# Worker processes are real child JVMs on the packaged app (reconciler-scheduler/target).
# Options pass through as key=value, e.g.  bench/queue.sh processes=1,2 concurrency=2 runs=3
# Environment: MVN (default ./mvnw), MVN_ARGS (e.g. -o), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn="${MVN:-./mvnw}"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  $mvn -B -q ${MVN_ARGS:-} -DskipTests install
fi
target="$root/reconciler-scheduler/target"
$mvn -B -q ${MVN_ARGS:-} -pl reconciler-scheduler dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$target/bench.classpath" >/dev/null
jar=$(ls "$target"/reconciler-scheduler-*.jar | head -n 1)
app="$jar:$target/lib/*"
exec java -Xmx512m -XX:+UseParallelGC \
  -cp "$target/test-classes:$target/classes:$(cat "$target/bench.classpath")" \
  dev.reconciler.bench.QueueBenchmark "app.classpath=$app" "$@"
