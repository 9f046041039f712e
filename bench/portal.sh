#!/usr/bin/env bash
# The personal-accounts portal with a region's registry, on the whole local system (see BENCHMARKS.md): the import of
# 10,000 organizations (new registry, then a year's changes), then 50 users at once on the organization page and on
# the operator's lists, against the login page as the baseline in the same run.
#   bench/portal.sh [organizations=10000] [seconds per scenario and round=30] [rounds=2] [users=50]
#                   [new-registry imports=3] [changed-registry imports=3] [warm-up seconds per scenario=15]
#                   [pause after each answer, ms=0] [imports under all-new ids, after the load=1]
# BENCH_HOLD=<seconds> keeps the system up that long at the end, for a look inside (psql, JFR).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
gateway_jar=$(ls ingest-gateway/target/ingest-gateway-*-exec.jar | head -n 1)
portal_jar=$(ls portal/target/portal-*-exec.jar | head -n 1)
exec java -Xmx2g -Dnoko.gatewayJar="$gateway_jar" -Dnoko.portalJar="$portal_jar" -Dnoko.bench.hold="${BENCH_HOLD:-0}" \
  -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.PortalBenchmark "$@"
