#!/usr/bin/env bash
# The throughput benchmark on an earlier commit and on this checkout, alternately (each side first in every other run),
# so both are measured on the same machine in the same session; prints each run's end-to-end rate (live figures) and
# steady state, their medians, and the median of each run's ratio (a run's two sides, one after the other, share the
# machine's drift).
#   bench/throughput-compare.sh <git revision> [runs each=3] [responses=1000000] [out-of-orderness=1s]
# The earlier commit is built in a worktree beside this one with this checkout's benchmark harness, so both are
# measured the same way. BENCH_JVM_OPTS sets both sides' JVM options (throughput.sh's by default), BASELINE_JVM_OPTS the
# baseline's apart.
set -euo pipefail
cd "$(dirname "$0")/.."
revision=${1:?usage: bench/throughput-compare.sh <git revision> [runs] [responses] [out-of-orderness]}
runs=${2:-3}
responses=${3:-1000000}
bound=${4:-1s}
here=$(pwd)
there=$(mktemp -d /tmp/noko-baseline-XXXXXX)
logs=$(mktemp -d /tmp/noko-compare-XXXXXX)
source bench/common.sh
git worktree add -f --detach "$there" "$revision" >/dev/null
trap 'git worktree remove --force "$there"' EXIT
harness=bench/src/main/java/ru/noko/bench/ThroughputBenchmark.java
# A baseline from before the bench module kept the benchmarks in local-run, in package ru.noko.local.bench.
if [ -f "$there/bench/pom.xml" ]; then
  module=bench; package=ru.noko.bench; cp "$harness" "$there/$harness"
else
  module=local-run; package=ru.noko.local.bench
  # ... and, before the commands' packages, the campaign generator in ru.noko.pipeline.tools.generator.
  generator=ru.noko.pipeline.generator
  [ -d "$there/pipeline/src/main/java/ru/noko/pipeline/generator" ] || generator=ru.noko.pipeline.tools.generator
  sed -e "s/^package ru\.noko\.bench;/package $package;/" -e "s/ru\.noko\.pipeline\.generator\./$generator./" \
    "$harness" > "$there/local-run/src/main/java/ru/noko/local/bench/ThroughputBenchmark.java"
fi
(cd "$there" && mvn -B -q -o --no-transfer-progress -DskipTests package 2>&1 | sed -r "s/\x1b\[[0-9;]*m//g")
# The baseline's own module jars, not the ones this checkout installed.
sed -e "s#[^:]*/ru/noko/\([a-z-]*\)/[^/]*/\([a-z-]*\)-[^/:]*\.jar#$there/\1/target/\1-0.1.0-SNAPSHOT.jar#g" \
  "$there/$module/target/run.classpath" > "$there/run.classpath"
echo "baseline $(git rev-parse --short "$revision"), candidate $(git rev-parse --short HEAD), out-of-orderness $bound"
rate() { grep -a -o 'live figures |[^|]*' "$1" | grep -o '[0-9]* responses/s' | cut -d' ' -f1; }
steady() { grep -a -o 'steady state, verdicts |[^|]*' "$1" | grep -o '[0-9]* responses/s' | cut -d' ' -f1; }
# Both sides in the same JVM unless BASELINE_JVM_OPTS says otherwise: another collector is another benchmark.
jvm=${BENCH_JVM_OPTS:-$BENCH_DEFAULT_JVM_OPTS}
base=(); cand=(); base_steady=(); cand_steady=(); pairs=(); pairs_steady=()
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
baseline_run() {
  (cd "$there" && java ${BASELINE_JVM_OPTS:-$jvm} -cp "$module/target/classes:$(cat run.classpath)" \
    "$package.ThroughputBenchmark" "$responses" 200 30 "$bound" > "$logs/baseline-$1.log" 2>&1)
}
candidate_run() {
  java $jvm -cp "bench/target/classes:$(cat bench/target/run.classpath)" \
    ru.noko.bench.ThroughputBenchmark "$responses" 200 30 "$bound" > "$logs/candidate-$1.log" 2>&1
}
for run in $(seq "$runs"); do
  # Each side goes first in every other run: on this machine the second of two back-to-back runs was the faster end to
  # end in each of four pairs, by 1-12 %, whichever build it ran, so always running the candidate second flattered it.
  if (( run % 2 )); then baseline_run "$run"; candidate_run "$run"; else candidate_run "$run"; baseline_run "$run"; fi
  base+=("$(rate "$logs/baseline-$run.log")")
  cand+=("$(rate "$logs/candidate-$run.log")")
  base_steady+=("$(steady "$logs/baseline-$run.log")"); cand_steady+=("$(steady "$logs/candidate-$run.log")")
  pairs+=("$(ratio "${cand[-1]}" "${base[-1]}")"); pairs_steady+=("$(ratio "${cand_steady[-1]}" "${base_steady[-1]}")")
  echo "run $run: baseline ${base[-1]} responses/s, candidate ${cand[-1]} responses/s;" \
    "steady state ${base_steady[-1]} and ${cand_steady[-1]} responses/s"
  for side in baseline candidate; do
    grep -a BENCH "$logs/$side-$run.log" | grep -E "freshness|checkpoints" | sed "s/^/$side /" || true
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mb=$(median "${base[@]}"); mc=$(median "${cand[@]}")
echo "logs: $logs"
echo "median: baseline $mb responses/s, candidate $mc responses/s, ratio $(ratio "$mc" "$mb")"
mbs=$(median "${base_steady[@]}"); mcs=$(median "${cand_steady[@]}")
echo "median steady state: baseline $mbs responses/s, candidate $mcs responses/s, ratio $(ratio "$mcs" "$mbs")"
# The machine's speed drifts from minute to minute; a run's two sides, measured one after the other, share it.
echo "median of each run's ratio: end to end $(median "${pairs[@]}"), steady state $(median "${pairs_steady[@]}")"
