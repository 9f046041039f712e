#!/usr/bin/env bash
# The job's throughput on ./noko run --cluster's topology (three brokers, a Flink job manager and task managers in
# their own JVMs with docker-compose.yml's configuration) with one and with two task managers (RELIABILITY.md, "Scale").
#   bench/cluster-throughput.sh [responses=300000] [task managers, comma-separated=1,2] [rounds=1]
# NOKO_STATE_BACKEND=rocksdb runs the job on RocksDB (hashmap).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
strip() { sed -r 's/\x1b\[[0-9;]*[A-Za-z]//g'; }
log="${TMPDIR:-/tmp}/noko-cluster-throughput.log"
echo "full log: $log"
java -Xmx4g -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.ClusterThroughputBenchmark "$@" 2>&1 | strip | tee "$log" | grep -E '^(BENCH|\|)' | sed 's/^ROW //'
grep '^ROW' "$log" | sed 's/^ROW //'
