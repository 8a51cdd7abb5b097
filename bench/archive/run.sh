#!/usr/bin/env bash
# Archive throughput (issue 3 §9): N real-sized pins pre-loaded into a local broker, then, one after the other,
#   1. Kafka's own consumer performance tool (org.apache.kafka.tools.ConsumerPerformance): the read limit;
#   2. batch-consumer (java -jar) archiving all N to S3Proxy: records/s and MB/s;
#   2b. gzip alone (GzipFloor.java): the same lines compressed by the archiver's own gzip code, library and level,
#       one thread, no I/O,
#       the part of the archiver's CPU that no code change removes;
#   3. the original design (original_consumer.py: kafka-python + boto3 put_object per message) for
#      ORIGINAL_SECONDS, its rate extrapolated to N;
# and prints the ratios. Everything runs on loopback; every process it starts, it stops.
#
# usage: bench/archive/run.sh [N]      (default N=1000000; env PARTITIONS=4 CONSUMERS=2 ORIGINAL_SECONDS=30 GZIP_LEVEL=1 GZIP_LIBRARY=auto,
#        ARCHIVE_SETTINGS='--archive.consumers=…' and ARCHIVER_JAVA_OPTS passed to the archiver, which runs with the
#        image's JVM options, -XX:+UseParallelGC and its ENTRYPOINT's JIT thresholds, and one poll loop per core of
#        this 2-core machine)
# needs: Java 17, Debian's python3-kafka python3-boto3 python3-lz4
set -euo pipefail

N=${1:-1000000}
PARTITIONS=${PARTITIONS:-4}
CONSUMERS=${CONSUMERS:-2}
ORIGINAL_SECONDS=${ORIGINAL_SECONDS:-30}
ARCHIVE_SETTINGS=${ARCHIVE_SETTINGS:-}
GZIP_LEVEL=${GZIP_LEVEL:-1}
GZIP_LIBRARY=${GZIP_LIBRARY:-auto}   # auto (libdeflate where installed) | libdeflate | jdk

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/archive"
WORK=$(mktemp -d /tmp/bench-archive.XXXXXX)
TOPIC=PinterestTopic
BUCKET=pinterestdata
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }   # busy, total
cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }   # user + system time of a process so far
thread_cpu() {   # "name ticks" per thread of a process (name with digits removed: archive-0..3 -> archive-)
  for stat in /proc/"$1"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1\t\2/' "$stat" 2>/dev/null \
      | awk -F'\t' '{split($2, f, " "); name = $1; gsub(/[0-9]+/, "", name); print name "\t" (f[11] + f[12])}'
  done
}
servers_cpu() {   # "server-class cpu-seconds" for each server process local-infra started (its children)
  for pid in $(pgrep -P "$INFRA"); do
    echo "$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -A1 ServerLauncher | tail -1 | sed 's/.*\.//') $(cpu_seconds "$pid")"
  done
}
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if ! /usr/bin/python3 -c 'import kafka, boto3, lz4' 2>/dev/null; then
  echo "The original design needs Debian's python3-kafka python3-boto3 python3-lz4 (the topic is lz4-compressed):" >&2
  echo "  apt-get update && apt-get install -y python3-kafka python3-boto3 python3-lz4" >&2
  exit 1
fi

log "Building (batch-consumer jar, benchmark classpath)"
cd "$ROOT"
./mvnw -B -q -ntp -pl batch-consumer -am install -DskipTests   # always: figures of a stale jar mislead
JAR=$(ls batch-consumer/target/batch-consumer-*.jar | head -1)
./mvnw -B -q -f bench/archive/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP=$(cat "$WORK/classpath.txt")

KAFKA_PORT=$(free_port); S3_PORT=$(free_port)
log "Starting Kafka (:$KAFKA_PORT) and S3Proxy (:$S3_PORT)"
java -cp "$CP" dev.pinpipeline.infra.LocalInfraMain --data-dir "$WORK/infra" --servers kafka,s3 \
  --kafka-port "$KAFKA_PORT" --s3-port "$S3_PORT" > "$WORK/infra.log" 2>&1 &
