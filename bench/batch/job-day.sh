#!/usr/bin/env bash
# The daily batch job's wall time for one day of the archive, end to end (read gzip JSON lines → clean → write
# events, snapshot, rejects, analytics → report), in Spark local mode on loopback files.
#
#   bench/batch/job-day.sh [EVENTS] [MASTER]        defaults: 1000000 events, local[2]
#   JOB_JAVA_OPTS="-Dspark.sql.shuffle.partitions=4" bench/batch/job-day.sh     extra JVM/Spark settings for the job
#   BENCH_ARCHIVE=/tmp/day-1m bench/batch/job-day.sh      keep the generated archive there and reuse it next time
#
# Generates one day in batch-consumer's real archive format (docs/events.md §2: 2 partitions × 24 hourly
# .jsonl.gz files + _SUCCESS) from random rows of data/real-pins (as the original emulator posted them), into a
# temporary file:// directory, then runs DailyBatchJob on it with --input/--output file://… and --no-postgres (the
# PostgreSQL part is a few dozen rows). Baselines, same run: decompressing the same archive (`gzip -dc | wc -l`), and
# the floor job (bench/batch/src/…/DailyFloorJob.java: read the gzip JSON lines, parse the pin, write one Parquet
# dataset), in its own JVM with the same options, timed the same way. The last line is the summary:
#   daily job: N events, T s, floor F s, ratio R
# Needs: java 17 (javac too), python3, GNU time, and the job built (`./mvnw -B -pl spark-batch -am package -DskipTests`).
set -euo pipefail

