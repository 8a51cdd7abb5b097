#!/usr/bin/env bash
# Benchmark of ingest-api against the original Python service, on this machine, in one run.
#
#   bench/ingest/run.sh                      # 20 s warm-up + 20 s per measurement, ~4 minutes
#   DURATION=10 WARMUP=10 bench/ingest/run.sh # quicker, noisier
#
# Starts a local Kafka broker (local-infra), ingest-api (java -jar) and the original service rebuilt from Debian
# packages (original_service.py), then measures, with the real pins as bodies:
#   1. single pins, closed loop: wrk -t2 -cCONNECTIONS POST /pin/ against both -> req/s, p50/p99, ratio;
#   2. latency near RATE (default 2000 req/s) against ingest-api: wrk at a bounded connection count (closed loop:
#      its req/s shows whether the rate was reached), and an open-loop run at exactly RATE whose latencies are
#      measured from each request's due time (FixedRateLoad.java + HdrHistogram, because wrk2 is not in Debian);
#   3. bulk: wrk POST /pins with BULK_SIZE pins per NDJSON request -> pins/s, beside Kafka's own
#      ProducerPerformance tool writing the same real pins (same sizes) with the same producer settings.
# Everything it starts it stops (also on Ctrl-C). Loopback only. Needs a JDK 17, Maven access for the first run
# (to build ingest-api and resolve Kafka's tools jar), and apt-get for wrk/python packages if they are missing.
set -euo pipefail

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-20}  # per service; the JVM needs its JIT warm, and takes longer on a busy machine
CONNECTIONS=${CONNECTIONS:-64}
RATE=${RATE:-2000}
BULK_SIZE=${BULK_SIZE:-500}
BULK_CONNECTIONS=${BULK_CONNECTIONS:-4}
BOUNDED_CONNECTIONS=${BOUNDED_CONNECTIONS:-16}
PERF_RECORDS=${PERF_RECORDS:-300000}
PARTITIONS=${PARTITIONS:-3}
API_JAVA_OPTS=${API_JAVA_OPTS:--Xms512m -Xmx512m}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/bench/ingest"
WORK=$(mktemp -d /tmp/ingest-bench.XXXXXX)
PIDS=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() { # stop what this script started, newest first (the services before their broker)
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      log "timed out waiting for $what"
      exit 1
    fi
    sleep 0.5
  done
}

