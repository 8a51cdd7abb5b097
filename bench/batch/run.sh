#!/usr/bin/env bash
# Cleaning benchmark (issues 4 §6 and 18.1): pin-cleaning as shipped against the same rules written as Java UDFs over
# Spark's from_json (the original's design), in ONE run, local[2], over >= 1 000 000 raw events generated from the
# real sample. Prints each round, then as its LAST line the summary, CPU per record (whole JVM, median round):
#   cleaning: rules X us/record, UDFs Y us/record, ratio R        (R = X / Y; target R <= 1, ideally <= 0.5)
#
#   bench/batch/run.sh [events=1000000] [rounds=3]
#
# Environment: BENCH_HEAP (default 6g); BENCH_JAVA_OPTS, more JVM options (e.g. a JFR recording:
# -XX:StartFlightRecording=filename=/tmp/cleaning.jfr,settings=profile). Takes ~2-4 minutes on a quiet 2-core machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
events="${1:-1000000}"
rounds="${2:-3}"
heap="${BENCH_HEAP:-6g}"

cd "$root"
echo "building pin-cleaning and the benchmark ..."
./mvnw -B -q -N install
./mvnw -B -q -pl parents/spark-job-parent,pin-cleaning -am install -DskipTests
./mvnw -B -q -f bench/batch/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime

# Spark's Java 17 options, from the one place they are kept
spark_java_options="$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' pom.xml)"

echo "running: $events events, $rounds rounds, heap $heap"
# shellcheck disable=SC2086
exec java -Xmx"$heap" $spark_java_options ${BENCH_JAVA_OPTS:-} \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    dev.pinpipeline.bench.batch.CleaningBenchmark "$root/data/real-pins" "$events" "$rounds"
