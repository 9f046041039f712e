#!/usr/bin/env bash
# Public results pages and badges served by the shipped proxy configuration against an nginx answering from memory, on
# this machine (see BENCHMARKS.md).
#   bench/public-results.sh [seconds per round=10] [connections=64] [wrk threads=1] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then run_root() { "$@"; }; else run_root() { sudo "$@"; }; fi
  run_root apt-get update -qq
  run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
source bench/common.sh
java -Xmx1g -cp "local-run/target/classes:$(cat local-run/target/run.classpath)" \
  ru.noko.local.bench.PublicResultsBenchmark "$@" 2>&1 | grep -E '^(BENCH|machine|date)' || true
