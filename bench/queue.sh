#!/usr/bin/env bash
# Queue benchmark (see BENCHMARKS.md): builds the project, then runs
# dev.reconciler.bench.QueueBenchmark (reconciler-scheduler test sources) with the test classpath.
# Worker processes are real child JVMs on the packaged app (reconciler-scheduler/target).
# Options pass through as key=value, e.g.  bench/queue.sh processes=1,2 concurrency=2 runs=3
# Environment: see bench/common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
jar=$(ls "$target"/reconciler-scheduler-*.jar | head -n 1)
app="$jar:$target/lib/*"
exec java -Xmx512m -XX:+UseParallelGC \
  -cp "$testcp" \
  dev.reconciler.bench.QueueBenchmark "app.classpath=$app" "$@"