# --- Tools ---------------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
/usr/bin/python3 -c 'import fastapi' 2>/dev/null || missing+=(python3-fastapi)
/usr/bin/python3 -c 'import uvicorn' 2>/dev/null || missing+=(python3-uvicorn)
/usr/bin/python3 -c 'import kafka' 2>/dev/null || missing+=(python3-kafka)
if ((${#missing[@]})); then
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

JAR="$ROOT/ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar"
if [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/ingest-api/src/main" -newer "$JAR" -print -quit) ]]; then
  log "building ingest-api"
  (cd "$ROOT" && ./mvnw -B -q -pl ingest-api -am install -DskipTests)
fi
log "resolving local-infra and Kafka's tools"
(cd "$ROOT" && ./mvnw -B -q -f bench/ingest/kafka-tools.pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null)
CP=$(cat "$WORK/classpath.txt")

cat "$ROOT"/data/real-pins/*.jsonl > "$WORK/pins.jsonl"
PIN_BYTES=$(awk '{ total += length($0) } END { printf "%d", total / NR }' "$WORK/pins.jsonl")

# --- Servers -------------------------------------------------------------------------------------------------------
KAFKA_PORT=$(free_port)
log "starting Kafka on 127.0.0.1:$KAFKA_PORT"
java -cp "$CP" dev.pinpipeline.infra.LocalInfraMain --servers kafka --kafka-port "$KAFKA_PORT" \
  --data-dir "$WORK/infra" >"$WORK/infra.log" 2>&1 &
PIDS+=($!)
wait_for 120 "Kafka" grep -q "Running;" "$WORK/infra.log"
BOOTSTRAP=127.0.0.1:$KAFKA_PORT

for topic in bench-python bench-perf; do
  java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor 1 >/dev/null
done

API_PORT=$(free_port)
log "starting ingest-api on 127.0.0.1:$API_PORT"
SERVER_PORT=$API_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP PINS_TOPIC=bench-java PINS_TOPIC_PARTITIONS=$PARTITIONS \
  java $API_JAVA_OPTS -jar "$JAR" >"$WORK/ingest-api.log" 2>&1 &
PIDS+=($!)
API_PID=$!
wait_for 120 "ingest-api readiness" curl -fsS "http://127.0.0.1:$API_PORT/actuator/health/readiness"

PY_PORT=$(free_port)
log "starting the original Python service on 127.0.0.1:$PY_PORT"
KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP PINS_TOPIC=bench-python PORT=$PY_PORT \
  /usr/bin/python3 "$BENCH/original_service.py" >"$WORK/original.log" 2>&1 &
PIDS+=($!)
PY_PID=$!
wait_for 60 "the original service" curl -fsS "http://127.0.0.1:$PY_PORT/openapi.json"

# --- Measurements --------------------------------------------------------------------------------------------------
field() { sed -n "s/.*RESULT.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; } # user + system CPU time of a process (100 Hz ticks)

run_wrk() { # run_wrk PID URL SCRIPT ARGS...: a warm-up, then the measurement; prints the RESULT line + cpu_ms
  local pid=$1 url=$2 script=$3 before result
  shift 3
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH/$script" "$url" -- "$@" >/dev/null
  before=$(cpu_ms "$pid")
  result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$BENCH/$script" "$url" -- "$@" | grep RESULT)
  echo "$result cpu_ms=$(($(cpu_ms "$pid") - before))"
}

log "single pins, closed loop (wrk -t2 -c$CONNECTIONS, ${DURATION}s): ingest-api"
JAVA_RESULT=$(run_wrk "$API_PID" "http://127.0.0.1:$API_PORT" pin.lua "$WORK/pins.jsonl" /pin/)
log "single pins, closed loop (wrk -t2 -c$CONNECTIONS, ${DURATION}s): original service"
PY_RESULT=$(run_wrk "$PY_PID" "http://127.0.0.1:$PY_PORT" pin.lua "$WORK/pins.jsonl" /pin/)

log "single pins, closed loop at a bounded concurrency (wrk -t1 -c$BOUNDED_CONNECTIONS, ${DURATION}s): ingest-api"
BOUNDED_RESULT=$(wrk -t1 -c"$BOUNDED_CONNECTIONS" -d"${DURATION}s" -s "$BENCH/pin.lua" "http://127.0.0.1:$API_PORT" \
  -- "$WORK/pins.jsonl" /pin/ | grep RESULT)

log "single pins at a fixed $RATE req/s (${DURATION}s): ingest-api"
RATE_RESULT=$(java -cp "$CP" "$BENCH/FixedRateLoad.java" "http://127.0.0.1:$API_PORT/pin/" "$WORK/pins.jsonl" \
  "$RATE" "$DURATION" "$WARMUP" | grep RESULT)

log "bulk: POST /pins, $BULK_SIZE pins per NDJSON request (wrk -t2 -c$BULK_CONNECTIONS, ${DURATION}s)"
SINGLE_CONNECTIONS=$CONNECTIONS
CONNECTIONS=$BULK_CONNECTIONS
BULK_RESULT=$(run_wrk "$API_PID" "http://127.0.0.1:$API_PORT" bulk.lua "$WORK/pins.jsonl" "$BULK_SIZE")

log "Kafka's ProducerPerformance: $PERF_RECORDS real pins, same producer settings"
PERF_LINE=$(java -cp "$CP" org.apache.kafka.tools.ProducerPerformance --topic bench-perf \
  --num-records "$PERF_RECORDS" --throughput -1 --payload-file "$WORK/pins.jsonl" \
  --producer-props "bootstrap.servers=$BOOTSTRAP" acks=all enable.idempotence=true compression.type=lz4 \
  linger.ms=5 batch.size=65536 2>/dev/null | tail -1)
PERF_RPS=$(sed -n 's/.* records sent, \([0-9.]*\) records\/sec.*/\1/p' <<<"$PERF_LINE")

# --- Report --------------------------------------------------------------------------------------------------------
java_rps=$(field "$JAVA_RESULT" rps)
py_rps=$(field "$PY_RESULT" rps)
bulk_pins=$(awk -v r="$(field "$BULK_RESULT" rps)" -v n="$BULK_SIZE" 'BEGIN { printf "%.0f", r * n }')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
per_request() { awk -v c="$(field "$1" cpu_ms)" -v n="$(field "$1" requests)" -v k="${2:-1}" \
  'BEGIN { if (n > 0) printf "%.3f", c / (n * k); else print "n/a" }'; }
java_cpu=$(per_request "$JAVA_RESULT")
py_cpu=$(per_request "$PY_RESULT")

cat <<REPORT

ingest benchmark — $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)
real pins: $(wc -l <"$WORK/pins.jsonl") records, ${PIN_BYTES} bytes on average; Kafka on loopback, acks=all, $PARTITIONS partitions

1. POST /pin/, wrk -t2 -c$SINGLE_CONNECTIONS -d${DURATION}s (closed loop)    req/s    p50 ms   p99 ms   non-2xx  errors
   ingest-api                                            $(printf '%8s %8s %8s %8s %7s' "$java_rps" "$(field "$JAVA_RESULT" p50_ms)" "$(field "$JAVA_RESULT" p99_ms)" "$(field "$JAVA_RESULT" non2xx)" "$(field "$JAVA_RESULT" errors)")
   original (FastAPI + kafka-python, waits for the ack)  $(printf '%8s %8s %8s %8s %7s' "$py_rps" "$(field "$PY_RESULT" p50_ms)" "$(field "$PY_RESULT" p99_ms)" "$(field "$PY_RESULT" non2xx)" "$(field "$PY_RESULT" errors)")
   ratio ingest-api / original: $(ratio "$java_rps" "$py_rps")x   (target >= 5x)
   service CPU per pin (independent of how busy the machine is): ingest-api $java_cpu ms, original $py_cpu ms
   -> the original needs $(ratio "$py_cpu" "$java_cpu")x the CPU of ingest-api per pin (the original is single-threaded: one core at most)

2. Latency near $RATE req/s
   wrk -t1 -c$BOUNDED_CONNECTIONS (closed loop, bounded concurrency): $(field "$BOUNDED_RESULT" rps) req/s, p50 $(field "$BOUNDED_RESULT" p50_ms) ms, p90 $(field "$BOUNDED_RESULT" p90_ms) ms, p99 $(field "$BOUNDED_RESULT" p99_ms) ms, non-2xx $(field "$BOUNDED_RESULT" non2xx)
   POST /pin/ at a fixed $RATE req/s for ${DURATION}s, latency from each request's due time (FixedRateLoad, HdrHistogram)
   ingest-api: achieved $(field "$RATE_RESULT" achieved_rps) req/s, ok $(field "$RATE_RESULT" ok), failed $(field "$RATE_RESULT" failed); p50 $(field "$RATE_RESULT" p50_ms) ms, p90 $(field "$RATE_RESULT" p90_ms) ms, p99 $(field "$RATE_RESULT" p99_ms) ms (target <= 25), p99.9 $(field "$RATE_RESULT" p999_ms) ms, max $(field "$RATE_RESULT" max_ms) ms

3. Bulk
   ingest-api POST /pins, $BULK_SIZE pins per NDJSON request, wrk -c$BULK_CONNECTIONS: $bulk_pins pins/s ($(field "$BULK_RESULT" rps) req/s, p50 $(field "$BULK_RESULT" p50_ms) ms, p99 $(field "$BULK_RESULT" p99_ms) ms, non-2xx $(field "$BULK_RESULT" non2xx)), $(per_request "$BULK_RESULT" "$BULK_SIZE") ms CPU per pin
   Kafka ProducerPerformance, same pins, acks=all, idempotent, lz4, linger.ms=5, batch.size=65536: ${PERF_RPS:-n/a} records/s
   ratio: $(ratio "$bulk_pins" "${PERF_RPS:-0}")   (target >= 0.5)
REPORT
