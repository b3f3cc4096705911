#!/usr/bin/env bash
# Sharded reconcile on worker processes (see BENCHMARKS.md, issue 12): builds the project, then
# runs dev.reconciler.bench.ShardedWorkersBenchmark (reconciler-scheduler test sources) with the
# test classpath. Workers are real child JVMs started through bin/reconciler on the packaged app
# (reconciler-scheduler/target), so they get the launcher's JVM options and machine-sized heap, as
# the systemd units do; one private Redis. Options pass through as key=value, e.g.
#   bench/sharded-workers.sh db=bench-data/bigday/day-10000000.db processes=2 shards=4,8 runs=3
# (heap=4g sets RECONCILER_HEAP, jvm="..." RECONCILER_OPTS; warmup=PATH has the fresh workers
# reconcile that smaller day first, untimed, as a fleet that ran yesterday's day is warm).
# Environment: see bench/common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
exec java -Xmx256m -XX:+UseParallelGC \
  -cp "$testcp" \
  dev.reconciler.bench.ShardedWorkersBenchmark "launcher=$root/bin/reconciler" "$@"
