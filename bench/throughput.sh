#!/usr/bin/env bash
# Throughput, freshness and checkpoints of Kafka → Flink → ClickHouse on this machine (see BENCHMARKS.md).
#   bench/throughput.sh [responses=1000000] [probes per second=200] [probe seconds=30] [out-of-orderness=2s]
set -euo pipefail
cd "$(dirname "$0")/.."
./noko setup
mvn -B -q -DskipTests install
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
exec java -Xms4g -Xmx12g -XX:+UseG1GC \
  -cp "local-run/target/classes:$(cat local-run/target/run.classpath)" \
  ru.noko.local.bench.ThroughputBenchmark "$@"
