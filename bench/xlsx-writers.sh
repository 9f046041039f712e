#!/usr/bin/env bash
# The exports' XLSX writer against the alternative: fastexcel (what the export module uses) and Apache POI's streaming
# SXSSF (in the module's tests only) write the same synthetic ranking export — 10,000 organizations × 25 columns and
# 200,000 indicator rows × 8 columns — with the same styles and the same reproducible package. Each write runs in a
# JVM of its own (cold, as a one-off export does), the two libraries alternately, with the same -Xmx; then, for each,
# the smallest heap (in steps of 8 MiB) with which the write still completes. Prints every run, the medians and the
# ratios (SXSSF / fastexcel).
#   bench/xlsx-writers.sh [runs=5] [organizations=10000] [heap=256m]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
organizations=${2:-10000}
heap=${3:-256m}
./noko maven -q -DskipTests install -pl export -am
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")"
classpath="export/target/test-classes:export/target/classes:$(cat export/target/test.classpath)"
out=$(mktemp -d /tmp/noko-xlsx-XXXXXX)
trap 'rm -rf "$out"' EXIT

# POI logs through the Log4j API; its simple logger keeps the output to errors.
bench() {
  java "-Xmx$1" -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -cp "$classpath" ru.noko.export.files.XlsxWritersBenchmark "$2" "$organizations" "$out/$2.xlsx"
}
field() { grep -o " $1=[0-9.]*" | cut -d= -f2; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A seconds allocated peak bytes
for run in $(seq "$runs"); do
  for library in fastexcel sxssf; do
    line=$(bench "$heap" "$library" | grep '^BENCH')
    echo "run $run: $line"
    seconds[$library]+="$(field seconds <<<"$line") "
    allocated[$library]+="$(field allocated_mib <<<"$line") "
    peak[$library]+="$(field peak_used_mib <<<"$line") "
    bytes[$library]=$(field bytes <<<"$line")
  done
done

declare -A smallest
for library in fastexcel sxssf; do
  smallest[$library]="over 512 MiB"
  for mib in $(seq 48 8 512); do
    if bench "${mib}m" "$library" >/dev/null 2>&1; then smallest[$library]="${mib} MiB"; break; fi
  done
done

echo "medians of $runs runs at -Xmx$heap:"
for library in fastexcel sxssf; do
  # shellcheck disable=SC2086
  echo "  $library: $(median ${seconds[$library]}) s, allocated $(median ${allocated[$library]}) MiB," \
    "peak heap in use $(median ${peak[$library]}) MiB, file ${bytes[$library]} bytes," \
    "smallest heap ${smallest[$library]}"
done
# shellcheck disable=SC2086
awk -v s="$(median ${seconds[sxssf]})" -v f="$(median ${seconds[fastexcel]})" \
  -v sa="$(median ${allocated[sxssf]})" -v fa="$(median ${allocated[fastexcel]})" \
  'BEGIN {printf "ratio sxssf / fastexcel: time %.2f, allocated %.2f\n", s / f, sa / fa}'
