#!/usr/bin/env bash
# The streaming benchmark: latency (producer ack -> row in PostgreSQL, p50/p99 at 500 and 2 000 pins/s) in both
# trigger modes, against a Kafka-only baseline measured in the same run; then the highest sustained rate with
# bounded lag; then PostgreSQL's own rate for the same rows (COPY, no job). Starts its own local Kafka + PostgreSQL and
# the job as its own JVM; stops everything it started. The last line is the summary:
#   streaming: real-time X/s, micro-batch Y/s, COPY Z/s, real-time p99 P ms
#
#   bench/streaming/run.sh [latency-seconds=20] [rate-step-seconds=20] [rate-steps=10000,20000,30000,40000,50000] [modes=real-time,micro-batch]
#
# Environment: JOB_JAVA_OPTS (extra JVM options of the job, e.g. -Dlog4j.configurationFile=…), JOB_ARGS (extra job
# options, e.g. --trigger-interval=…).
# Bounded: the whole run is killed after 25 minutes at most.
set -euo pipefail
cd "$(dirname "$0")/../.."

LATENCY_SECONDS=${1:-20}
RATE_SECONDS=${2:-20}
RATES=${3:-10000,20000,30000,40000,50000}
MODES=${4:-real-time,micro-batch}

echo "Building spark-streaming (package, no tests)..."
./mvnw -B -q -pl spark-streaming -am install -DskipTests
./mvnw -B -q -pl spark-streaming dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt

SPARK_JAVA_OPTIONS=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' pom.xml)
JOB_CLASSPATH="spark-streaming/target/classes:$(cat spark-streaming/target/local-classpath.txt)"
BENCH_CLASSPATH="$(cat spark-streaming/target/bench-classpath.txt)"

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
exec timeout --signal=TERM --kill-after=30 1500 \
  java -Xmx1g -cp "$BENCH_CLASSPATH" bench/streaming/StreamingBench.java \
  "$SPARK_JAVA_OPTIONS ${JOB_JAVA_OPTS:-}" "$JOB_CLASSPATH" "$LATENCY_SECONDS" "$RATE_SECONDS" "$RATES" "$MODES"
