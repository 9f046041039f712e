#!/usr/bin/env bash
# How long the ministry's ranking export takes, and how much memory, for a large region: N organizations and M
# responses (default 10,000 and 1,000,000) through ./noko export from files — registry, responses, self-assessments
# read and validated as ./noko score reads them, figures by the exact engine, XLSX + CSV + manifest written. Runs the
# export R times (default 3), each in a JVM of its own with the given heap, and prints wall time, CPU and peak RSS.
#   bench/export.sh [organizations=10000] [responses=1000000] [runs=3] [heap=1g]
set -euo pipefail
cd "$(dirname "$0")/.."
organizations=${1:-10000}
responses=${2:-1000000}
runs=${3:-3}
heap=${4:-1g}
command -v /usr/bin/time >/dev/null 2>&1 || { echo "bench/export.sh needs GNU time (Debian package time)"; exit 2; }
./noko maven -q -DskipTests install -pl export -am
./noko maven -q test-compile dependency:build-classpath -pl export -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="export/target/test-classes:export/target/classes:$(cat export/target/bench.classpath)"
data=$(mktemp -d /tmp/noko-export-bench-XXXXXX)
trap 'rm -rf "$data"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
java -cp "$classpath" ru.noko.export.bench.ExportBenchmarkData "$data/in" "$organizations" "$responses"
echo "inputs: $organizations organizations, $responses responses ($(du -h "$data/in/responses.jsonl" | cut -f1) of JSON lines)"
for run in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" -o "$data/time" java "-Xmx$heap" -XX:+UseParallelGC -cp "$classpath" \
    ru.noko.export.cli.ExportCommand --campaign demo-2026-noko --registry "$data/in/registry.csv" \
    --responses "$data/in/responses.jsonl" --self-assessment "$data/in/self-assessment.json" \
    --cut-off 2026-03-01T00:00:00Z --out "$data/out-$run" 2>/dev/null
  read -r wall user sys rss < "$data/time"
  echo "BENCH | export, run $run | wall ${wall} s, CPU $(echo "$user + $sys" | bc) s, peak RSS $((rss / 1024)) MiB, heap limit $heap |"
done
folder=$(ls -d "$data"/out-1/demo-2026-noko/*)
echo "BENCH | files | $(ls -l "$folder" | awk 'NR>1 {printf "%s %s B; ", $9, $5}')"
