#!/usr/bin/env bash
# The chaos run: the whole local pipeline (as ./pipeline runs it) fed steadily, while a seeded scheduler SIGKILLs
# its parts at random for the given minutes; then an independent reader checks that nothing acknowledged was lost,
# nothing was archived twice, and PostgreSQL and the daily batch agree with Kafka and the archive. Read the README
# beside this script.
#
#   bench/chaos/run.sh [minutes=10] [--seed N] [--brokers 1|3] [--no-partitions] [--keep]
#
# Network partitions (as root, with iproute2): batch-consumer-2 and spark-streaming run in a network namespace this
# script creates (chaos-<pid>, veth links on 10.231.0.0/16 that exist only between it and this host), and the
# scheduler cuts their link to Kafka or to PostgreSQL for a while. The namespace is deleted at exit.
# --brokers 3 runs Kafka as a local-infra cluster of three nodes (topic replication factor 3, min.insync.replicas 2)
# and kills partition leaders; the default is ./pipeline's single broker, killed and restarted on its data.
#
# Loopback only (every server and service listens on 127.0.0.1). Bounded: the run is killed after minutes + 25.
# Its last line: "chaos: F faults, acknowledged A, kafka K, archived R, pin_events E, lost L, doubled D".
# Exit code 0 when nothing was lost, doubled or left wrong and every fault was survived.
# Environment: CHAOS_SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

minutes=10
seed=17
brokers=1
partitions=yes
keep=no
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --brokers) brokers="$2"; shift 2 ;;
    --keep) keep=yes; shift ;;
    --no-partitions) partitions=no; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) minutes="$1"; shift ;;
  esac
done

if [ "${CHAOS_SKIP_BUILD:-}" != "1" ]; then
  echo "Building the pipeline (./mvnw package, no tests)..."
  ./mvnw -B -q package -DskipTests
fi
launcher="local-pipeline/target/local-pipeline-0.1.0-SNAPSHOT.jar"
classpath="$launcher:local-pipeline/target/lib/*"
# Compiled per run, so that two runs at once do not pull each other's classes away.
classes="$here/target/classes-$$"
mkdir -p "$classes"
javac -d "$classes" -cp "$classpath" $(find "$here/src/main/java" -name '*.java')

data_dir="$here/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
namespace=""
trap 'rm -rf "$classes"' EXIT
if [ "$partitions" = yes ]; then
  if [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null && ip netns list >/dev/null 2>&1; then
    namespace="chaos-$$"
    trap 'ip netns del "$namespace" 2>/dev/null || true; rm -rf "$classes"' EXIT
  else
    echo "No network partitions: they need root and iproute2's ip netns (--no-partitions hides this line)."
  fi
fi
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
limit=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 + 1500 }')
status=0
timeout --signal=TERM --kill-after=30 "$limit" \
  java -Xmx384m -XX:+UseSerialGC -Dpipeline.home="$root" -cp "$classes:$classpath" \
  dev.pinpipeline.bench.chaos.ChaosRun "$minutes" "$seed" "$data_dir" "$brokers" "$namespace" | tee "$data_dir.log" || status=$?
if [ "$keep" = no ] && [ "$status" -eq 0 ]; then
  rm -rf "$data_dir"
fi
exit "$status"
