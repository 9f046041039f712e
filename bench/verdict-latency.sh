#!/usr/bin/env bash
# How long a response waits for its anti-fraud verdict, on the whole local system with its default settings
# (see BENCHMARKS.md): at 1 response/s on an otherwise idle system, then at 200/s.
#   bench/verdict-latency.sh [seconds at 1/s=120] [seconds at 200/s=30]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
gateway_jar=$(ls ingest-gateway/target/ingest-gateway-*-exec.jar | head -n 1)
portal_jar=$(ls portal/target/portal-*-exec.jar | head -n 1)
exec java -Xmx2g -Dnoko.gatewayJar="$gateway_jar" -Dnoko.portalJar="$portal_jar" \
  -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.VerdictLatencyBenchmark "$@"