EVENTS=${1:-1000000}
MASTER=${2:-local[2]}
DAY=2026-11-26
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODULE=$ROOT/spark-batch
WORK=$(mktemp -d "${TMPDIR:-/tmp}/batch-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ARCHIVE=${BENCH_ARCHIVE:-$WORK/raw}

if [[ ! -f $MODULE/target/local-classpath.txt || ! -d $MODULE/target/classes ]]; then
  echo "spark-batch is not built: run ./mvnw -B -pl spark-batch -am package -DskipTests" >&2
  exit 1
fi
SPARK_JAVA_OPTIONS=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$ROOT/pom.xml")

# This checkout's pin-cleaning first: local-classpath.txt names the jar in ~/.m2, which another build may have replaced.
CLASSPATH_JOB="$MODULE/target/classes:$ROOT/pin-cleaning/target/classes:$(cat "$MODULE/target/local-classpath.txt")"
mkdir -p "$WORK/floor-classes"
javac -nowarn -d "$WORK/floor-classes" -cp "$CLASSPATH_JOB" \
  "$ROOT/bench/batch/src/main/java/dev/pinpipeline/bench/batch/DailyFloorJob.java"

if [[ -f $ARCHIVE/PinterestTopic/dt=$DAY/_SUCCESS ]] && grep -q "\"records\": $EVENTS}" "$ARCHIVE/PinterestTopic/dt=$DAY/_SUCCESS"; then
  echo "== reusing the archive of $EVENTS events in $ARCHIVE =="
else
echo "== generating $EVENTS events for dt=$DAY in $ARCHIVE (archive format) =="
rm -rf "$ARCHIVE/PinterestTopic"
start=$(date +%s.%N)
python3 - "$EVENTS" "$DAY" "$ARCHIVE/PinterestTopic" "$ROOT/data/real-pins" <<'PY'
import gzip, json, os, random, sys, uuid
from datetime import datetime, timedelta, timezone

events, day, root, pins_dir = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
pins = []
for name in sorted(os.listdir(pins_dir)):
    with open(os.path.join(pins_dir, name), encoding="utf-8") as f:
        pins += [line.strip() for line in f if line.strip()]
rng = random.Random(42)
midnight = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
step = 86_400_000 / events                      # spread over the day, in order
files, offsets = {}, [0, 0]
for i in range(events):
    at = midnight + timedelta(milliseconds=int(i * step))
    partition = rng.randrange(2)
    key = (at.hour, partition)
    if key not in files:
        folder = os.path.join(root, f"dt={day}", f"hr={at.hour:02d}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"PinterestTopic+{partition}+{offsets[partition]:020d}.jsonl.gz")
        files[key] = gzip.open(path, "wt", encoding="utf-8", compresslevel=1)
    event_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    ingested = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
    files[key].write('{"event_id":"%s","ingested_at":"%s","topic":"PinterestTopic","partition":%d,"offset":%d,"pin":%s}\n'
                     % (event_id, ingested, partition, offsets[partition], rng.choice(pins)))
    offsets[partition] += 1
for f in files.values():
    f.close()
open(os.path.join(root, f"dt={day}", "_SUCCESS"), "w").write(json.dumps({"date": day, "records": events}))
PY
gen=$(echo "$(date +%s.%N) - $start" | bc)
echo "generated in ${gen}s: $(du -sh "$ARCHIVE" | cut -f1) of gzip JSON lines"
fi

echo "== baseline: gzip -dc of the same archive =="
start=$(date +%s.%N)
lines=$(find "$ARCHIVE" -name '*.jsonl.gz' -exec gzip -dc {} + | wc -l)
base=$(echo "$(date +%s.%N) - $start" | bc)
echo "decompressed $lines lines in ${base}s"

echo "== floor: DailyFloorJob (master $MASTER): read, parse the pin, write one Parquet dataset =="
start=$(date +%s.%N)
# shellcheck disable=SC2086
/usr/bin/time -o "$WORK/floor.cpu" -f '%U %S' java -Xmx2g $SPARK_JAVA_OPTIONS -cp "$WORK/floor-classes:$CLASSPATH_JOB" dev.pinpipeline.bench.batch.DailyFloorJob \
  "$MASTER" "file://$ARCHIVE/PinterestTopic/dt=$DAY" "file://$WORK/floor" \
  > "$WORK/floor.log" 2>&1 || { cat "$WORK/floor.log" >&2; exit 1; }
floor=$(echo "$(date +%s.%N) - $start" | bc)
echo "floor: ${floor}s"

echo "== DailyBatchJob --date $DAY (master $MASTER, no PostgreSQL) =="
start=$(date +%s.%N)
# shellcheck disable=SC2086
/usr/bin/time -o "$WORK/job.cpu" -f '%U %S' java -Xmx2g $SPARK_JAVA_OPTIONS ${JOB_JAVA_OPTS:-} -cp "$CLASSPATH_JOB" \
  dev.pinpipeline.batch.job.DailyBatchJob --master "$MASTER" --date "$DAY" \
  --input "file://$ARCHIVE/PinterestTopic" --output "file://$WORK/curated" --no-postgres \
  > "$WORK/report.txt" 2> "$WORK/job.log" || { cat "$WORK/job.log" >&2; exit 1; }
job=$(echo "$(date +%s.%N) - $start" | bc)
sed -n '1,8p' "$WORK/report.txt"
echo "-- the job's steps (stderr) --"
grep -E ' (INFO|WARN) ' "$WORK/job.log" | grep -v 'Utils:' | cut -c1-140 || true

echo
echo "== result ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) =="
printf 'events            %d\n' "$EVENTS"
printf 'job wall time     %.1f s (JVM start to exit, Spark start-up included)\n' "$job"
printf 'job throughput    %.0f events/s\n' "$(echo "$EVENTS / $job" | bc -l)"
printf 'baseline gunzip   %.1f s (%.0f lines/s)\n' "$base" "$(echo "$lines / $base" | bc -l)"
printf 'job / baseline    %.1fx\n' "$(echo "$job / $base" | bc -l)"
printf 'floor job         %.1f s (read, parse the pin, write one Parquet dataset)\n' "$floor"
printf 'CPU time (user+system): job %.1f s, floor %.1f s\n' "$(awk '{print $1 + $2}' "$WORK/job.cpu")" \
  "$(awk '{print $1 + $2}' "$WORK/floor.cpu")"
printf 'daily job: %d events, %.1f s, floor %.1f s, ratio %.2f\n' "$EVENTS" "$job" "$floor" "$(echo "$job / $floor" | bc -l)"
