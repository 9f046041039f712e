#!/usr/bin/env bash
# The Flink job's state per response and its checkpoints, with the heap and the RocksDB state backend (RELIABILITY.md,
# "Scale"): one fresh JVM (and Kafka, ClickHouse) per campaign size and backend, then a table of all of them.
#   bench/state-size.sh [responses, comma-separated=1000000] [backends=hashmap,rocksdb] [seed=1]
# BENCH_JVM_OPTS sets the JVM (default: the compose task manager's 12g heap, 6g young generation, parallel collector);
# BENCH_MANAGED_MEMORY the managed memory RocksDB gets (1g); NOKO_CHECKPOINT_INTERVAL the checkpoints' interval (10s).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-1000000}
backends=${2:-hashmap,rocksdb}
seed=${3:-1}
strip() { sed -r 's/\x1b\[[0-9;]*[A-Za-z]//g'; }
./noko setup | strip
./noko maven -q -DskipTests install -pl bench -am
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for n in ${sizes//,/ }; do
  for backend in ${backends//,/ }; do
    log="${TMPDIR:-/tmp}/noko-state-size-$n-$backend.log"
    echo "== $n responses, $backend (full log: $log)"
    java ${BENCH_JVM_OPTS:--Xms12g -Xmx12g -Xmn6g -XX:+UseParallelGC} \
      -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
      ru.noko.bench.StateSizeBenchmark "$n" "$backend" "$seed" 2>&1 \
      | strip | tee "$log" | grep -E '^(BENCH|ROW) \|' | tee -a "$rows" | grep '^BENCH'
  done
done
echo
echo "| responses | backend | checkpoint: full state, bytes | per response | last checkpoint uploaded, bytes | its duration, ms | longest checkpoint, ms | heap held, bytes | per response | RocksDB on local disk, bytes | responses/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
grep '^ROW' "$rows" | sed 's/^ROW //'
