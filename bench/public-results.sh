#!/usr/bin/env bash
# Public results pages and badges served by the shipped proxy configuration against an nginx answering from memory, on
# this machine (see BENCHMARKS.md).
#   bench/public-results.sh [seconds per round=10] [connections=64] [wrk threads=1] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wrk-and-nginx.sh
source bench/common.sh
java -Xmx1g -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
  ru.noko.bench.PublicResultsBenchmark "$@" 2>&1 | grep -E '^(BENCH|machine|date)' || true
