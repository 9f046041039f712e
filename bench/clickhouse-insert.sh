#!/usr/bin/env bash
# The raw rows' insert through the native driver's own prepared insert and through the sinks' columnar insert
# (ColumnarInsertDriver), alternately, into a Null-engine copy of survey_responses: the inserting thread's CPU per row.
#   bench/clickhouse-insert.sh [rounds=7] [rows per round=500000] [batch=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
exec java -Xms2g -Xmx2g -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.ClickHouseInsertBenchmark "$@"
