#!/usr/bin/env bash
# Throughput of the public survey endpoint against an nginx answering 202 on this machine (see BENCHMARKS.md).
#   bench/gateway.sh [gateway|system|both=both] [seconds per round=20] [connections=64] [wrk threads=1] [rounds=2] [post|mixed=post]
# gateway: the gateway with Kafka only (the endpoint's own capacity); system: the whole local system.
# post: submissions only; mixed: every other request opens an organization's survey page (bench/gateway-mixed.lua).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wrk-and-nginx.sh
source bench/common.sh
# NOKO_GATEWAY_JAR: another build's gateway, to compare two builds in one session
gateway_jar=${NOKO_GATEWAY_JAR:-$(ls ingest-gateway/target/ingest-gateway-*-exec.jar | head -n 1)}
portal_jar=$(ls portal/target/portal-*-exec.jar | head -n 1)
setups=${1:-both}
shift || true
[ "$setups" = both ] && setups="gateway system"
for setup in $setups; do
  java -Xmx2g -Dnoko.gatewayJar="$gateway_jar" -Dnoko.portalJar="$portal_jar" -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
    ru.noko.bench.GatewayBenchmark "$setup" "$@" 2>&1 | grep -E '^(BENCH|machine|date)' || true
done