INFRA=$!
PIDS+=($INFRA)
for _ in $(seq 1 240); do grep -q "Running" "$WORK/infra.log" && break; sleep 0.5; done
grep -q "Running" "$WORK/infra.log" || { cat "$WORK/infra.log"; exit 1; }
eval "$(grep 'export ' "$WORK/infra.log" | sed 's/^ *//')"
BOOTSTRAP=127.0.0.1:$KAFKA_PORT

log "Pre-loading $N events into $TOPIC ($PARTITIONS partitions)"
LOADED=$(java -cp "$CP" "$HERE/PreloadPins.java" "$BOOTSTRAP" "$TOPIC" "$N" "$PARTITIONS" "$ROOT/data/real-pins" | tail -1)
TOPIC_BYTES=${LOADED##*bytes=}
log "$LOADED"

log "1/3 kafka-consumer-perf-test"
/usr/bin/time -f "%U %S" -o "$WORK/perf.cpu" java -Xmx1g -cp "$CP" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
  --messages "$N" --group perf-test --timeout 120000 > "$WORK/perf.txt" 2>&1 || { cat "$WORK/perf.txt"; exit 1; }
PERF_LINE=$(grep -A1 '^start.time' "$WORK/perf.txt" | tail -1)
# start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
PERF_MBS=$(echo "$PERF_LINE" | awk -F', ' '{print $4}')
PERF_RPS=$(echo "$PERF_LINE" | awk -F', ' '{print $6}')
PERF_CPU=$(tail -1 "$WORK/perf.cpu" | awk '{print $1 + $2}')
log "   consumer tool: $PERF_RPS records/s, $PERF_MBS MB/s"

log "2/3 batch-consumer ($CONSUMERS poll loops)"
HTTP_PORT=$(free_port)
# the JVM options of the image's ENTRYPOINT (batch-consumer/Dockerfile, its last stage: the JIT thresholds), so the
# figures are the image's
IMAGE_JAVA_OPTS=$(python3 -c '
import json, sys
line = [l for l in open(sys.argv[1]) if l.startswith("ENTRYPOINT ")][-1]
words = json.loads(line[len("ENTRYPOINT "):])
print(" ".join(w for w in words[1:words.index("-jar")]))' "$ROOT/batch-consumer/Dockerfile")
log "   JVM options: -Xmx1g -XX:+UseParallelGC $IMAGE_JAVA_OPTS ${ARCHIVER_JAVA_OPTS:-}"
KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP PINS_TOPIC=$TOPIC S3_ENDPOINT=$S3_ENDPOINT S3_BUCKET=$BUCKET \
AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \
  java -Xmx1g -XX:+UseParallelGC $IMAGE_JAVA_OPTS ${ARCHIVER_JAVA_OPTS:-} -jar "$JAR" --server.port="$HTTP_PORT" --archive.group-id=bench --archive.consumers="$CONSUMERS" \
  --archive.idle-flush=1s --archive.gzip-level="$GZIP_LEVEL" --archive.gzip-library="$GZIP_LIBRARY" $ARCHIVE_SETTINGS > "$WORK/archiver.log" 2>&1 &
ARCHIVER=$!
PIDS+=($ARCHIVER)
metric() {   # one meter's total, e.g. archive.records.written (cheaper to serve than a Prometheus scrape; no
             # Python per poll either: the polls share the cores with the archiver being measured)
  local value
  value=$(curl -s "http://127.0.0.1:$HTTP_PORT/actuator/metrics/$1" | sed -nE 's/.*"measurements":\[\{"statistic":"[A-Z_]+","value":([0-9.E+]+).*/\1/p')
  awk -v v="${value:-0}" 'BEGIN { printf "%d\n", v }'
}
for _ in $(seq 1 240); do curl -s "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null && break; sleep 0.25; done
T0=$(now)
CPU0=$(cpu_seconds $ARCHIVER)
MACHINE0=$(machine_ticks)
servers_cpu | sort > "$WORK/servers0.txt"
thread_cpu $ARCHIVER > "$WORK/threads0.txt"
while :; do
  WRITTEN=$(metric archive.records.written)
  [[ "$WRITTEN" -ge "$N" ]] && break
  kill -0 $ARCHIVER 2>/dev/null || { tail -20 "$WORK/archiver.log"; exit 1; }
  sleep 0.5
done
T1=$(now)
CPU1=$(cpu_seconds $ARCHIVER)
MACHINE1=$(machine_ticks)
servers_cpu | sort > "$WORK/servers1.txt"
SERVERS_CPU=$(join "$WORK/servers0.txt" "$WORK/servers1.txt" | awk '{printf "%s%s %.1f s", sep, $1, $3 - $2; sep=", "}')
thread_cpu $ARCHIVER > "$WORK/threads1.txt"
GZ_BYTES=$(metric archive.bytes.written)
FILES=$(metric archive.files.written)
kill $ARCHIVER; wait $ARCHIVER 2>/dev/null || true
log "   batch-consumer: $N records in $(python3 -c "print(round($T1 - $T0, 1))") s"
python3 - "$WORK/threads0.txt" "$WORK/threads1.txt" > "$WORK/threads.txt" <<'PY'
import collections, sys
def read(path):
    ticks = collections.Counter()
    for line in open(path):
        name, _, t = line.rstrip("\n").rpartition("\t")
        ticks[name] += int(t)
    return ticks
before, after = read(sys.argv[1]), read(sys.argv[2])
used = {name: (after[name] - before[name]) / 100 for name in after}
total = sum(used.values())
print("  batch-consumer CPU by thread while archiving (threads of the same name summed):")
for name, s in sorted(used.items(), key=lambda kv: -kv[1])[:8]:
    if s > 0:
        print(f"    {s:6.1f} s {100 * s / total:4.0f}%  {name}")
PY

log "2b gzip alone at level $GZIP_LEVEL ($GZIP_LIBRARY)"
GZIP_OUT=$(java -cp "$CP:$ROOT/batch-consumer/target/classes" "$HERE/GzipFloor.java" "$ROOT/data/real-pins" "$N" "$GZIP_LEVEL" "$GZIP_LIBRARY" | tail -1)
GZIP_RPCS=$(echo "$GZIP_OUT" | sed -E 's/.*records_per_cpu_second=([0-9]+).*/\1/')
GZIP_USED=$(echo "$GZIP_OUT" | sed -E 's/.*library=//')
log "   $GZIP_USED"

log "3/3 original design for ${ORIGINAL_SECONDS}s"
AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \
  /usr/bin/time -f "%U %S" -o "$WORK/original.cpu" /usr/bin/python3 "$HERE/original_consumer.py" --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --endpoint "$S3_ENDPOINT" \
  --bucket "$BUCKET" --seconds "$ORIGINAL_SECONDS" > "$WORK/original.txt" 2>"$WORK/original.err" || { cat "$WORK/original.err"; exit 1; }
ORIG=$(tail -1 "$WORK/original.txt")
ORIG_N=$(echo "$ORIG" | sed -E 's/.*records=([0-9]+).*/\1/')
ORIG_S=$(echo "$ORIG" | sed -E 's/.*seconds=([0-9.]+).*/\1/')
ORIG_CPU=$(tail -1 "$WORK/original.cpu" | awk '{print $1 + $2}')
ARCHIVE_CPU=$(python3 -c "print($CPU1 - $CPU0)")

python3 - "$N" "$TOPIC_BYTES" "$T0" "$T1" "$GZ_BYTES" "$FILES" "$PERF_RPS" "$PERF_MBS" "$ORIG_N" "$ORIG_S" "$CONSUMERS" "$PARTITIONS" \
  "$PERF_CPU" "$ARCHIVE_CPU" "$ORIG_CPU" "$(uptime | sed 's/.*load average: //')" "$GZIP_RPCS" "$GZIP_USED" "$MACHINE0 $MACHINE1" "$(nproc)" "$SERVERS_CPU" <<'PY'
import sys
n, topic_bytes, t0, t1, gz, files, perf_rps, perf_mbs, orig_n, orig_s, consumers, partitions = sys.argv[1:13]
perf_cpu, archive_cpu, orig_cpu, load = float(sys.argv[13]), float(sys.argv[14]), float(sys.argv[15]), sys.argv[16]
gzip_rpcs, gzip_used = float(sys.argv[17]), sys.argv[18]
busy0, total0, busy1, total1 = map(int, sys.argv[19].split()); cores = int(sys.argv[20]); servers = sys.argv[21]
n = int(n); topic_mb = int(topic_bytes) / 1048576; secs = float(t1) - float(t0)
rps = n / secs; mbs = topic_mb / secs
orig_rps = int(orig_n) / float(orig_s)
perf_rps = float(perf_rps); perf_mbs = float(perf_mbs)
print()
print(f"Archive benchmark: {n:,} events, {topic_mb:,.0f} MB of keys+values, {partitions} partitions")
print(f"  kafka-consumer-perf-test : {perf_rps:>10,.0f} records/s {perf_mbs:>8.1f} MB/s   (read limit)")
print(f"  batch-consumer           : {rps:>10,.0f} records/s {mbs:>8.1f} MB/s   ({secs:.1f} s, {consumers} loops, "
      f"{int(files)} files, {int(gz)/1048576:.0f} MB gzip)")
print(f"  original design          : {orig_rps:>10,.1f} records/s            ({orig_n} records in {float(orig_s):.1f} s; "
      f"{n:,} would take {n/orig_rps/3600:.1f} h)")
print(f"  batch-consumer / original      : {rps/orig_rps:,.0f}x   (target >= 100x)")
print(f"  batch-consumer / consumer tool : {100*rps/perf_rps:.0f}%   (target >= 50%)")
print(f"CPU cost (user+system of the process itself; broker and S3Proxy not counted), load average {load}:")
print(f"  kafka-consumer-perf-test : {n/perf_cpu:>10,.0f} records per CPU-second  ({perf_cpu:.1f} s, JVM start included)")
print(f"  batch-consumer           : {n/archive_cpu:>10,.0f} records per CPU-second  ({archive_cpu:.1f} s while archiving)")
print(f"  original design          : {int(orig_n)/orig_cpu:>10,.0f} records per CPU-second  ({orig_cpu:.1f} s)")
print(f"  batch-consumer / original      : {(n/archive_cpu)/(int(orig_n)/orig_cpu):,.0f}x per CPU-second")
print(f"  batch-consumer / consumer tool : {100*(n/archive_cpu)/(n/perf_cpu):.0f}% per CPU-second")
us = lambda rpcs: 1e6 / rpcs
print(f"Microseconds of CPU per record: consumer tool {us(n/perf_cpu):.1f}, batch-consumer {us(n/archive_cpu):.1f}, "
      f"of which gzip alone (GzipFloor) {us(gzip_rpcs):.1f}")
print(f"  gzip: {gzip_used}")
print(f"While archiving, the machine's {cores} cores were {100*(busy1-busy0)/(total1-total0):.0f}% busy "
      f"(every process: archiver, broker, S3Proxy, JIT); the servers' CPU meanwhile: {servers}")
print(f"  => even an archiver costing only the tool's read + gzip could reach "
      f"{100*us(n/perf_cpu)/(us(n/perf_cpu)+us(gzip_rpcs)):.0f}% of the tool per CPU-second")
PY
cat "$WORK/threads.txt"
# The last line: the archiver's own CPU per record (its whole process, less what gzip alone costs) against the tool's
python3 -c "
n, tool, archiver, gzip = $N, $PERF_CPU, $ARCHIVE_CPU, $GZIP_RPCS
own = 1e6 * archiver / n - 1e6 / gzip
print(f'archiver: {own:.1f} us/record CPU without compression, perf tool {1e6 * tool / n:.1f} us/record, ratio {own / (1e6 * tool / n):.2f}')"
