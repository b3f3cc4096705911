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
