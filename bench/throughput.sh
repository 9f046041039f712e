#!/usr/bin/env bash
# Throughput, freshness and checkpoints of Kafka → Flink → ClickHouse on this machine (see BENCHMARKS.md).
#   bench/throughput.sh [responses=1000000] [probes per second=200] [probe seconds=30] [out-of-orderness=1s, the job's default]
# BENCH_JVM_OPTS sets the JVM (the MiniCluster's task manager) options; NOKO_CHECKPOINT_INTERVAL the checkpoints';
# NOKO_STATE_BACKEND=rocksdb the state backend (hashmap); BENCH_WARM_UP=N first runs the same job over N other
# responses in this JVM and measures the second job (the JIT's warm-up left out; BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
exec java ${BENCH_JVM_OPTS:-$BENCH_DEFAULT_JVM_OPTS} \
  -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.ThroughputBenchmark "$@"
