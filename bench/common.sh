# Sourced by the benchmark scripts: installs what is missing, builds without tests, and prints the machine and date
# that BENCHMARKS.md quotes with every result.
./noko setup
./noko maven -q -DskipTests install
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
# The benchmark JVM unless BENCH_JVM_OPTS says otherwise. The parallel collector: a throughput job whose state lives
# for seconds to hours pauses less in all than with G1 (BENCHMARKS.md compares the two).
BENCH_DEFAULT_JVM_OPTS="-Xms12g -Xmx12g -Xmn6g -XX:+UseParallelGC"
